"""Amounts of money as people type them: "1.000,50 €", "2,000", "2000 EUR".

A single separator followed by exactly three digits groups thousands ("2.000",
"2,000"); otherwise the last separator is the decimal point ("1.000,50",
"1,000.50", "2,5")."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# No programme in the hub gives more than this; larger numbers are typing errors.
MAX_AMOUNT = Decimal("10000000")

_CLEAN = re.compile(r"(€|eur(o)?)", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")


class AmountError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def parse_amount(text: str) -> Decimal | None:
    """The amount in ``text`` (None when empty); raises AmountError with a message."""
    value = _CLEAN.sub("", str(text or "")).replace("\xa0", " ").strip()
    value = value.replace(" ", "")
    if not value:
        return None
    negative = value.startswith("-") or value.startswith("−")
    if negative:
        raise AmountError(_("Enter an amount of 0 € or more."))
    if not re.fullmatch(r"[\d.,]+", value) or not re.search(r"\d", value):
        raise AmountError(
            _("Enter the amount in euros, for example 2.000 or 1.000,50 €.")
        )
    if _GROUPED.match(value) and len({c for c in value if c in ".,"}) == 1:
        number = value.replace(".", "").replace(",", "")
    else:
        last = max(value.rfind("."), value.rfind(","))
        if last == -1:
            number = value
        else:
            whole, fraction = value[:last], value[last + 1 :]
            whole = whole.replace(".", "").replace(",", "")
            if not fraction.isdigit() or len(fraction) > 2 or not whole.isdigit():
                raise AmountError(
                    _("Enter the amount in euros, for example 2.000 or 1.000,50 €.")
                )
            number = f"{whole}.{fraction}"
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise AmountError(
            _("Enter the amount in euros, for example 2.000 or 1.000,50 €.")
        ) from None
    if amount > MAX_AMOUNT:
        raise AmountError(
            _("That is more than any programme here gives (at most 10.000.000 €).")
        )
    return amount.quantize(Decimal("0.01"))


class AmountField(forms.CharField):
    """A text field for euros that understands German and English notation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_amount(value, plain=True)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if len(text) > 40:
            raise ValidationError(
                _("Enter the amount in euros, for example 2.000 or 1.000,50 €."),
                code="amount",
            )
        try:
            return parse_amount(text)
        except AmountError as error:
            raise ValidationError(error.message, code="amount") from None


def format_amount(value: Decimal | None, *, plain: bool = False) -> str:
    """1234.5 -> "1.234,50 €" in German, "€1,234.50"-free style "1,234.50 €" in
    English; whole euros without cents."""
    from django.utils import translation

    if value is None:
        return ""
    whole = value == value.to_integral_value()
    text = f"{value:,.0f}" if whole else f"{value:,.2f}"
    if translation.get_language() != "en":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text if plain else f"{text} €"


def amount_range(lo, hi) -> str:
    """ "500 € to 5.000 €", "up to 2.500 €", "from 1.000 €" or ""."""
    from django.utils.translation import gettext

    if lo is not None and hi is not None:
        if lo == hi:
            return format_amount(lo)
        return gettext("%(min)s to %(max)s") % {
            "min": format_amount(lo),
            "max": format_amount(hi),
        }
    if hi is not None:
        return gettext("up to %(max)s") % {"max": format_amount(hi)}
    if lo is not None:
        return gettext("from %(min)s") % {"min": format_amount(lo)}
    return ""
