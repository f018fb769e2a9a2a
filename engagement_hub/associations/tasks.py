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
    """Add imported drafts to Wagtail's search index (the admin's page search)."""
    from .directory_import import index_for_search

    return index_for_search(page_ids)
