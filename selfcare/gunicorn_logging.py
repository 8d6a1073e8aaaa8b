"""gunicorn's logger with the secret filter on its access and error logs from its first line (selfcare/core/logsafe.py).

Named by selfcare/gunicorn.conf.py. Django's logging configuration adds the same filter again in each
worker, so a command line without the config file is covered as well.
"""

from __future__ import annotations

from gunicorn.glogging import Logger

from selfcare.core import logsafe


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            logsafe.install(log)
