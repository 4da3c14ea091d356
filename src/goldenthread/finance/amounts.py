"""Reading an amount of money a person typed (a scenario's envelope, on a page or the
command line): 150000000, 150_000_000, 150,000,000, 150 000 000 or 1250000.50."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")


def parse_amount(text: str) -> Decimal | None:
    """The amount ``text`` gives, to the cent; None when it is blank. A ValueError says
    what is wrong with it, for the caller to place (a field, an option)."""
    cleaned = text.strip().replace("_", "").replace(",", "").replace(" ", "").replace("'", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not an amount") from None
    if not value.is_finite():
        raise ValueError(f"'{text}' is not an amount")
    if value < 0:
        raise ValueError("an amount cannot be negative")
    if value != value.quantize(CENT):
        raise ValueError(f"'{text}' has more than 2 decimal places")
    return value.quantize(CENT)
