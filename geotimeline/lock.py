"""One build at a time per output folder: an advisory lock on ``<output>/.geotimeline.lock``.

The lock is held by the operating system (``flock``), so a build that crashes or is killed
releases it at once; there is no stale lock file to clean up by hand.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import GeotimelineError

LOCK_NAME = ".geotimeline.lock"


class OutputLocked(GeotimelineError):
    """Another build is writing into the same output folder."""


@contextlib.contextmanager
def output_lock(folder: str | Path) -> Iterator[None]:
    """Hold the output folder's lock for the duration of the block, or raise :class:`OutputLocked`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no locking
            fcntl = None
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                who = f" (process {holder})" if holder.isdigit() else ""
                raise OutputLocked(f"{folder}: another geotimeline build is writing here{who}; "
                                   "wait for it to finish or choose another output folder (-o)") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock
