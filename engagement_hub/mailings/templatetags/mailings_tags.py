"""Template helpers of the mailings app."""

from django import template

from ..forms import SubscribeForm

register = template.Library()


@register.simple_tag
def newsletter_signup_form() -> SubscribeForm:
    """A fresh sign-up form, for pages that include the form (home page blocks)."""
    return SubscribeForm()


@register.filter
def absolute_url(page, base_url: str = "") -> str:
    """A page's URL, absolute when ``base_url`` is given (links in mail)."""
    url = getattr(page, "url", "") or ""
    if url.startswith("http") or not base_url:
        return url
    return f"{base_url}{url}"


@register.filter
def absolute_links(html: str, base_url: str = "") -> str:
    """Make root-relative links and images in rendered rich text absolute (for mail)."""
    from django.utils.safestring import mark_safe

    if not base_url:
        return html
    html = str(html).replace('href="/', f'href="{base_url}/')
    return mark_safe(html.replace('src="/', f'src="{base_url}/'))  # noqa: S308


@register.filter
def plain(html) -> str:
    """Rich text as plain text for the text part of a mail."""
    import html as html_module

    from django.utils.html import strip_tags

    text = (
        str(html)
        .replace("</p>", "</p>\n\n")
        .replace("<br/>", "\n")
        .replace("<br>", "\n")
    )
    text = text.replace("</li>", "</li>\n").replace("<li>", "<li>- ")
    return html_module.unescape(strip_tags(text)).strip()
