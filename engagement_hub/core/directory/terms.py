"""Taxonomy terms (categories, target groups, districts) named in a listing's or a
page's language, cached under the ``terms`` token that every change of a term
renews (``directory.signals``)."""

from __future__ import annotations

from django.core.cache import cache
from wagtail.models import Locale

from engagement_hub.core.models import Category, District, TargetGroup

from . import cache as tokens


def term_options(model, locale: Locale) -> list[tuple[str, str]]:
    """(slug, name) of every term, named in ``locale`` where a translation exists;
    cached until a term changes."""
    token = tokens.tokens([tokens.TERMS])[tokens.TERMS]
    key = f"eh:directory:terms:{model._meta.label_lower}:{locale.pk}:{token}"
    options = cache.get(key)
    if options is None:
        names: dict[str, str] = {}
        order: dict[str, tuple] = {}
        for slug, name, locale_id, sort_order in model.objects.values_list(
            "slug", "name", "locale_id", "sort_order"
        ):
            if slug not in names or locale_id == locale.pk:
                names[slug] = name
                order[slug] = (sort_order, name)
        options = sorted(names.items(), key=lambda item: order[item[0]])
        cache.set(key, options, timeout=None)
    return options


def slugs_by_pk(model) -> dict[int, str]:
    token = tokens.tokens([tokens.TERMS])[tokens.TERMS]
    key = f"eh:directory:slugs:{model._meta.label_lower}:{token}"
    slugs = cache.get(key)
    if slugs is None:
        slugs = dict(model.objects.values_list("pk", "slug"))
        cache.set(key, slugs, timeout=None)
    return slugs


def detail_term_labels(page) -> dict:
    """A detail page's terms named in its language (the term names are cached; the
    page's own links cost one query per relation)."""
    locale = Locale(pk=page.locale_id)
    labels = {}
    for name, model in (("categories", Category), ("target_groups", TargetGroup)):
        names = dict(term_options(model, locale))
        labels[name] = [
            names.get(term.slug, term.name) for term in getattr(page, name).all()
        ]
    slug = slugs_by_pk(District).get(page.district_id)
    labels["district"] = (
        dict(term_options(District, locale)).get(slug, slug) if slug else ""
    )
    return labels
