"""The hub's form rendering: every public form's fields through one template
(engagement_hub/core/forms/field.html), without Django's colons."""

from django.forms.renderers import DjangoTemplates


class HubFormRenderer(DjangoTemplates):
    field_template_name = "engagement_hub/core/forms/field.html"
