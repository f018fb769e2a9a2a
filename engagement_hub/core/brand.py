"""A town's colours: WCAG 2.x contrast, the text colour that reads on a colour, and
the stylesheet of custom properties the base template links to (a same-origin file,
so the CSP needs no 'unsafe-inline' and cached pages need no nonce)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
DARK = "#1a1a1a"
# WCAG 2.1 AA: 4.5:1 for body text, 3:1 for large text and user interface parts.
AA_TEXT = 4.5
AA_UI = 3.0

DEFAULT_PRIMARY = "#004f7c"
DEFAULT_ACCENT = "#8a3b00"


def hex_colour(value: str) -> None:
    if not HEX.match(value or ""):
        raise ValidationError(
            _("Enter a colour as # and six hexadecimal digits, e.g. #004f7c.")
        )


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.x) of ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """The contrast ratio (1 to 21) of two colours."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(colour: str) -> str:
    """White or near-black, whichever contrasts more with ``colour``."""
    return WHITE if contrast(colour, WHITE) >= contrast(colour, DARK) else DARK


def darker(colour: str, factor: float = 0.75) -> str:
    r, g, b = (int(int(colour[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return f"#{r:02x}{g:02x}{b:02x}"


def check_brand_colour(colour: str, *, label) -> None:
    """The colour is used for links on white and as a background behind text:
    both must reach 4.5:1."""
    on_white = contrast(colour, WHITE)
    if on_white < AA_TEXT:
        raise ValidationError(
            _(
                "%(label)s has a contrast of %(ratio)s:1 against white; links and "
                "text in this colour need at least 4.5:1 (WCAG AA). Choose a darker "
                "colour."
            ),
            params={"label": label, "ratio": number_format(on_white, 2)},
            code="contrast",
        )
    text = text_on(colour)
    on_brand = contrast(colour, text)
    if on_brand < AA_TEXT:
        raise ValidationError(
            _(
                "Text on %(label)s reaches only %(ratio)s:1; it needs at least "
                "4.5:1 (WCAG AA)."
            ),
            params={"label": label, "ratio": number_format(on_brand, 2)},
            code="contrast",
        )


def stylesheet(primary: str, accent: str) -> str:
    primary = primary if HEX.match(primary or "") else DEFAULT_PRIMARY
    accent = accent if HEX.match(accent or "") else DEFAULT_ACCENT
    return (
        ":root{"
        f"--hub-primary:{primary};"
        f"--hub-primary-dark:{darker(primary)};"
        f"--hub-on-primary:{text_on(primary)};"
        f"--hub-on-primary-dark:{text_on(darker(primary))};"
        f"--hub-accent:{accent};"
        f"--hub-on-accent:{text_on(accent)};"
        "}\n"
    )
