"""Forms of the admin views: sending an issue, looking up an address."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Topic


class SendIssueForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Subscribers of these topics get the issue; none chosen: everyone."
        ),
    )
    send_at = forms.DateTimeField(
        label=_("Send at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty to send now."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked the email preview and want to send this issue."),
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        german = Topic.objects.filter(locale__language_code="de")
        self.fields["topics"].choices = [
            (str(topic.translation_key), topic.name) for topic in german
        ]

    def chosen_topics(self) -> list[str]:
        """The topics ticked in the submitted data (known ones only), valid or not
        the rest of the form: the recipient count follows the ticks."""
        known = {value for value, _label in self.fields["topics"].choices}
        if not self.is_bound:
            return []
        return sorted(set(self.data.getlist("topics")) & known)

    def clean_send_at(self):
        value = self.cleaned_data["send_at"]
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return value
