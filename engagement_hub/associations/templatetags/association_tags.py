from datetime import date

from django import template

register = template.Library()


@register.filter
def club_isodate(value):
    """An ISO date string (as stored in a mailing's context) as a date."""
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None
