"""From command-line arguments to sources: files, folders (recursed), glob patterns and ``-`` for stdin.

Files in a folder that are plainly not articles (images, archives, executables) are reported as
skipped rather than silently dropped, so a user sees why a file was not read. Hidden files and
folders are left out without a word, as ``ls`` does.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from rashomon.ingest.outcomes import failed, skipped
from rashomon.model import InputOutcome, InputStatus, Source

STDIN_NAME = "<stdin>"
Expanded = tuple[list[Source], list[InputOutcome]]

_NOT_ARTICLES: dict[str, tuple[str, ...]] = {
    "an image": (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".svg", ".ico",
                 ".heic", ".avif"),
    "an archive": (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".bz2",
                   ".xz", ".7z", ".rar", ".zst"),
    "a program or library": (".exe", ".dll", ".so", ".dylib", ".bin", ".o", ".a", ".class", ".jar",
                             ".pyc", ".msi", ".deb", ".rpm", ".apk", ".wasm"),
    "audio or video": (".mp3", ".mp4", ".m4a", ".wav", ".flac", ".ogg", ".avi", ".mov", ".mkv",
                       ".webm"),
    "a document to convert first": (".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".xls", ".xlsx",
                                    ".ppt", ".pptx"),
    "a web page asset (style, script or font)": (".css", ".js", ".map", ".woff", ".woff2", ".ttf",
                                                 ".otf", ".eot"),
    "a database": (".sqlite", ".db", ".parquet", ".pkl", ".npy", ".npz"),
}  # fmt: skip


def sources_from_args(args: Sequence[str], stdin: BinaryIO | None) -> Expanded:
    """Expand what the user named into sources, with an outcome for each name that yields none."""
    sources: list[Source] = []
    outcomes: list[InputOutcome] = []
    stdin_read = False
    for arg in args:
        if arg == "-":
            found, problems = _stdin_source(stdin, stdin_read)
            stdin_read = True
        else:
            found, problems = _expand(arg)
        sources += found
        outcomes += problems
    return sources, outcomes


def not_an_article(name: str) -> str | None:
    """Why a file found in a folder is plainly not an article, from its name alone; None if it may be."""
    lower = name.lower()
    for category, suffixes in _NOT_ARTICLES.items():
        suffix = next((suffix for suffix in suffixes if lower.endswith(suffix)), None)
        if suffix is not None:
            fix = "convert it to text or HTML to include it" if "convert" in category else "left out"
            return f"not an article: {suffix} is {category}; {fix}"
    return None


def _stdin_source(stdin: BinaryIO | None, already_read: bool) -> Expanded:
    if stdin is None:
        problem = failed("no standard input to read", "pipe JSON Lines into the command, or name files")
    elif already_read:
        problem = failed("'-' is given more than once", "standard input can be read only once")
    else:
        return [Source(name=STDIN_NAME, data=stdin.read())], []
    return [], [problem.outcome(STDIN_NAME)]


def _expand(arg: str) -> Expanded:
    path = Path(arg).expanduser()
    try:
        if path.is_dir():
            return _walk(path, arg)
        if path.exists():
            return _named_file(path, arg)
    except OSError as error:
        return [], [_unreachable(arg, error)]
    if glob.has_magic(arg):
        return _glob(arg)
    problem = failed("no such file or folder", "check the path and the folder you run from")
    return [], [problem.outcome(arg)]


def _named_file(path: Path, name: str) -> Expanded:
    """A file named outright is read whatever its suffix: its content decides."""
    if not os.access(path, os.R_OK):
        problem = failed("cannot be read (permission denied)", "check its permissions, e.g. chmod +r")
        return [], [problem.outcome(name)]
    return [Source(name=name, path=path)], []


def _glob(pattern: str) -> Expanded:
    matches = sorted(glob.glob(os.path.expanduser(pattern), recursive=True))
    if not matches:
        problem = failed("no file matches", "check the pattern and the folder you run from")
        return [], [problem.outcome(pattern)]
    sources: list[Source] = []
    outcomes: list[InputOutcome] = []
    for match in matches:
        found, problems = _walk(Path(match), match) if os.path.isdir(match) else _found_file(Path(match))
        sources += found
        outcomes += problems
    return sources, outcomes


def _walk(root: Path, name: str) -> Expanded:
    """Every visible file under ``root``, folders and files in sorted order."""
    sources: list[Source] = []
    outcomes: list[InputOutcome] = []
    errors: list[OSError] = []
    for folder, subfolders, files in os.walk(root, onerror=errors.append):
        subfolders[:] = sorted(sub for sub in subfolders if not sub.startswith("."))
        for file_name in sorted(files):
            if not file_name.startswith("."):
                found, problems = _found_file(Path(folder) / file_name)
                sources += found
                outcomes += problems
    outcomes += [_unreachable(error.filename or name, error) for error in errors]
    if not sources and not outcomes:
        problem = skipped("no files in this folder", "hidden files are left out; check the folder")
        outcomes.append(problem.outcome(name))
    return sources, outcomes


def _found_file(path: Path) -> Expanded:
    reason = not_an_article(path.name)
    if reason is not None:
        return [], [InputOutcome(source=str(path), status=InputStatus.SKIPPED, reason=reason)]
    return [Source(name=str(path), path=path)], []


def _unreachable(name: str, error: OSError) -> InputOutcome:
    what = error.strerror or type(error).__name__
    problem = failed(f"cannot be read ({what.lower()})", "check that it exists and its permissions")
    return problem.outcome(str(name))
