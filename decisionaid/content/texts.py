"""Every text of a content folder that a person sees, with where it is: the file, the line,
the YAML node that holds it, and a location id that stays the same when items are reordered.

This is what ``decisionaid translate`` exports to a PO file and writes translations back into,
and what ``decisionaid check`` counts when it says which texts lack a language. It reads the
files as YAML nodes (with their exact positions), not through the checked model: a text is
found wherever the content format puts one, even in a folder that does not pass the check yet.

A location id is the file's path in the content folder, a colon, and the keys to the text,
named by ids where the format has them: ``questionnaires/how-ive-been.yaml:items/sad/help``,
``questionnaires/_answer-sets.yaml:frequency/2/label`` (2 is the option's value),
``vignettes/hope-and-recovery/captions:00:00:04.004`` (a caption, by the time it starts),
``vignettes/hope-and-recovery/transcript:3`` (the third paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from decisionaid.content.field_checks import ANSWER_SETS_FILE, MAX_FILE_BYTES, TOPICS_FILE

_TIMING = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)")


class UnreadableFile(ValueError):
    """A content file that cannot be read as YAML; ``str()`` is ``FILE:LINE: why``."""


@dataclass
class ContentText:
    """One text a person sees.

    ``values`` holds it by language. A text written once for every language (a plain string)
    has ``shared`` set instead and ``values`` empty. ``node`` is the YAML node of the text (a
    map of languages or the plain string) for texts in YAML files, None for the captions and
    transcripts, which are files of their own per language (``files``: language -> path).
    """

    location: str
    path: Path
    line: int
    comment: str
    values: dict[str, str] = field(default_factory=dict)
    shared: str | None = None
    node: yaml.Node | None = None
    key: yaml.Node | None = None  # the key the text is under
    lines: dict[str, int] = field(default_factory=dict)
    # captions and transcripts: the vignette folder, the key in vignette.yaml, and the cue's
    # or paragraph's place in the file in the source language
    vignette: Path | None = None
    kind: str = "yaml"

    def text(self, language: str) -> str | None:
        if self.shared is not None:
            return self.shared
        return self.values.get(language)

    def line_in(self, language: str) -> int:
        return self.lines.get(language, self.line)


# --- reading YAML as nodes ------------------------------------------------------------------


def compose(path: Path) -> tuple[str, yaml.Node | None]:
    """The file's text and its YAML node tree (positions are indexes into the text)."""
    try:
        raw = path.read_bytes()[: MAX_FILE_BYTES + 1]
        source = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UnreadableFile(f"{path}:1: cannot read the file ({getattr(e, 'strerror', None) or e}); run 'decisionaid check'") from None
    try:
        return source, yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise UnreadableFile(f"{path}:{mark.line + 1 if mark else 1}: YAML cannot read this file; run 'decisionaid check'") from None
    except yaml.YAMLError:
        raise UnreadableFile(f"{path}:1: YAML cannot read this file; run 'decisionaid check'") from None


