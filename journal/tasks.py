from celery import shared_task

from journal import entries


@shared_task
def purge_deleted_entries() -> int:
    """Entries deleted more than the undo window ago are removed for good."""
    return entries.purge_deleted()
