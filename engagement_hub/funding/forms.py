"""The editor's form of a guide (amounts in German notation, deadline checks) and
the public forms (finder, reminder sign-up)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from engagement_hub.core.forms import ClearErrorsMixin
from engagement_hub.core.page_forms import LocaleTermsPageForm

from .amounts import AmountField
from .deadlines import today, yearly_date


class FundingGuideForm(LocaleTermsPageForm):
    amount_min = AmountField(
        label=_("minimum amount (EUR)"),
        required=False,
        help_text=_("For example 500 or 1.000,50 €."),
    )
    amount_max = AmountField(
        label=_("maximum amount (EUR)"),
        required=False,
        help_text=_("For example 5.000 €."),
    )

    def clean(self):
        cleaned = super().clean()
        lo, hi = cleaned.get("amount_min"), cleaned.get("amount_max")
        if lo is not None and hi is not None and hi < lo:
            self.add_error(
                "amount_max",
                _("The maximum amount must not be below the minimum amount."),
            )
        kind = cleaned.get("deadline_kind")
        formset = self.formsets.get("deadlines")
        if formset is None or kind is None:
            return cleaned
        rows = [
            form
            for form in formset.forms
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
        ]
        if kind == "fixed":
            dated = [form for form in rows if form.cleaned_data.get("date")]
            for form in rows:
                data = form.cleaned_data
                if not data.get("date"):
                    form.add_error("date", _("Enter the date of this deadline."))
                elif form.has_changed() and data["date"] < today():
                    form.add_error(
                        "date",
                        _(
                            "This date has passed. Enter the next deadline, or remove "
                            "the row."
                        ),
                    )
            if not dated and not cleaned.get("closed"):
                self.add_error(
                    "deadline_kind",
                    _(
                        "Add at least one deadline date, choose “Any time”, or mark "
                        "the programme as closed."
                    ),
                )
        elif kind == "yearly":
            if not rows and not cleaned.get("closed"):
                self.add_error(
                    "deadline_kind",
                    _(
                        "A yearly closing date needs a month and a day: add a "
                        "deadline row."
                    ),
                )
            for form in rows:
                data = form.cleaned_data
                month, day = data.get("month"), data.get("day")
                if not month or not day:
                    form.add_error(
                        "month",
                        _("Enter the month and the day of the yearly closing date."),
                    )
                    continue
                try:
                    date(2024, month, day)  # a leap year: 29 February is allowed
                except ValueError:
                    form.add_error("day", _("This month has no such day."))
        elif kind == "rolling" and any(
            form.cleaned_data.get("date") or form.cleaned_data.get("month")
            for form in rows
        ):
            self.add_error(
                "deadline_kind",
                _(
                    "“Any time” has no deadlines: remove the deadline rows or "
                    "choose another kind."
                ),
            )
        return cleaned


GROUP_CHOICES = [
    ("association", _("A registered association (e. V.)")),
    ("nonprofit", _("Another non-profit organisation (for example a gGmbH)")),
    ("initiative", _("An initiative without legal form")),
    ("individual", _("A single volunteer")),
    ("public", _("A school, day-care centre or municipality")),
]

WHEN_CHOICES = [
    ("soon", _("Within the next four weeks")),
    ("spring", _("In spring (March to May)")),
    ("summer", _("In summer (June to August)")),
    ("autumn", _("In autumn (September to November)")),
    ("winter", _("In winter (December to February)")),
    ("year", _("Within a year")),
]

WHERE_CHOICES = [
    ("town", _("In the town of Ludwigslust")),
    ("county", _("Elsewhere in the county of Ludwigslust-Parchim")),
    ("land", _("Elsewhere in Mecklenburg-Vorpommern")),
    ("germany", _("Elsewhere in Germany")),
]

SEASON_MONTHS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "winter": (12, 2),
}


def period_end(when: str, on: date | None = None) -> date:
    """The last day by which the money is needed: the end of the next such season
    (this one if it is running), four weeks, or a year."""
    from datetime import timedelta

    on = on or today()
    if when == "soon":
        return on + timedelta(days=28)
    if when == "year" or when not in SEASON_MONTHS:
        return on + timedelta(days=365)
    first, last = SEASON_MONTHS[when]
    year = on.year
    end_year = year + 1 if first > last else year
    end = yearly_date(end_year, last, 31)
    if first > last and on.month <= last:  # inside this winter already
        end = yearly_date(year, last, 31)
    if end < on:
        end = yearly_date(end_year + 1, last, 31)
    return end


class FinderForm(ClearErrorsMixin, forms.Form):
    """The question flow; every question may stay open (GET, shareable)."""

    group = forms.ChoiceField(
        label=_("What kind of group are you?"),
        choices=GROUP_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    topic = forms.ChoiceField(
        label=_("What is the project about?"), required=False, widget=forms.RadioSelect
    )
    amount = AmountField(
        label=_("About how much money do you need?"),
        required=False,
        help_text=_("In euros, for example 2.000 or 1.500,50 €."),
    )
    when = forms.ChoiceField(
        label=_("By when do you need it?"),
        choices=WHEN_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    where = forms.ChoiceField(
        label=_("Where does the project take place?"),
        choices=WHERE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = list(topics)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if not any(cleaned.get(name) not in (None, "") for name in self.fields):
            raise ValidationError(
                _("Answer at least one question; below are all programmes open now."),
                code="empty",
            )
        if (
            cleaned.get("group") == "individual"
            and cleaned.get("amount")
            and cleaned["amount"] > 50000
        ):
            raise ValidationError(
                _(
                    "A single volunteer and more than 50.000 € do not go "
                    "together in any "
                    "programme here: choose a group, or a smaller amount."
                ),
                code="contradiction",
            )
        return cleaned


SCOPE_CHOICES = [
    ("programme", _("This programme only")),
    ("area", _("All programmes of one area")),
    ("all", _("All funding news")),
]


class AlertForm(ClearErrorsMixin, forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    scope = forms.ChoiceField(
        label=_("Remind me of"), choices=SCOPE_CHOICES, widget=forms.RadioSelect
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    guide = forms.IntegerField(required=False, widget=forms.HiddenInput)
    announce_new = forms.BooleanField(
        label=_("Also tell me about new guides in this area"), required=False
    )
    consent = forms.BooleanField(label=_("I agree"), required=True)
    # A honeypot, hidden from people.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, areas=(), guides=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "—"), *areas]
        self.guides = guides

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope == "area" and not cleaned.get("area"):
            self.add_error("area", _("Choose the area you want to hear about."))
        if scope == "programme":
            guide = cleaned.get("guide")
            if (
                not guide
                or self.guides is None
                or not self.guides.filter(pk=guide).exists()
            ):
                self.add_error(
                    "scope",
                    _("Choose a programme on its guide page, or another option."),
                )
        return cleaned