def pairs(node: yaml.Node | None) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """(key, key node, value node) of a map node; nothing for any other node."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield key.value, key, value


def child(node: yaml.Node | None, name: str) -> yaml.Node | None:
    for key, _, value in pairs(node):
        if key == name:
            return value
    return None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


# --- the texts of each kind of file ---------------------------------------------------------


class _Collector:
    def __init__(self, root: Path):
        self.root = root
        self.found: list[ContentText] = []

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.name

    def text(self, path: Path, parent: yaml.Node, key: str, location: str, comment: str) -> ContentText | None:
        """The text under ``key`` of the map ``parent``, if there is one."""
        node = child(parent, key)
        if node is None:
            return None
        key_node = next(k for name, k, _ in pairs(parent) if name == key)
        found = ContentText(f"{self.rel(path)}:{location}", path, _line(key_node), comment, node=node, key=key_node)
        if isinstance(node, yaml.ScalarNode):
            if not node.value.strip():
                return None  # no text at all: the check says so
            found.shared = node.value.strip()
        elif isinstance(node, yaml.MappingNode):
            for lang, lang_key, value in pairs(node):
                string = _scalar(value)
                if string is not None and string.strip():
                    found.values[lang] = string.strip()
                    found.lines[lang] = _line(lang_key)
        else:
            return None
        self.found.append(found)
        return found

    def options(self, path: Path, raw: yaml.Node | None, prefix: str, comment: str) -> None:
        if not isinstance(raw, yaml.SequenceNode):
            return
        for index, option in enumerate(raw.value):
            value = _scalar(child(option, "value"))
            name = value if value not in (None, "") else f"#{index + 1}"
            self.text(path, option, "label", f"{prefix}{name}/label", comment)

    def questionnaire(self, path: Path) -> None:
        _, root = compose(path)
        title = self.text(path, root, "title", "title", "Title of a section of the visit's questions")
        shown = f": {_shown(title)}" if title else ""
        self.text(path, root, "intro", "intro", f"Introduction to the section{shown}")
        items = child(root, "items")
        for index, item in enumerate(items.value if isinstance(items, yaml.SequenceNode) else []):
            iid = _scalar(child(item, "id")) or f"#{index + 1}"
            kind = _scalar(child(item, "type")) or ""
            what = {"info": "A screen of information", "vignettes": "A screen offering peers' video stories",
                    "text": "A question the person answers in their own words"}.get(kind, "A question")
            question = self.text(path, item, "text", f"items/{iid}/text", f"{what} (section{shown})")
            asked = _shown(question)
            self.text(path, item, "help", f"items/{iid}/help", f"Help shown under: {asked}")
            self.options(path, child(item, "options"), f"items/{iid}/options/", f"Answer option of: {asked}")
        scores = child(root, "scores")
        for index, score in enumerate(scores.value if isinstance(scores, yaml.SequenceNode) else []):
            sid = _scalar(child(score, "id")) or f"#{index + 1}"
            label = self.text(path, score, "label", f"scores/{sid}/label",
                              "Name of a score, printed on the report for the prescriber")
            flag = child(score, "flag")
            if isinstance(flag, yaml.MappingNode):
                self.text(path, flag, "text", f"scores/{sid}/flag/text",
                          f"Alert printed on the report when the score is out of range: {_shown(label)}")

    def answer_sets(self, path: Path) -> None:
        _, root = compose(path)
        for name, _, value in pairs(root):
            options = child(value, "options") if isinstance(value, yaml.MappingNode) else value
            self.options(path, options, f"{name}/",
                         f"Answer option of the answer set '{name}', shared by several questions")

    def topics(self, path: Path) -> None:
        _, root = compose(path)
        for name, _, _ in pairs(root):
            self.text(path, root, name, name, "Name of a topic in the library of peers' video stories")

    def vignette(self, folder: Path, source: str) -> None:
        path = folder / "vignette.yaml"
        _, root = compose(path)
        title = self.text(path, root, "title", "title", "Title of a peer's video story")
        shown = _shown(title)
        sample = _scalar(child(root, "sample")) == "true"
        peer = "a sample peer (a made-up person)" if sample else "a peer"
        self.text(path, root, "summary", "summary", f"Summary of the video story: {shown}")
        self.text(path, root, "peer", "peer", f"Who speaks in the video story: {shown}")
        self.captions(folder, root, source, f"Caption of the video story '{shown}', spoken by {peer} in the video")
        self.transcript(folder, root, source, f"The video story '{shown}' as text to read, as told by {peer}")

    def _files(self, folder: Path, root: yaml.Node, key: str) -> dict[str, Path]:
        return {lang: folder / name for lang, _, node in pairs(child(root, key))
                if (name := _scalar(node))}

    def captions(self, folder: Path, root: yaml.Node, source: str, comment: str) -> None:
        files = self._files(folder, root, "captions")
        if source not in files:
            return
        by_language = {lang: read_cues(path) for lang, path in files.items()}
        for start, line, _ in by_language[source] or []:
            found = ContentText(f"{self.rel(folder)}/captions:{start}", files[source], line,
                                f"{comment}, from {start}", vignette=folder, kind="captions")
            for lang, cues in by_language.items():
                for other_start, other_line, other_text in cues or []:
                    if other_start == start:
                        found.values[lang] = other_text
                        found.lines[lang] = other_line
                        break
            self.found.append(found)

    def transcript(self, folder: Path, root: yaml.Node, source: str, comment: str) -> None:
        files = self._files(folder, root, "transcript")
        if source not in files:
            return
        by_language = {lang: read_paragraphs(path) for lang, path in files.items()}
        paragraphs = by_language[source] or []
        for index, (line, text) in enumerate(paragraphs):
            found = ContentText(f"{self.rel(folder)}/transcript:{index + 1}", files[source], line,
                                f"{comment}: paragraph {index + 1} of {len(paragraphs)}",
                                vignette=folder, kind="transcript")
            found.values[source] = text
            found.lines[source] = line
            for lang, others in by_language.items():
                # Paragraphs pair up only when both files have as many (no ids to go by).
                if others and len(others) == len(paragraphs):
                    found.values[lang], found.lines[lang] = others[index][1], others[index][0]
            self.found.append(found)


def _shown(text: ContentText | None, limit: int = 60) -> str:
    """A text as a translator's comment shows it: its source words, shortened."""
    if text is None:
        return "?"
    words = text.shared if text.shared is not None else next(iter(text.values.values()), "?")
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


