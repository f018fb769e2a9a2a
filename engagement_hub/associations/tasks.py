"""Jobs of the associations: the periodic ones (``AssociationsConfig.periodic_tasks``)
and the search indexing of imported drafts."""

from celery import shared_task


@shared_task(name="engagement_hub.associations.freshness_reminders")
def freshness_reminders() -> int:
    """Ask clubs whether their entries are still correct (idempotent)."""
    from .freshness import run

    return run()


@shared_task(name="engagement_hub.associations.index_imported")
def index_imported(page_ids: list[int]) -> int:
    """Add imported drafts to Wagtail's search index (the admin's page search):
    what saving each page would have done, in bulk (10,000 pages take a minute or
    two)."""
    from wagtail.search.backends import get_search_backends

    from .models import AssociationPage

    count = 0
    for start in range(0, len(page_ids), 500):
        chunk = list(
            AssociationPage.objects.filter(pk__in=page_ids[start : start + 500])
            .select_related("district")
            .prefetch_related("categories", "target_groups")
        )
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(AssociationPage, chunk)
        count += len(chunk)
    return count
