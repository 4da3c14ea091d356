"""Template filters for the plan's numbers: money, indicator values, tiers, risk bands."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from goldenthread.risks.selectors import score_band

register = template.Library()


@register.filter
def money(value: object, places: int = 0) -> str:
    """An amount with thousands separators: 1234567.5 -> '1,234,568'."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"{amount:,.{int(places)}f}"


@register.filter
def compact_money(value: object) -> str:
    """An amount in short form for tiles: 12.3M, 450k."""
    if value is None:
        return ""
    amount = Decimal(str(value))
    for size, suffix in ((Decimal("1e9"), "bn"), (Decimal("1e6"), "M"), (Decimal("1e3"), "k")):
        if abs(amount) >= size:
            return f"{amount / size:,.1f}{suffix}"
    return f"{amount:,.0f}"


@register.filter
def num(value: object) -> str:
    """An indicator value without meaningless trailing zeros: 67.000000 -> '67'."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if number == number.to_integral_value():
        return f"{number.to_integral_value():,}"
    return f"{number.normalize():,f}"


@register.filter
def percent(value: object) -> str:
    """A share 0-1 as a percentage: 0.25 -> '25%'."""
    if value is None:
        return ""
    share = Decimal(str(value)) * 100
    return f"{share.normalize():f}%" if share != share.to_integral_value() else f"{int(share)}%"


@register.filter
def band(score: int | None) -> str:
    """The key of the risk band a score falls in (for a CSS class)."""
    return score_band(score).key


@register.filter
def band_label(score: int | None) -> str:
    return score_band(score).label


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key) if mapping else None


TIER_NAMES = {1: "Organisation", 2: "Sector or bureau", 3: "Department or office", 4: "Person"}


@register.filter
def tier_name(tier: int) -> str:
    """What a tier means: 1 organisation, 2 sector or bureau, 3 department, 4 person."""
    return TIER_NAMES.get(tier, f"Tier {tier}")


@register.inclusion_tag("components/tier.html")
def tier_badge(tier: int) -> dict[str, object]:
    return {"tier": tier, "name": tier_name(tier)}


STATUS_LABELS = {"on_track": "On track", "at_risk": "At risk", "off_track": "Off track", "no_data": "No data"}


@register.filter
def status_label(status: str) -> str:
    """The words for a score status (never colour alone)."""
    return STATUS_LABELS.get(status, status.replace("_", " ").capitalize())


@register.inclusion_tag("components/score.html")
def score_chip(score: float | None, status: str, coverage: float | None = None) -> dict[str, object]:
    """A score with its status in words, and its coverage when given."""
    return {"score": score, "status": status, "label": status_label(status), "coverage": coverage}


@register.filter
def words(code: str) -> str:
    """A code as words: ``weighted_mean`` -> ``weighted mean``."""
    return str(code).replace("_", " ")


@register.filter
def with_article(noun: str) -> str:
    """A noun with its indefinite article: ``an indicator``, ``a result``, ``a unit``."""
    noun = str(noun)
    sounds_like_you = noun.lower().startswith(("uni", "use", "usu", "eu", "one"))
    vowel = noun[:1].lower() in "aeiou" and not sounds_like_you
    return f"{'an' if vowel else 'a'} {noun}"
