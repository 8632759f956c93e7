"""Writing a plan folder as a whole, under a lock.

A plan folder's files belong together (the hashes in plan.json tie them), so they are never
replaced one by one. :func:`write_folder` writes every file into a new folder beside the
target, then swaps it in with one atomic exchange (``renameat2(RENAME_EXCHANGE)`` on Linux):
a reader, a crash or a signal at any moment sees the old folder or the new one, whole. The
folder it replaces is kept as ``DIR.previous``. Where the exchange is not available (another
system, a file system without it) two renames take its place, and a failure between them
puts the old folder back.

:func:`folder_lock` holds ``DIR.lock`` beside the folder while it is written, so that two
runs cannot interleave; a lock file left by a run that was killed is recognised (no process
holds it any more) and named when it is taken over.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path

from eventplan.io.atomic import current_umask

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    fcntl = None
else:
    import fcntl

LOCK_SUFFIX = ".lock"
PREVIOUS_SUFFIX = ".previous"
STAGING_SUFFIX = ".new"
#: The file that makes a folder a plan folder (see :mod:`eventplan.io.plan_files`).
MARKER = "plan.json"


class FolderError(OSError):
    """A plan folder that cannot be written; reads "FOLDER: why"."""

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


class FolderBusy(FolderError):
    """Another run holds the folder's lock."""


class NotAPlanFolder(FolderError):
    """The target exists and is not a plan folder: it is not replaced."""


def lock_path(directory: Path) -> Path:
    return directory.with_name(directory.name + LOCK_SUFFIX)


def previous_path(directory: Path) -> Path:
    return directory.with_name(directory.name + PREVIOUS_SUFFIX)


@contextlib.contextmanager
def folder_lock(directory: str | Path) -> Iterator[str | None]:
    """Hold the lock of ``directory`` for the block.

    Yields None, or a sentence naming the stale lock taken over (left by a run that ended
    without removing it). Raises :class:`FolderBusy` when a live run holds it.
    """
    directory = Path(directory)
    path = lock_path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    handle = _acquire(path, directory)
    try:
        left = _read(handle).strip()
        stale = f"{path}: took over a stale lock left by {left}, which did not finish"
        os.ftruncate(handle, 0)
        os.lseek(handle, 0, os.SEEK_SET)
        os.write(handle, _holder().encode("utf-8"))
        yield stale if left else None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(handle)


def _acquire(path: Path, directory: Path) -> int:
    """Open and lock the lock file; the path must still name the file locked."""
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(handle):
            holder = _read(handle).strip() or "another run"
            os.close(handle)
            raise FolderBusy(
                errno.EBUSY,
                f"{holder} is writing this plan folder; wait for it to finish "
                f"(or stop it) and run again",
                str(directory),
            )
        try:
            same = os.stat(path).st_ino == os.fstat(handle).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return handle
        os.close(handle)  # the holder removed it between our open and lock: try again


def _try_lock(handle: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _read(handle: int) -> str:
    try:
        os.lseek(handle, 0, os.SEEK_SET)
        return os.read(handle, 4096).decode("utf-8", "replace")
    except OSError:
        return ""


def _holder() -> str:
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    return f"eventplan (process {os.getpid()} on {socket.gethostname()}, started {started})\n"


def write_folder(
    directory: str | Path, files: Mapping[str, bytes], marker: str = MARKER
) -> list[Path]:
    """Make ``directory`` hold exactly ``files`` (name -> content), swapped in whole.

    The caller holds :func:`folder_lock`. A folder already there is kept as ``DIR.previous``
    (replacing an older one); it must hold ``marker`` (a plan folder: plan.json) or be empty.
    """
    directory = Path(directory)
    check_replaceable(directory, marker)
    directory.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(directory)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=STAGING_SUFFIX, dir=directory.parent)
    )
    try:
        os.chmod(staging, 0o777 & ~current_umask())  # mkdtemp makes folders private; plans are not
        for name, data in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)  # "days/DATE/plan.json"
            _write_synced(staging / name, data)
        _sync_folder(staging)
        _swap_in(staging, directory)
        _sync_folder(directory.parent)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [directory / name for name in files]


def check_replaceable(directory: Path, marker: str = MARKER) -> None:
    """Raise :class:`NotAPlanFolder` unless ``directory`` is absent, empty or holds ``marker``."""
    if not directory.exists() and not directory.is_symlink():
        return
    if not directory.is_dir() or directory.is_symlink():
        raise NotAPlanFolder(
            errno.EEXIST, "exists and is not a folder; choose another output folder", str(directory)
        )
    if (directory / marker).is_file() or not any(directory.iterdir()):
        return
    raise NotAPlanFolder(
        errno.EEXIST,
        f"exists and holds no {marker}: it is not a plan folder, and writing a plan replaces "
        "the whole folder; choose another output folder",
        str(directory),
    )


def _remove_stale_staging(directory: Path) -> None:
    """Folders a killed run was staging (the lock is held, so no live run owns one)."""
    prefix = f".{directory.name}."
    with os.scandir(directory.parent) as entries:
        stale = [
            e.path
            for e in entries
            if e.name.startswith(prefix) and e.name.endswith(STAGING_SUFFIX) and e.is_dir()
        ]
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)


def _swap_in(staging: Path, directory: Path) -> None:
    """Put ``staging`` at ``directory``; what was there goes to ``DIR.previous``."""
    if not directory.exists():
        os.rename(staging, directory)
        return
    previous = previous_path(directory)
    _remove(previous)
    if _exchange(staging, directory):
        os.rename(staging, previous)  # staging now holds the old plan
        return
    os.rename(directory, previous)
    try:
        os.rename(staging, directory)
    except BaseException:
        with contextlib.suppress(OSError):
            os.rename(previous, directory)
        raise


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system or file system cannot."""
    if sys.platform != "linux":
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, 0o666 & ~current_umask())


def _sync_folder(path: Path) -> None:
    """Make a folder's entries durable (where folders can be opened)."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
