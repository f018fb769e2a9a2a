"""The search fields every directory entry shares: its texts and the names of its
taxonomy terms (site search indexes them in the page's language)."""

from wagtail.search import index

DIRECTORY_ENTRY_SEARCH_FIELDS = [
    index.SearchField("short_description"),
    index.SearchField("description"),
    index.RelatedFields("categories", [index.SearchField("name")]),
    index.RelatedFields("target_groups", [index.SearchField("name")]),
    index.RelatedFields("district", [index.SearchField("name")]),
]
