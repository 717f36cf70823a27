"""Reading no further than a limit (``spinout.bounded``): the whole of a small file, one byte
over the limit of a large one or of a pipe, and what a file gained while it was read."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from spinout.bounded import read_bounded


@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 5000])
def test_a_file_is_read_whole_or_to_one_byte_over_the_limit(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * size)
    with open(path, "rb") as handle:
        assert read_bounded(handle, 100) == b"x" * min(size, 101)


def test_a_pipe_is_read_only_to_one_byte_over_the_limit() -> None:
    read, write = os.pipe()
    os.write(write, b"y" * 300)
    os.close(write)
    with os.fdopen(read, "rb") as handle:
        assert read_bounded(handle, 100) == b"y" * 101
        assert handle.read() == b"y" * 199


def test_a_file_that_grew_after_its_size_was_taken(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"a" * 10 + b"b" * 500)
    taken = os.stat_result((0o100644, 0, 0, 1, 0, 0, 10, 0, 0, 0))  # as it was: 10 bytes
    monkeypatch.setattr("spinout.bounded.os.fstat", lambda fd: taken)
    with open(path, "rb") as handle:
        assert read_bounded(handle, 100) == b"a" * 10 + b"b" * 91
    with open(path, "rb") as handle:
        assert read_bounded(handle, 1000) == b"a" * 10 + b"b" * 500


def test_a_stream_without_a_file_is_read_to_the_limit() -> None:
    assert read_bounded(io.BytesIO(b"z" * 50), 10) == b"z" * 11
    assert read_bounded(io.BytesIO(b"z" * 5), 10) == b"z" * 5
