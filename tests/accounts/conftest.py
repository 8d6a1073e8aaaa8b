import pytest

from selfcare.celery import app


@pytest.fixture
def worker_sends_at_once(transactional_db):
    """Sign-up and reset emails leave through the task queue once the request commits: run each task
    right there, as a worker would (tests/accounts/test_same_answer.py uses the real broker)."""
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False
    app.conf.task_eager_propagates = False
