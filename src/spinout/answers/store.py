"""Reading and writing answers files: atomic saves and a lock against two writers."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spinout.answers.model import AnswersFile
from spinout.errors import AnswersError, OutputError, Problem, YamlFileError
from spinout.yamlfile import read_yaml

if TYPE_CHECKING:
    from spinout.answers.validate import Checked
    from spinout.ruleset.model import RuleSet

MAX_ANSWERS_BYTES = 1024 * 1024


def read(path: Path, rs: RuleSet, name: str | None = None) -> Checked:
    """Read and check an answers file. Every problem, from unreadable YAML to an answer that
    is not an option, comes back in the result's ``errors``; ``name`` is the file's name in
    messages (default: the path)."""
    from spinout.answers.validate import check_document, unreadable

    try:
        doc = read_yaml(Path(path), name or str(path), MAX_ANSWERS_BYTES)
    except YamlFileError as exc:
        return unreadable(exc.problems)
    return check_document(doc, rs)


def load(path: Path, rs: RuleSet, strict: bool = True) -> Checked:
    """:func:`read`, raising AnswersError listing every error (unless not ``strict``)."""
    checked = read(path, rs)
    if checked.errors and strict:
        raise AnswersError(list(checked.errors))
    return checked


def dump(answers: AnswersFile) -> str:
    """The answers file as YAML text. Escape sequences and control characters are left out of
    every text (as :func:`read` refuses them, even written as YAML escapes)."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(_printable(answers.to_data()), Dumper=dumper, sort_keys=False,
                     allow_unicode=True, default_flow_style=False, width=100)


def _printable(data: Any) -> Any:
    from spinout.textsafe import strip_controls

    if isinstance(data, str):
        return strip_controls(data)
    if isinstance(data, dict):
        return {_printable(k): _printable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_printable(v) for v in data]
    return data


def save(path: Path, answers: AnswersFile) -> None:
    """Write atomically: a temporary file in the same folder, flushed, then renamed over. A
    symbolic link is written through: the file it points to is replaced, the link stays."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    write_atomic(path, dump(answers).encode("utf-8"))


def stamp(path: Path) -> str | None:
    """A digest of the file's bytes (None when there is no file), to notice a change made by
    hand between two saves."""
    import hashlib

    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def side_path(path: Path) -> Path:
    """A free name beside ``path`` for answers that must not overwrite it:
    ``answers.session.yaml``, then ``answers.session-2.yaml`` …"""
    path = Path(path)
    for n in range(1, 10_000):
        tail = "" if n == 1 else f"-{n}"
        side = path.with_name(f"{path.stem}.session{tail}{path.suffix or '.yaml'}")
        if not side.exists() and not side.is_symlink():
            return side
    raise OutputError(Problem(str(path), None, None, "no free name for a side file",
                              "tidy up the *.session-*.yaml files beside it"))


def _new_file_mode() -> int:
    """The mode an ordinary new file gets under the process's umask (the temporary file is
    created private, so a new file would otherwise stay readable by its owner only)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, flushed to
    disk, then renamed over the old file, whose permissions it keeps. An existing path that
    is not a regular file (a device, FIFO or socket) is written as it is instead."""
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        special = False
    if special:
        write_in_place(path, data)
        return
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(Problem(str(path), None, None, f"cannot write here ({exc.strerror})",
                                  "check the folder exists and is writable")) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else _new_file_mode())
        os.replace(tmp, path)
    except BaseException as exc:  # Ctrl-C too: never leave the temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if not isinstance(exc, OSError):
            raise
        raise OutputError(Problem(str(path), None, None, f"could not save ({exc.strerror}); the "
                                  "previous file is unchanged", "free some disk space or choose "
                                  "another folder")) from None


def write_in_place(path: Path, data: bytes) -> None:
    """Open ``path`` as it is and write ``data`` to it: no read, no temporary file, no rename
    (a device, a FIFO, ``/dev/stdout``). A regular file reached this way (``/dev/stdout``
    redirected to a file) is appended to, so the shell's ``>`` or ``>>`` decides."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
        fd = os.open(path, os.O_WRONLY | (os.O_APPEND if regular else 0)
                     | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(Problem(str(path), None, None, f"cannot write here ({exc.strerror})",
                                  "check the path, or write to a regular file")) from None


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside the answers file while a questionnaire runs on it. A
    refused attempt leaves the holder's lock file alone; the holder removes it when done. A
    lock file left by a process that died holds no lock and is taken over. The lock is an
    operating-system file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows, through
    portalocker), and the lock file is never followed through a link."""
    lock_path = Path(path).with_name(Path(path).name + ".lock")
    handle = _acquire(Path(path), lock_path)
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        yield
    finally:
        with contextlib.suppress(OSError):
            lock_path.unlink()  # while still locked, so no newer holder's file is removed
        handle.close()  # closing releases the lock
        if os.name == "nt":  # Windows refuses to remove an open file: remove it now
            with contextlib.suppress(OSError):
                lock_path.unlink()


def _acquire(path: Path, lock_path: Path, attempts: int = 5) -> Any:
    """Open and lock the lock file, making sure the file locked is still the one at
    ``lock_path`` (a holder finishing at the same moment removes its file)."""
    import portalocker

    for _ in range(attempts):
        handle = _open_lock_file(lock_path)
        try:
            portalocker.lock(handle, portalocker.LOCK_EX | portalocker.LOCK_NB)
        except portalocker.exceptions.LockException:
            owner = _owner(handle)
            handle.close()
            raise AnswersError(Problem(str(path), None, None, f"this answers file is in use by "
                                       f"another `spinout assess` ({owner})", "finish or close "
                                       "that one first, or use another `--answers` file")) from None
        if _same_file(handle, lock_path):
            return handle
        handle.close()
    raise AnswersError(Problem(str(path), None, None, "could not lock this answers file",
                               "try again in a moment"))


def _open_lock_file(lock_path: Path) -> Any:
    """Open (creating if needed) the lock file for reading and writing, without following a
    symbolic link and without truncating it: only a plain file with one name is accepted, so a
    link planted at ``lock_path`` can never make spinout write to another file."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        if os.path.islink(lock_path):  # O_NOFOLLOW refuses it too, where the system has it
            raise OSError(errno.ELOOP, "it is a symbolic link")
        fd = os.open(lock_path, flags, 0o666)
    except OSError as exc:
        why = "it is a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
        raise OutputError(Problem(str(lock_path), None, None, f"cannot use the lock file "
                                  f"({why})", "remove it if no `spinout assess` is running, "
                                  "and check the folder is writable")) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        os.close(fd)
        raise OutputError(Problem(str(lock_path), None, None, "the lock file is not a plain file "
                                  "of its own (a link, folder or device)", "remove it if no "
                                  "`spinout assess` is running"))
    return os.fdopen(fd, "r+", encoding="utf-8", errors="replace")


def _owner(handle: Any) -> str:
    """The holder's note in its lock file (unreadable while locked on Windows)."""
    try:
        handle.seek(0)
        return handle.read(100).strip() or "another process"
    except OSError:
        return "another process"


def _same_file(handle: Any, lock_path: Path) -> bool:
    try:
        held, now = os.fstat(handle.fileno()), os.stat(lock_path, follow_symlinks=False)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)
