"""Public forms: sign-up (with honeypot and consent) and preferences."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from engagement_hub.core.forms import ClearErrorsMixin

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


class SubscriptionFields(ClearErrorsMixin, forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the newsletter"), choices=settings.LANGUAGES
    )
    # One clear choice first ("every issue" or "only some topics"), then the topics:
    # an empty topic list no longer has to mean "everything".
    scope = forms.ChoiceField(
        label=_("Which issues would you like?"),
        choices=[
            ("all", _("Every issue")),
            ("topics", _("Only issues about the topics I choose below")),
        ],
        initial="all",
        widget=forms.RadioSelect,
        # A post without it (an older form) means what its topics say.
        required=False,
    )
    scope.always_answered = True  # preselected: no "(optional)" beside it
    topics = TopicChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        help_text=_("Only if you chose “Only issues about the topics I choose”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        topics = topics_for_language()
        self.fields["topics"].queryset = Topic.objects.filter(
            pk__in=[topic.pk for topic in topics]
        )
        self.fields["language"].initial = (get_language() or "de")[:2]
        if not topics:
            # Nothing to choose from: every issue it is.
            del self.fields["scope"]
        elif self.initial.get("topics"):
            self.fields["scope"].initial = "topics"

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("topics")
        # Ticked topics mean "only these", whatever the preselected choice says:
        # without JavaScript the topics cannot hide until "only these" is chosen.
        scope = "topics" if chosen else (cleaned.get("scope") or "all")
        if scope == "topics" and "topics" in cleaned and not chosen:
            self.add_error(
                "topics",
                _("Choose at least one topic, or choose “Every issue”."),
            )
        return cleaned


class SubscribeForm(SubscriptionFields):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)
    # Hidden from people (CSS and aria-hidden); bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["email", "language", "scope", "topics", "consent", "website"]

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class PreferencesForm(SubscriptionFields):
    pass
