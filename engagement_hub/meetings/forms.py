from django import forms
from django.utils.translation import gettext_lazy as _

from engagement_hub.core.forms import ClearErrorsMixin

from .conf import meeting_setting
from .rows import Rsvp


class AnswerForm(ClearErrorsMixin, forms.Form):
    """The answer from a personal link (no account)."""

    answer = forms.ChoiceField(
        label=_("Your answer"), choices=Rsvp.Answer.choices, widget=forms.RadioSelect
    )
    people = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=meeting_setting("MAX_PEOPLE"),
        initial=1,
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=150,
        required=False,
        help_text=_("So that the organisers know who comes."),
    )


class PublicRegistrationForm(ClearErrorsMixin, forms.Form):
    """Registration from the meeting's page: confirmed by email first."""

    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email address"), max_length=254)
    people = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=meeting_setting("MAX_PEOPLE"),
        initial=1,
    )
    # A honeypot field, hidden from people.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""
