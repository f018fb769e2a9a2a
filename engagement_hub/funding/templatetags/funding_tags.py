from datetime import date

from django import template

register = template.Library()


@register.filter
def isodate(value):
    """An ISO date string (as stored in a mailing's context) as a date."""
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@register.simple_tag(takes_context=True)
def subpage_url(context, page, name, *args, **kwargs):
    """The URL of a route of a routable page (relative to the current site)."""
    request = context.get("request")
    base = page.get_url(request) if request is not None else page.url
    return base + page.reverse_subpage(name, args=args or None, kwargs=kwargs or None)
