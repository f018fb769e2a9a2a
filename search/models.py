"""The site search index: one row per live page, in the page's language."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class TsVectorField(models.TextField):
    """A PostgreSQL ``tsvector``; plain (unused) text on other databases."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchEntry(models.Model):
    """What site search matches a live page by.

    ``title``, ``keywords`` (taxonomy names, tags, the association of an offer) and
    ``body`` are the page's searchable text by weight. PostgreSQL matches ``vector``
    (built from them with the text-search configuration of the page's language, GIN
    index); other databases match word prefixes in ``folded`` (case-folded words
    separated by single spaces).
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    config = models.CharField(max_length=32)
    title = models.TextField()
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Shown under the result: the search description, else the short description.
    summary = models.TextField(blank=True)
    folded_title = models.TextField()
    folded = models.TextField()
    vector = TsVectorField(null=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["locale", "content_type"])]

    def __str__(self) -> str:
        return self.title
