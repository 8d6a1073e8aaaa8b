import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

from selfcare.core import logsafe

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfcare.settings")

app = Celery("selfcare")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def _no_secrets_in_worker_logs(logger=None, **kwargs):
    """The worker replaces the root logger's handlers with its own: give those the token filter too."""
    if logger is not None:
        logsafe.install(logger)
