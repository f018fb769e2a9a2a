"""Public forms: sign-up (with honeypot and consent) and preferences."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .models import Topic
from .subscriptions import CONSENT_TEXT


def topics_for_language() -> list[Topic]:
    """Topics in the active language (German ones where no translation exists)."""
    locale = Locale.objects.filter(language_code=get_language()).first()
    topics = list(Topic.objects.filter(locale=locale)) if locale else []
    return topics or list(Topic.objects.filter(locale__language_code="de"))


class TopicChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple
    # Beyond a 64-bit key the database refuses the lookup (SQLite: OverflowError).
    MAX_PK = 2**63 - 1

    def _check_values(self, value):
        for pk in value:
            if not str(pk).isdigit() or int(pk) > self.MAX_PK:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20]},
                )
        return super()._check_values(value)

    def label_from_instance(self, obj: Topic) -> str:
        return obj.name


class SubscriptionFields(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the newsletter"), choices=settings.LANGUAGES
    )
    topics = TopicChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        help_text=_("Choose none to get every issue."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        topics = topics_for_language()
        self.fields["topics"].queryset = Topic.objects.filter(
            pk__in=[topic.pk for topic in topics]
        )
        self.fields["language"].initial = (get_language() or "de")[:2]


class SubscribeForm(SubscriptionFields):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)
    # Hidden from people (CSS and aria-hidden); bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["email", "language", "topics", "consent", "website"]

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class PreferencesForm(SubscriptionFields):
    pass
