import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from selfcare.reminders import dispatch, tasks


class Command(BaseCommand):
    help = (
        "Run one reminder dispatch pass (what Celery beat does every minute). "
        "Several passes may run at once, on any number of hosts: the database hands each due schedule to one of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=dispatch.BATCH_SIZE)
        parser.add_argument("--loop", action="store_true", help="keep running, one pass a minute")

    def handle(self, *args, batch_size: int, loop: bool, **options):
        while True:
            started = time.monotonic()
            try:
                result = tasks.dispatch_pass(batch_size=batch_size)
            except DatabaseError as error:
                if not loop:
                    raise
                # The database restarted: whatever this pass had not committed is still due. Try next minute.
                self.stderr.write(f"The database is unavailable ({type(error).__name__}); trying again in a minute.")
                close_old_connections()
                time.sleep(60)
                continue
            self.stdout.write(
                f"due {result.schedules}, queued {result.queued}, dropped {result.stale}, "
                f"re-queued {result.requeued}, waiting for the broker {result.queue_failed}, "
                f"in {time.monotonic() - started:.1f} s"
            )
            if not loop:
                if result.queue_failed:
                    self.stderr.write("The broker did not take every send; the next pass queues them again.")
                    raise SystemExit(2)
                return
            time.sleep(max(1.0, 60 - time.time() % 60))
