"""Django's Redis cache backend, reading junk as a miss.

Everything in the cache is derived and disposable, so a value that cannot be read (written by another
version, cut short, of another Redis type) is a miss, never an error: ``get`` and ``get_many`` leave it
out, and ``incr`` on something that is not a number raises ValueError, as for a missing key.
"""

from __future__ import annotations

import logging

from django.core.cache.backends import redis
from redis.exceptions import ResponseError

logger = logging.getLogger(__name__)
_UNREAD = object()


class RedisCacheClient(redis.RedisCacheClient):
    def get(self, key, default):
        try:
            value = self.get_client(key).get(key)
        except ResponseError as error:  # WRONGTYPE: the key holds a list, a hash...
            return _unreadable(error, default)
        if value is None:
            return default
        return self._read(value, default)

    def get_many(self, keys):
        values = self.get_client(None).mget(keys)  # other Redis types come back as None
        found = {}
        for key, value in zip(keys, values, strict=True):
            if value is not None and (readable := self._read(value, _UNREAD)) is not _UNREAD:
                found[key] = readable
        return found

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except ResponseError as error:  # not an integer, or of another Redis type
            _unreadable(error, None)
            raise ValueError("the value there is not a number") from error

    def _read(self, value, default):
        try:
            return self._serializer.loads(value)
        except Exception as error:  # noqa: BLE001 - unpickling junk can raise almost anything
            return _unreadable(error, default)


def _unreadable(error: Exception, default):
    # Not the key: it may hold a client address (rate limits).
    logger.warning("A cache value could not be read (%s); treated as a miss", type(error).__name__)
    return default


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
