"""The vignettes folder: each vignette's ``vignette.yaml`` and the files it names (the video is
decoded, the captions parsed), the topics file, and every reference to a vignette or a topic
made elsewhere in the content."""

from __future__ import annotations

from pathlib import Path

from decisionaid.content.captions import CaptionError, parse_webvtt
from decisionaid.content.field_checks import (
    ID_PATTERN,
    ContentError,
    FieldReader,
    Reporter,
    did_you_mean,
)
from decisionaid.content.filenames import name_problem, shown_name
from decisionaid.content.model import Text, Vignette
from decisionaid.content.yamlnodes import LineDict, LineList
from decisionaid.i18n import _

TOPICS_FILE = "_topics.yaml"  # in vignettes/: each topic's name in every site language
VIGNETTE_KEYS = {
    "id", "title", "summary", "peer", "topics", "video", "captions", "transcript", "duration_s",
    "sample", "leans",
}
# Which way a story leans on the decision its topics are about: toward making the change,
# away from it (keeping things as they are), or showing both sides.
LEANS = ("toward", "away", "both")


class VignetteChecks(FieldReader):
    def __init__(self, languages: tuple[str, ...], errors: list[ContentError]):
        super().__init__(languages, errors)
        self.vignettes: dict[str, Vignette] = {}
        # (vignette id, reporter, line) to check once vignettes are loaded
        self.vignette_refs: list[tuple[str, Reporter, int]] = []
        self.topics: dict[str, Text] = {}
        self.topics_file: Path | None = None
        self.declared_topics: set[str] = set()
        self.topics_unreadable = False
        # (topic id, reporter, line) to check once the topics file is read
        self.topic_refs: list[tuple[str, Reporter, int]] = []
        # vignette id -> topic -> (leans, path, line) for the stories that declare it
        self.leaning: dict[str, dict[str, tuple[str, str, int]]] = {}

    def vignette_ref(self, value: object, report: Reporter, line: int) -> str | None:
        vid = self.slug(value, report, line, _("the vignette id"))
        if vid:
            self.vignette_refs.append((vid, report, line))
        return vid

    def topic_ref_list(self, topics: list, report: Reporter, line: int) -> None:
        for index, topic in enumerate(topics):
            self.topic_refs.append((topic, report, topics.line_of(index) if isinstance(topics, LineList) else line))

    def load_topics(self, path: Path) -> None:
        report = Reporter(str(path), self.errors)
        self.topics_file = path
        data = self.read(path, report)
        if not isinstance(data, LineDict):
            if data is not None:
                report(1, _("the topics file must be a map of TOPIC-ID: its name in each site "
                            "language"))
            # Its own error says what is wrong; one line per topic in use would only repeat it.
            self.topics_unreadable = True
            return
        for topic, name in data.items():
            line = data.line_of(topic)
            if not isinstance(topic, str) or not ID_PATTERN.match(topic):
                report(line, _("topic id {topic!r} must use only lowercase letters, digits and "
                               "'-', e.g. side-effects", topic=topic))
                continue
            self.declared_topics.add(topic)
            text = self.text(name, report, line, _("the name of topic '{topic}'", topic=topic))
            if text is not None:
                self.topics[topic] = text

    def load_vignette(self, folder: Path) -> None:
        path = folder / "vignette.yaml"
        report = Reporter(str(path), self.errors)
        if not path.is_file():
            report(1, _("the vignette folder {name}/ has no vignette.yaml", name=folder.name))
            return
        data = self.read(path, report)
        if data is None:
            return
        if not isinstance(data, LineDict):
            report(1, _("vignette.yaml must be a map with id, title, summary, peer, topics, "
                        "video, …"))
            return
        self.unknown_keys(data, VIGNETTE_KEYS, report, _("the vignette"))
        required = ("id", "title", "summary", "peer", "topics", "video", "captions", "transcript", "duration_s")
        missing = [k for k in required if k not in data]
        for key in missing:
            report(1, _("the vignette needs '{key}'", key=key))
        if missing:
            return
        vid = self.slug(data["id"], report, data.line_of("id"), _("the vignette id"))
        if vid and vid != folder.name:
            report(data.line_of("id"), _("the id '{vid}' must match its folder name '{name}'",
                                         vid=vid, name=folder.name))
            vid = None
        title = self.text(data["title"], report, data.line_of("title"), _("the title"))
        summary = self.prose_text(data["summary"], report, data.line_of("summary"), _("the summary"))
        peer = self.text(data["peer"], report, data.line_of("peer"), _("the peer"))
        topics = data["topics"]
        if not isinstance(topics, list) or not topics or not all(isinstance(t, str) and ID_PATTERN.match(t) for t in topics):
            report(data.line_of("topics"), _("'topics' must be a list of topic names, e.g. "
                                             "[side-effects]"))
            topics = None
        else:
            self.topic_ref_list(topics, report, data.line_of("topics"))
        duration = self.whole_number(data, "duration_s", report, 1)
        sample = self.boolean(data, "sample", report, False)
        self.leans(data, vid or folder.name, report, str(path))
        video = self.file(folder, data["video"], report, data.line_of("video"), "the video")
        captions = self.per_language_files(folder, data["captions"], report, data.line_of("captions"), "captions")
        transcript = self.per_language_files(folder, data["transcript"], report, data.line_of("transcript"), "transcript")
        actual = self.check_video(video, report, data.line_of("video")) if video else None
        if actual is not None and duration is not None and abs(actual - duration) > 1.0:
            report(data.line_of("duration_s"), _("duration_s is {duration} but the video lasts "
                                                 "{actual:.0f} seconds; set duration_s: {rounded}",
                                                 duration=duration, actual=actual,
                                                 rounded=round(actual)))
        if captions:
            for lang, cpath in captions.items():
                self.check_captions(Path(cpath), actual, report, data["captions"].line_of(lang) if isinstance(data["captions"], LineDict) else data.line_of("captions"))
        for tpath in (transcript or {}).values():
            # The kiosk shows the transcript as it is: it must be readable text.
            if self.read_text(Path(tpath), Reporter(tpath, self.errors)) is None:
                transcript = None
        if None in (vid, title, summary, peer, topics, duration, video, captions, transcript):
            return
        self.vignettes[vid] = Vignette(
            vid, title, summary, peer, tuple(topics), video, captions, transcript, duration, sample, str(folder)
        )

    def file(self, folder: Path, name: object, report: Reporter, line: int, what: str) -> str | None:
        if not isinstance(name, str) or not name.strip():
            report(line, _("{what} must be a file name in this folder", what=what))
            return None
        problem = name_problem(name)
        if problem:
            report(line, _("{what} file name {problem}", what=what, problem=problem))
            return None
        shown = shown_name(name)
        try:
            path = (folder / name).resolve()
            found = path.is_file()
        except (OSError, ValueError) as e:
            report(line, _("{what} file '{shown}' cannot be read ({reason})",
                           what=what, shown=shown, reason=getattr(e, 'strerror', None) or e))
            return None
        if not found:
            report(line, _("{what} file '{shown}' is not in {folder}",
                           what=what, shown=shown, folder=folder))
            return None
        return str(path)

    def per_language_files(self, folder: Path, raw: object, report: Reporter, line: int, what: str) -> dict[str, str] | None:
        if not isinstance(raw, LineDict):
            report(line, _("'{what}' must be a map of files by language, e.g. {{en: "
                           "{what}.en.txt, es: {what}.es.txt}}", what=what))
            return None
        result: dict[str, str] = {}
        for lang in self.languages:
            if lang not in raw:
                report(line, _("'{what}' has no file for '{lang}'; each site language needs one",
                               what=what, lang=lang))
                return None
        for lang, name in raw.items():
            found = self.file(folder, name, report, raw.line_of(lang),
                              _("the {lang} {what}", lang=lang, what=what))
            if found is None:
                return None
            result[lang] = found
        return result

    def check_video(self, path: str, report: Reporter, line: int) -> float | None:
        """The video's duration in seconds, after decoding its first frame; None if it fails."""
        try:
            import av  # decoding is only needed when checking vignettes
        except ImportError:  # pragma: no cover - av is a dependency
            report(line, _("cannot check the video: the 'av' package is missing; reinstall "
                           "decisionaid"))
            return None
        try:
            with av.open(path) as container:
                if not container.streams.video:
                    report(line, _("the video file has no picture; use an H.264/AAC MP4"))
                    return None
                stream = container.streams.video[0]
                next(container.decode(stream))
                if container.duration:
                    return container.duration / 1_000_000
                if stream.duration and stream.time_base:
                    return float(stream.duration * stream.time_base)
                report(line, _("the video file does not say how long it is; re-encode it as an "
                               "H.264/AAC MP4"))
        except StopIteration:
            report(line, _("the video file has no frames; re-encode it as an H.264/AAC MP4"))
        except (av.error.FFmpegError, OSError, ValueError) as e:  # type: ignore[attr-defined]
            report(line, _("the video cannot be played ({error}); re-encode it as an H.264/AAC MP4",
                           error=e))
        return None

    def check_captions(self, path: Path, video_s: float | None, report: Reporter, line: int) -> None:
        caption_report = Reporter(str(path), self.errors)
        text = self.read_text(path, caption_report)
        if text is None:
            return
        try:
            cues = parse_webvtt(text)
        except CaptionError as e:
            caption_report(e.line, _("{error} (WebVTT captions)", error=e))
            return
        if not cues:
            caption_report(1, _("the captions file has no captions"))
        elif video_s is not None and cues[-1].end > video_s + 0.5:
            caption_report(1, _("the last caption ends at {end:.1f} s, after the video ends "
                                "({video_s:.1f} s)", end=cues[-1].end, video_s=video_s))

    def resolve(self, alone: bool) -> None:
        """Every vignette and topic named elsewhere exists (not knowable for a file alone)."""
        known = set(self.vignettes)
        for vid, report, line in self.vignette_refs:
            if vid not in known and not alone:
                report(line, _("there is no vignette '{vid}' in the vignettes "
                               "folder{did_you_mean}",
                               vid=vid, did_you_mean=did_you_mean(vid, known)))
        if not alone and not self.topics_unreadable:
            self.resolve_topics()

    def resolve_topics(self) -> None:
        declared_in = f"vignettes/{TOPICS_FILE}"
        for topic, report, line in self.topic_refs:
            if topic in self.topics:
                continue
            if self.topics_file is None:
                report(line, _("the topic '{topic}' has no name: add {declared_in} with "
                               "'{topic}' and its name in each site language ({languages})",
                               topic=topic, declared_in=declared_in,
                               languages=', '.join(self.languages)))
            elif topic not in self.declared_topics:  # a declared topic's bad name is reported there
                report(line, _("the topic '{topic}' is not in {declared_in}{did_you_mean}; add "
                               "it there with its name in each site language",
                               topic=topic, declared_in=declared_in,
                               did_you_mean=did_you_mean(topic, self.declared_topics)))

    def leans(self, data: LineDict, vid: str, report: Reporter, path: str) -> None:
        """``leans: toward`` (for every topic of the story) or ``leans: {topic: toward}``."""
        if "leans" not in data:
            return
        raw, line = data["leans"], data.line_of("leans")
        topics = data.get("topics") if isinstance(data.get("topics"), list) else []
        by_topic = raw if isinstance(raw, dict) else dict.fromkeys(topics, raw)
        for topic, side in by_topic.items():
            at = raw.line_of(topic) if isinstance(raw, LineDict) else line
            if side not in LEANS:
                report(at, _("'leans' says which way the story leans on the decision: toward, "
                             "away or both, not {side!r}{did_you_mean}",
                             side=side, did_you_mean=did_you_mean(side, LEANS)))
                return
            if topic not in topics:
                report(at, _("'leans' names the topic '{topic}', which is not in this story's "
                             "topics", topic=topic))
                return
            self.leaning.setdefault(vid, {})[topic] = (side, path, at)

    def one_sided(self) -> list[ContentError]:
        """A warning for each decision topic whose stories all lean the same way. A topic is a
        decision topic when any of its stories says which way it leans."""
        warnings: list[ContentError] = []
        by_topic: dict[str, list[tuple[str, str, str, int]]] = {}
        for vid in self.vignettes:
            for topic, (leans, path, line) in self.leaning.get(vid, {}).items():
                by_topic.setdefault(topic, []).append((vid, leans, path, line))
        for topic, stories in by_topic.items():
            sides = {leans for _vid, leans, _path, _line in stories}
            if len(sides) == 1 and "both" not in sides:
                side = sides.pop()
                other = "away" if side == "toward" else "toward"
                names = ", ".join(vid for vid, *_rest in stories)
                _vid, _leans, path, line = stories[0]
                warnings.append(ContentError(path, line, (
                    _("the stories on the topic '{topic}' all lean {side} ({names}); a decision "
                      "aid shows both sides: add a story that leans {other} or both",
                      topic=topic, side=side, names=names, other=other))))
        return warnings
