"""The thread boards' cards, from the one card template the strategy map uses too."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.safestring import SafeString

from goldenthread.core.templatetags.goldenthread import status_label
from goldenthread.plans.selectors import card_html

register = template.Library()


@register.simple_tag(takes_context=True)
def board_card(context: template.Context, card: Any) -> SafeString:
    """A card of a thread board (``plans.threads.ThreadCard``): its result's page for the
    board's period, its unit on the chip, its status in words under the title, and the
    person's share of the year on it when the board is a work plan."""
    cycle, period, plan = context["cycle"], context.get("period"), context.get("plan")
    href = reverse("result_detail", args=[cycle.code, card.code]) + (f"?period={period}" if period else "")
    return card_html(
        id=card.id, code=card.code, title=card.title, status=card.status, href=href,
        chip=card.unit_code, label=status_label(card.status),
        score="\u2013" if card.score is None else floatformat(card.score, 0),  # an en dash
        has_score=card.score is not None, context=not card.own, own=card.own,
        restricted=card.restricted, foot=True,
        share=f"{round(card.share * 100)}" if card.share else "",
        year=getattr(plan, "year", None), miss=card.likely_to_miss, served=card.served,
    )
