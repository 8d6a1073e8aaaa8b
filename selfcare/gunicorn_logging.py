"""gunicorn's access log without share-link tokens: /s/<token> is written as /s/[token] (SAFETY.md §4.4 item 7, §4.5)."""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

_SHARE_TOKEN = re.compile(r"/s/[^\s?/\"]+")
_REDACTED = ("U", "r", "f")  # path, request line, referer


def redact(value: str) -> str:
    return _SHARE_TOKEN.sub("/s/[token]", value)


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in _REDACTED:
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms
