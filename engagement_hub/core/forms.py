"""The hub's form rendering: every public form's fields through one template
(engagement_hub/core/forms/field.html), without Django's colons."""

from django.forms.renderers import DjangoTemplates


class HubFormRenderer(DjangoTemplates):
    field_template_name = "engagement_hub/core/forms/field.html"


# --- error messages that say what to do --------------------------------------------
# GOV.UK's pattern: "Enter your email address", not "This field is required". Django's
# generic messages are replaced on every public form (``ClearErrorsMixin``), using the
# field's label; a form that sets its own message for a field keeps it.

import copy  # noqa: E402

from django import forms  # noqa: E402
from django.core import validators  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402
from django.utils.translation import pgettext_lazy  # noqa: E402

CHOICE_WIDGETS = (forms.RadioSelect, forms.Select, forms.CheckboxSelectMultiple)


def _label(field, *, escaped: bool = False) -> str:
    label = str(field.label or "").rstrip(":")
    # A validator's message is %-formatted again: keep the label's % signs literal.
    return label.replace("%", "%%") if escaped else label


def _required_message(field):
    label = _label(field)
    if isinstance(field, forms.BooleanField):
        return _("Tick the box if you agree; without it we cannot go on.")
    if isinstance(field.widget, CHOICE_WIDGETS) or isinstance(
        field, forms.ChoiceField | forms.ModelChoiceField
    ):
        return pgettext_lazy("form error", "Choose “%(label)s”.") % {"label": label}
    if isinstance(field, forms.DateField):
        return _("Enter a date for “%(label)s”.") % {"label": label}
    if isinstance(field, forms.TimeField):
        return _("Enter a time for “%(label)s”, like 18:30.") % {"label": label}
    return pgettext_lazy("form error", "Enter “%(label)s”.") % {"label": label}


def _invalid_message(field):
    label = _label(field)
    if isinstance(field, forms.IntegerField):
        return _("Enter “%(label)s” as a whole number, like 12.") % {"label": label}
    if isinstance(field, forms.DateField):
        return _("Enter a real date for “%(label)s”, like 24.12.2026.") % {
            "label": label
        }
    if isinstance(field, forms.TimeField):
        return _("Enter a real time for “%(label)s”, like 18:30.") % {"label": label}
    return None


VALIDATOR_MESSAGES = {
    validators.EmailValidator: _(
        "Enter an email address in the correct format, like name@example.org."
    ),
    validators.MaxLengthValidator: _(
        "“%(label)s” can have at most %%(limit_value)d characters "
        "(it has %%(show_value)d)."
    ),
    validators.MinLengthValidator: _(
        "“%(label)s” needs at least %%(limit_value)d characters."
    ),
    validators.MaxValueValidator: _("“%(label)s” must be %%(limit_value)s or less."),
    validators.MinValueValidator: _("“%(label)s” must be %%(limit_value)s or more."),
}


def _default(field, code):
    for klass in type(field).__mro__:
        message = getattr(klass, "default_error_messages", {}).get(code)
        if message is not None:
            return str(message)
    return None


def clarify_errors(field) -> None:
    """Give ``field`` messages that say what to do, where it has Django's own."""
    messages = field.error_messages
    if str(messages.get("required")) == _default(field, "required"):
        messages["required"] = _required_message(field)
    invalid = _invalid_message(field)
    if invalid is not None and str(messages.get("invalid")) == _default(
        field, "invalid"
    ):
        messages["invalid"] = invalid
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        for code in ("invalid_choice", "invalid_pk_value"):
            if code in messages and str(messages[code]) == _default(field, code):
                messages[code] = _(
                    "Choose one of the offered options for “%(label)s”."
                ) % {"label": _label(field)}
    label = _label(field, escaped=True)
    replaced = []
    for validator in field.validators:
        template = VALIDATOR_MESSAGES.get(type(validator))
        if template is not None and str(validator.message) == str(
            type(validator).message
        ):
            # Validators are shared between copies of a field: change a copy.
            validator = copy.copy(validator)
            validator.message = template % {"label": label}
        replaced.append(validator)
    field.validators = replaced


class ClearErrorsMixin:
    """For public forms: every field's errors say what to do (see above)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            clarify_errors(field)
