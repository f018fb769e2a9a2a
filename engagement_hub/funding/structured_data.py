"""schema.org MonetaryGrant JSON-LD of a guide (grants and prizes; a loan or help
in kind is described as a plain Grant without an amount)."""

from __future__ import annotations

from engagement_hub.core.directory.structured_data import absolute, compact

from .choices import FundingKind


def guide_json_ld(page, request) -> dict:
    monetary = page.funding_kind in (FundingKind.GRANT, FundingKind.PRIZE)
    amount = None
    if monetary and (page.amount_min is not None or page.amount_max is not None):
        amount = {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "minValue": str(page.amount_min) if page.amount_min is not None else None,
            "maxValue": str(page.amount_max) if page.amount_max is not None else None,
        }
    return compact(
        {
            "@context": "https://schema.org",
            "@type": "MonetaryGrant" if monetary else "Grant",
            "name": page.title,
            "description": page.plain_summary or page.short_description,
            "url": absolute(request, page.get_url(request)),
            "inLanguage": page.locale.language_code,
            "funder": {
                "@type": "Organization",
                "name": page.funder_name,
                "url": page.link or None,
            },
            "amount": amount,
            "sameAs": page.link or None,
        }
    )
