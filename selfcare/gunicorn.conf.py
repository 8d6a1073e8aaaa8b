"""gunicorn's settings for Thaw: `gunicorn -c selfcare/gunicorn.conf.py selfcare.wsgi:application`.

The Dockerfile's command and docker-compose.yml's `web` both name this file. Tokens are kept out of
the logs by the logger class below and, independently, by Django's logging configuration
(selfcare/core/logsafe.py), so a command that forgets this file still logs no secret.
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Heartbeat files in memory: a container's overlay file system can stall them.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - gunicorn's documented choice in containers

# Access log on stdout: the path without its query string (%(U)s), no user agent, no referer.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
logger_class = "selfcare.gunicorn_logging.RedactingLogger"
