"""The GET form of every directory listing.

Invalid values never fail the page: the form drops them from ``cleaned_data``, the
template shows the error next to the field, the remaining filters still apply.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .vocabulary import MAX_AGE

# Nobody types more; longer input is cut so that it bounds the work of the query.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8


class FilterChoiceField(forms.MultipleChoiceField):
    """Checkbox values; unknown ones (an old link, a renamed term) are dropped and
    remembered in ``dropped`` instead of invalidating the whole filter."""

    dropped: list[str]

    def clean(self, value) -> list[str]:
        values = self.to_python(value)
        self.dropped = [v for v in values if not self.valid_value(v)]
        return list(dict.fromkeys(v for v in values if self.valid_value(v)))


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    age = forms.IntegerField(
        label=_("Age of the person"),
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        help_text=_("Shows only what fits this age."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, facets=(), sort_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.notices: list[str] = []
        self.fields["sort"].choices = list(sort_choices)
        for facet in facets:
            if facet.multiple:
                self.fields[facet.name] = FilterChoiceField(
                    label=facet.label,
                    required=False,
                    choices=facet.options,
                    widget=forms.CheckboxSelectMultiple,
                )
            else:
                self.fields[facet.name] = forms.ChoiceField(
                    label=facet.label,
                    required=False,
                    choices=[("", _("Any")), *facet.options],
                    widget=forms.RadioSelect,
                )

    def clean_q(self) -> str:
        query = " ".join(self.cleaned_data["q"].split())
        words = query.split(" ")
        if len(query) > MAX_QUERY_LENGTH or len(words) > MAX_QUERY_WORDS:
            query = " ".join(words[:MAX_QUERY_WORDS])[:MAX_QUERY_LENGTH].strip()
            self.notices.append(
                _(
                    "Your search was shortened to %(length)s characters and "
                    "%(words)s words."
                )
                % {"length": MAX_QUERY_LENGTH, "words": MAX_QUERY_WORDS}
            )
        return query

    def clean(self) -> dict:
        cleaned = super().clean()
        for field in self.fields.values():
            for value in getattr(field, "dropped", []):
                self.notices.append(
                    _("The filter “%(value)s” is unknown and was ignored.")
                    % {"value": value[:50]}
                )
        return cleaned