# --- captions and transcripts ---------------------------------------------------------------


def read_cues(path: Path) -> list[tuple[str, int, str]] | None:
    """(start time as written, line, text) of each cue of a WebVTT file; the lines of one cue
    joined by spaces, as they are only wrapped to fit. None when the file cannot be read."""
    try:
        lines = path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    cues = []
    i = 0
    while i < len(lines):
        timing = _TIMING.match(lines[i])
        if not timing:
            i += 1
            continue
        start, line = timing.group(1), i + 1
        body = []
        i += 1
        while i < len(lines) and lines[i].strip():
            body.append(lines[i].strip())
            i += 1
        cues.append((start, line + 1, " ".join(body)))
    return cues


def read_paragraphs(path: Path) -> list[tuple[int, str]] | None:
    """(line, text) of each paragraph of a transcript (paragraphs part at blank lines)."""
    try:
        lines = path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    found: list[tuple[int, str]] = []
    block: list[str] = []
    start = 0
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line.rstrip())
        elif block:
            found.append((start, "\n".join(block)))
            block = []
    return found


# --- the whole folder -----------------------------------------------------------------------


def content_texts(root: Path, source: str) -> list[ContentText]:
    """Every text under ``root`` (questionnaires/ and vignettes/), file by file in name order.
    ``source`` is the language the captions and transcripts are paired against. Raises
    ``UnreadableFile`` for a file that is not YAML (the check says more)."""
    collect = _Collector(root)
    qdir, vdir = root / "questionnaires", root / "vignettes"
    if (qdir / ANSWER_SETS_FILE).is_file():
        collect.answer_sets(qdir / ANSWER_SETS_FILE)
    if qdir.is_dir():
        for path in sorted(p for p in qdir.glob("*.yaml") if not p.name.startswith("_")):
            collect.questionnaire(path)
    if (vdir / TOPICS_FILE).is_file():
        collect.topics(vdir / TOPICS_FILE)
    if vdir.is_dir():
        for folder in sorted(p for p in vdir.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
            if (folder / "vignette.yaml").is_file():
                collect.vignette(folder, source)
    return collect.found


def missing(texts: list[ContentText], language: str) -> list[ContentText]:
    """The texts that have nothing in ``language`` (a text shared by every language has)."""
    return [t for t in texts if t.text(language) is None]
