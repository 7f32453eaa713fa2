"""The checked content, kept between starts while none of its files has changed.

Checking the content (every questionnaire and story read, each video's first frame decoded)
takes the kiosk a good part of its start; most days nothing under the content folder changed
since yesterday. ``load`` keeps the checked ``Content`` in a private file, with what it was
checked from: the path, size, modification and change times and inode of every file under
``questionnaires/`` and ``vignettes/``, the site's languages and the checking code itself. Any
difference (a file edited, added, removed, replaced; a new version of decisionaid) and the
content is checked in full again, as it would be without the file.

A file changed within ``SETTLE_S`` of the check is not trusted to show its next change in its
times (file systems keep them to a few milliseconds), so no copy is kept until it has settled.
The copy lives in the program's 0700 data folder: only this account can write it, as with the
database beside it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from decisionaid.content.model import Content

log = logging.getLogger(__name__)

SETTLE_S = 2.0
FORMAT = 1
_READ = ("questionnaires", "vignettes")  # the folders ``loader.check`` reads under the root
_CODE = Path(__file__).resolve().parent


def _stats(folder: Path) -> list[tuple]:
    """(path, size, mtime, ctime, inode) of every file under ``folder``, links followed."""
    found = []
    for where, folders, files in os.walk(folder, followlinks=True):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(where, name)
            try:
                st = os.stat(path)
            except OSError:
                found.append((path, None))
                continue
            found.append((path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return found


def fingerprint(root: Path, languages: Iterable[str]) -> tuple:
    """What a checked content depends on: its files as they are now, the languages, the code."""
    from decisionaid import __version__

    code = [(p.name, st.st_size, st.st_mtime_ns) for p in sorted(_CODE.glob("*.py")) for st in [p.stat()]]
    return (FORMAT, __version__, sys.version, tuple(languages), str(root.resolve()), tuple(code),
            tuple(tuple(_stats(root / name)) for name in _READ))


def cache_file(folder: Path, root: Path, languages: Iterable[str]) -> Path:
    """One file per content folder and languages, in ``folder``."""
    name = hashlib.sha256(f"{root.resolve()}\0{','.join(languages)}".encode()).hexdigest()[:16]
    return folder / f"content-{name}.pickle"


def _settled(key: tuple, now: float) -> bool:
    newest = max((entry[2] for files in key[-1] for entry in files if len(entry) > 2), default=0)
    return newest / 1e9 <= now - SETTLE_S


def load(root: Path, languages: Iterable[str], folder: Path | None,
         check: Callable[[Path, tuple[str, ...]], Content]) -> Content:
    """The content under ``root``: the kept copy in ``folder`` if it was checked from the same
    files, otherwise ``check(root, languages)`` (kept for next time once it passes). Without
    ``folder``, or when the copy cannot be read or written, it is simply checked."""
    languages = tuple(languages)
    root = Path(root)
    if folder is None:
        return check(root, languages)
    try:
        key = fingerprint(root, languages)
    except OSError:
        return check(root, languages)
    path = cache_file(folder, root, languages)
    try:
        with open(path, "rb") as f:
            kept_key, content = pickle.load(f)
        if kept_key == key and isinstance(content, Content):
            return content
    except FileNotFoundError:
        pass
    except Exception as e:  # an old or broken copy is only a slower start
        log.info("the kept copy of the checked content is not usable (%s); checking it again",
                 type(e).__name__)
    started = time.time()
    content = check(root, languages)
    if _settled(key, started) and fingerprint(root, languages) == key:
        _keep(path, key, content)
    return content


def _keep(path: Path, key: tuple, content: Content) -> None:
    from decisionaid import files

    try:
        files.private_dir(path.parent)
        files.write_private(path, pickle.dumps((key, content), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as e:
        log.info("could not keep the checked content for the next start: %s", type(e).__name__)
