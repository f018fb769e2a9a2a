"""Amounts of money in euros, declared the same way by every domain (a fee, a
price, a room's rate, a funding amount)."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models


def euro_amount(
    verbose_name, *, max_digits: int = 7, validators=(), **kwargs
) -> models.DecimalField:
    """An optional amount in euros with cents, never negative; ``validators`` are
    added after the lower bound (e.g. an upper bound)."""
    return models.DecimalField(
        verbose_name,
        max_digits=max_digits,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), *validators],
        **kwargs,
    )
