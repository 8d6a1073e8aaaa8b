import time
from datetime import timedelta

import pytest
from django.utils import timezone

from selfcare.accounts import tasks
from selfcare.accounts.models import BrowserSession as Session
from selfcare.accounts.sessions import SessionStore

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_a_real_worker_clears_expired_sessions(celery_worker):
    live = SessionStore()
    live["x"] = 1
    live.create()
    stale = SessionStore()
    stale.create()
    Session.objects.filter(session_key=stale.session_key).update(expire_date=timezone.now() - timedelta(days=1))

    tasks.clear_expired_sessions.delay()

    deadline = time.monotonic() + 20
    while Session.objects.filter(session_key=stale.session_key).exists():
        assert time.monotonic() < deadline, "the worker did not clear the expired session"
        time.sleep(0.1)
    assert Session.objects.filter(session_key=live.session_key).exists()
