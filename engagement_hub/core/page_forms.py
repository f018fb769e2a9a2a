"""The page editor keeps to the page's language: every choice of a translatable
snippet (categories, target groups, districts) offers the terms of the page's
locale only, shows the page's own terms as their twins in that locale, and
refuses a term of another locale with a message that names the right one.

A domain's page uses it as ``base_form_class = LocaleTermsPageForm`` (or a
subclass); it works for new pages too, whose locale Wagtail takes from the parent
before the form is built.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TranslatableMixin

from engagement_hub.core.slugs import AsciiSlugPageForm


def _is_term_model(model) -> bool:
    return (
        model is not None
        and issubclass(model, TranslatableMixin)
        and not issubclass(model, Page)
    )


def language_name(locale_or_code) -> str:
    code = getattr(locale_or_code, "language_code", locale_or_code)
    return str(dict(settings.LANGUAGES).get(code, code))


class LocaleTermsPageForm(AsciiSlugPageForm):
    WRONG_LOCALE = _(
        "“%(term)s” is a term in %(language)s, but this page is in "
        "%(page_language)s. Choose “%(twin)s” instead."
    )
    WRONG_LOCALE_NO_TWIN = _(
        "“%(term)s” is a term in %(language)s, but this page is in "
        "%(page_language)s, and the term has no translation yet."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.term_fields = {}
        locale_id = getattr(self.instance, "locale_id", None)
        if locale_id is None:
            return
        for name, field in self.fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if not isinstance(field, forms.ModelChoiceField) or not _is_term_model(
                model
            ):
                continue
            # Validation sees every term (to name a wrong one clearly); the
            # checkboxes list the page's locale only.
            self.term_fields[name] = field.queryset
            mine = field.queryset.filter(locale_id=locale_id)
            if isinstance(field.widget, forms.CheckboxSelectMultiple | forms.Select):
                field.widget.choices = forms.models.ModelChoiceIterator(
                    _LimitedField(field, mine)
                )
            if not self.is_bound and name in self.initial:
                self.initial[name] = self._twins(model, self.initial[name], locale_id)

    @staticmethod
    def _twins(model, value, locale_id):
        """The terms of ``value`` (objects or pks, one or many) in the page's
        locale, where a translation exists."""
        many = hasattr(value, "__iter__") and not isinstance(value, str)
        values = list(value) if many else ([value] if value not in (None, "") else [])
        pks = [getattr(item, "pk", item) for item in values]
        rows = model.objects.filter(pk__in=pks).values_list(
            "pk", "translation_key", "locale_id"
        )
        keys = {pk: key for pk, key, locale in rows if locale != locale_id}
        twins = dict(
            model.objects.filter(
                translation_key__in=keys.values(), locale_id=locale_id
            ).values_list("translation_key", "pk")
        )
        mapped = [twins.get(keys[pk], pk) if pk in keys else pk for pk in pks]
        if many:
            return mapped
        return mapped[0] if mapped else value

    def clean(self):
        cleaned = super().clean()
        locale = getattr(self.instance, "locale", None)
        for name in self.term_fields:
            value = cleaned.get(name)
            if value is None or locale is None:
                continue
            chosen = list(value) if hasattr(value, "__iter__") else [value]
            for term in chosen:
                if term.locale_id != locale.pk:
                    self.add_error(name, self._wrong_locale(term, locale))
        return cleaned

    def _wrong_locale(self, term, locale) -> str:
        twin = term.get_translation_or_none(locale)
        params = {
            "term": str(term),
            "language": language_name(term.locale),
            "page_language": language_name(locale),
        }
        if twin is None:
            return self.WRONG_LOCALE_NO_TWIN % params
        return self.WRONG_LOCALE % {**params, "twin": str(twin)}


class _LimitedField:
    """What ``ModelChoiceIterator`` reads from a field, with another queryset."""

    def __init__(self, field, queryset):
        self.queryset = queryset
        self.empty_label = getattr(field, "empty_label", None)
        self.label_from_instance = field.label_from_instance
        self.prepare_value = field.prepare_value
        self.show_hidden_initial = False
        self._field = field

    def __getattr__(self, name):
        return getattr(self._field, name)
