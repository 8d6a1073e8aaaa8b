"""gunicorn's access log writes /s/[token] instead of a share link's token."""

import datetime

from gunicorn.config import Config

from selfcare.gunicorn_logging import RedactingLogger, redact

TOKEN = "H6tnoapQ3x_-abcdefghijklmnopqrstuvwxyz01234"


class _Response:  # the parts of gunicorn's response and request that atoms() reads
    status = "302 Found"
    response_length = 0
    headers = ()
    sent = 0


class _Request:
    headers = ()
    method = "GET"
    path = f"/s/{TOKEN}"
    query = ""
    version = (1, 1)
    uri = f"/s/{TOKEN}"


def test_it_redacts_tokens_from_paths():
    assert redact(f"/s/{TOKEN}") == "/s/[token]"
    assert redact(f"GET /s/{TOKEN} HTTP/1.1") == "GET /s/[token] HTTP/1.1"
    assert redact("/shared/summary.pdf") == "/shared/summary.pdf"
    assert redact("/settings/sharing/") == "/settings/sharing/"


def test_the_access_log_line_has_no_token():
    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": f"/s/{TOKEN}",
        "RAW_URI": f"/s/{TOKEN}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": f"https://mail.example/s/{TOKEN}",
    }
    atoms = logger.atoms(_Response(), _Request(), environ, datetime.timedelta(seconds=0.01))
    assert atoms["U"] == "/s/[token]"
    assert TOKEN not in atoms["r"] and TOKEN not in atoms["f"]
