from django import template
from django.utils import timezone
from django.utils.formats import date_format

from ..models import Occurrence

register = template.Library()


@register.simple_tag
def load_occurrence(pk):
    """The date a mail is about (its context holds only the id)."""
    return Occurrence.objects.select_related("meeting").filter(pk=pk).first()


@register.filter
def when(occurrence) -> str:
    """ "Dienstag, 3. März 2026, 18:00–20:00" in the active language."""
    if occurrence is None:
        return ""
    start = timezone.localtime(occurrence.starts_at)
    end = timezone.localtime(occurrence.ends_at)
    return f"{date_format(start, 'l, j. F Y, H:i')}–{date_format(end, 'H:i')}"


@register.simple_tag
def load_occurrences(pks):
    """The dates a series invitation names, in order."""
    if not pks:
        return []
    return list(Occurrence.objects.filter(pk__in=pks).order_by("starts_at"))
