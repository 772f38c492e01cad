"""One run per source at a time.

On PostgreSQL a session advisory lock (`pg_try_advisory_lock`): it writes
nothing, and the database drops it by itself when the holder's connection
dies, so a worker killed mid-run never leaves a source locked. Elsewhere
(SQLite, the embedded default, where runs happen in one process) an atomic
`cache.add` with the task's hard time limit as expiry.
"""

from __future__ import annotations

import threading
import zlib
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import connection

NAMESPACE = 0x48415256  # "HARV": keeps our advisory keys apart from other users'
# PostgreSQL advisory locks are re-entrant within one session: a second run of a
# source in the same process (same connection) would get the lock again. This
# process-wide set refuses it, whatever the connection.
_held: set[int] = set()
_held_guard = threading.Lock()


def _key(source_id: int) -> int:
    return (NAMESPACE << 32 | zlib.crc32(str(source_id).encode())) - (1 << 63)


@contextmanager
def source_lock(source_id: int):
    """Yield True if this caller holds the source's lock, False if a run already holds it."""
    if connection.vendor == "postgresql":
        with _held_guard:
            if source_id in _held:
                held = False
            else:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_try_advisory_lock(%s)", [_key(source_id)])
                    held = cursor.fetchone()[0]
                if held:
                    _held.add(source_id)
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(source_id)])
                with _held_guard:
                    _held.discard(source_id)
        return
    name = f"harvesters:source-lock:{source_id}"
    held = cache.add(name, "1", timeout=settings.CELERY_TASK_TIME_LIMIT + 60)
    try:
        yield held
    finally:
        if held:
            cache.delete(name)
