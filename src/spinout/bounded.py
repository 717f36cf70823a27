"""Reading a file no further than a limit, without paying for the limit on a small file."""

from __future__ import annotations

import io
import os
from typing import BinaryIO


def read_bounded(handle: BinaryIO, limit: int) -> bytes:
    """At most ``limit + 1`` bytes from an open file: one more than allowed, so that the caller
    can tell a file over the limit, while a device or pipe is never read further.

    A regular file is read into a buffer of its own size (and one byte more, to see whether it
    grew since), not one of the limit's: a limit of megabytes would otherwise cost every small
    file an allocation of that size, a tenth of a millisecond each."""
    try:
        size = os.fstat(handle.fileno()).st_size
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        size = 0
    if not 0 < size <= limit:
        return handle.read(limit + 1)
    data = handle.read(size + 1)
    if len(data) <= size:
        return data
    return data + handle.read(limit + 1 - len(data))
