from celery import shared_task
from django.core import management


@shared_task
def clear_expired_sessions() -> None:
    """Drop expired sessions so signed-out devices leave nothing behind."""
    management.call_command("clearsessions")
