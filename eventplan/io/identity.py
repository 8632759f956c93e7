"""One identity per plan folder: the SHA-256 of every file a solve wrote, kept in plan.json.

``plan.json`` holds, under ``files``, the hash of each other file of its folder (scenario.json,
roster.csv, coverage.csv, routes.geojson, map.html when written). plan.json cannot hold its
own hash; it is the anchor, and every other file is tied to it. A reader that finds a file
changed, missing, or present but not listed knows the folder mixes files of different solves.

:func:`file_hashes` is pure (contents in, hashes out) so the writer can call it on what it is
about to write; :func:`mismatches` compares a folder on disk with the list.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

from eventplan.io.plan_files import PLAN_JSON, SOLVE_WRITES

#: The key of plan.json that lists the folder's files and their SHA-256 hashes.
FILES_KEY = "files"
#: Most bytes hashed from one file: no file a solve writes comes near it.
MAX_HASHED_BYTES = 4 * 1024**3
_HEX = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1024 * 1024


def file_hashes(contents: Mapping[str, bytes]) -> dict[str, str]:
    """The SHA-256 (hex) of every file but plan.json, by file name in sorted order."""
    return {
        name: hashlib.sha256(data).hexdigest()
        for name, data in sorted(contents.items())
        if name != PLAN_JSON
    }


def mismatches(
    folder: Path, listed: object, read: Mapping[str, bytes] | None = None
) -> list[tuple[str, str]]:
    """``(file, problem)`` for every way the folder differs from plan.json's ``files``.

    Parameters
    ----------
    folder
        The plan folder.
    listed
        The value of plan.json's ``files``.
    read
        Contents the caller has already read, by file name: hashed as read, so that what
        is verified is what the caller goes on to use.
    """
    if not _well_formed(listed):
        return [(PLAN_JSON, f"'{FILES_KEY}' is not a mapping of file names to SHA-256 hashes")]
    assert isinstance(listed, dict)
    found = []
    for name, expected in sorted(listed.items()):
        data = (read or {}).get(name)
        actual = hashlib.sha256(data).hexdigest() if data is not None else _hash(folder / name)
        if actual is None:
            found.append((name, "is listed in plan.json but missing from the folder"))
        elif actual != expected:
            found.append(
                (name, "differs from the file plan.json lists (SHA-256): not of this plan")
            )
    for name in SOLVE_WRITES:
        if name != PLAN_JSON and name not in listed and (folder / name).exists():
            found.append((name, "was not written with this plan (plan.json does not list it)"))
    return found


def _well_formed(listed: object) -> bool:
    return isinstance(listed, dict) and all(
        isinstance(name, str)
        and name == Path(name).name
        and name not in ("", ".", "..")
        and isinstance(value, str)
        and _HEX.fullmatch(value)
        for name, value in listed.items()
    )


def _hash(path: Path) -> str | None:
    """The SHA-256 of a regular file, ``None`` when it is missing or cannot be read."""
    digest = hashlib.sha256()
    try:
        if not path.is_file():
            return None
        with path.open("rb") as stream:
            total = 0
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > MAX_HASHED_BYTES:
                    return "too large"
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
