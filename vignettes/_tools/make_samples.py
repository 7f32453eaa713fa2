#!/usr/bin/env python3
"""Make the sample peer videos in vignettes/ from the stories in vignettes/_tools/scripts/.

Run it from the repository root, with the project's virtual environment:

    .venv/bin/python vignettes/_tools/make_samples.py            # every story
    .venv/bin/python vignettes/_tools/make_samples.py hope-and-recovery   # only some
    .venv/bin/python vignettes/_tools/make_samples.py --check    # only check what is there

It needs, besides the project's own dependencies (PyAV, PyYAML and Pillow, which comes with
reportlab): the `espeak-ng` command (Debian package espeak-ng) and the DejaVu Sans font (Debian
package fonts-dejavu-core). Nothing is downloaded.

The samples are demo content with fictional peers: a clinic should replace them with videos of its
own peers. For each story scripts/ID.yaml it writes, in vignettes/ID/:

- video.mp4: H.264 video (640x360, 5 frames a second, still "cards") with the English story
  spoken by espeak-ng as its AAC sound track;
- captions.en.vtt and captions.es.vtt: one cue per sentence, timed from the measured length of
  each spoken English sentence (the Spanish cues share the English timings, sentence by sentence);
- transcript.en.txt and transcript.es.txt;
- vignette.yaml, with duration_s measured from the finished video and sample: true.

The Spanish is spoken too (voice es-419), only to warn when a Spanish sentence is much longer to
say than its English time, as its caption would then go by too fast to read.

Then it checks each video: it decodes, lasts duration_s to the second, its sound is not silent,
and its captions end within it. Pass --frames DIR to also save a few frames as PNG to look at.
"""

from __future__ import annotations

import argparse
import array
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import yaml
from PIL import Image, ImageDraw, ImageFont

TOOLS = Path(__file__).resolve().parent
SCRIPTS = TOOLS / "scripts"
VIGNETTES = TOOLS.parent

LANGUAGES = ("en", "es")
WIDTH, HEIGHT, FPS = 640, 360, 5
AUDIO_RATE = 44100  # the AAC track; espeak-ng speaks at 22050 Hz and PyAV resamples
AUDIO_BITRATE = 48_000
VIDEO_CRF = "27"

VOICE = {"en": "en-us", "es": "es-419"}  # es-419: Latin American Spanish
RATE_WPM = 140  # espeak-ng's default is 175; slower is calmer and easier to follow
INTRO_S = 2.0  # the title card, before the first sentence
GAP_S = 0.55  # between sentences
PARAGRAPH_GAP_S = 1.1  # between paragraphs
OUTRO_S = 2.5  # after the last sentence
CUE_HOLD_S = 0.5  # how long a caption stays after its sentence is spoken (if no cue follows)
MIN_S, MAX_S = 45, 120  # how long a sample may be
MAX_SENTENCE_CHARS = 110  # a caption of at most about three short lines

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_ITALIC = FONT_DIR / "DejaVuSans-Oblique.ttf"
INK = (27, 38, 48)  # the text colour: near black, high contrast on the pale cards
SOFT_INK = (52, 64, 76)
CAPTION_SPACE = 78  # the bottom of the card is left empty for the player's captions

SAMPLE_LABEL = "Sample video · Video de muestra"

HEADER = """\
# A SAMPLE vignette with a fictional peer, made by vignettes/_tools/make_samples.py
# from vignettes/_tools/scripts/{id}.yaml.
# To change the words, edit that file and run the script again. To show a real video
# of your own peer instead, replace this folder (or make a new one beside it).
"""


# --- the stories -----------------------------------------------------------------------------


class StoryError(ValueError):
    pass


@dataclass
class Sentence:
    text: dict[str, str]
    paragraph: int
    card: dict[str, str]  # the pull-quote on screen while this sentence is spoken


@dataclass
class Story:
    id: str
    topics: list[str]
    color: tuple[int, int, int]
    title: dict[str, str]
    summary: dict[str, str]
    peer: dict[str, str]
    name: str
    voice_variant: str
    pronounce: dict[str, str]  # words spelled for espeak-ng, which says some names wrongly
    sentences: list[Sentence]
    leans: object = None  # toward, away or both (or {topic: …}): which way it leans on the decision


def _text(raw: object, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or set(raw) != set(LANGUAGES):
        raise StoryError(f"{where} must have exactly the languages {', '.join(LANGUAGES)}")
    out = {}
    for lang in LANGUAGES:
        value = raw[lang]
        if not isinstance(value, str) or not value.strip():
            raise StoryError(f"{where}: the {lang} text is empty")
        out[lang] = " ".join(value.split())
    return out


def load_story(path: Path) -> Story:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = path.name
    if data.get("id") != path.stem:
        raise StoryError(f"{where}: id must be '{path.stem}', the file's name")
    color = data.get("color", "#e8eef2")
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        raise StoryError(f"{where}: color must look like #e3f0ec")
    peer = data["peer"]
    sentences: list[Sentence] = []
    for p, paragraph in enumerate(data["story"]):
        card = _text(paragraph["card"], f"{where}: paragraph {p + 1}'s card")
        for s, raw in enumerate(paragraph["say"]):
            text = _text(raw, f"{where}: paragraph {p + 1}, sentence {s + 1}")
            for lang, value in text.items():
                if len(value) > MAX_SENTENCE_CHARS:
                    raise StoryError(
                        f"{where}: paragraph {p + 1}, sentence {s + 1} ({lang}) has {len(value)} "
                        f"characters; split it (at most {MAX_SENTENCE_CHARS}, one caption each)"
                    )
            sentences.append(Sentence(text, p, card))
    if not sentences:
        raise StoryError(f"{where}: the story has no sentences")
    return Story(
        id=data["id"],
        topics=list(data["topics"]),
        leans=data.get("leans"),
        color=tuple(int(color[i : i + 2], 16) for i in (1, 3, 5)),
        title=_text(data["title"], f"{where}: title"),
        summary=_text(data["summary"], f"{where}: summary"),
        peer=_text({k: peer[k] for k in LANGUAGES}, f"{where}: peer"),
        name=peer["name"],
        voice_variant=peer.get("voice", ""),
        pronounce=dict(peer.get("pronounce") or {}),
        sentences=sentences,
    )


# --- speech ----------------------------------------------------------------------------------


def speak(text: str, lang: str, variant: str, workdir: Path) -> bytes:
    """16-bit mono PCM at 22050 Hz of ``text`` spoken by espeak-ng, silence trimmed off."""
    voice = VOICE[lang] + (f"+{variant}" if variant else "")
    out = workdir / "sentence.wav"
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(RATE_WPM), "-w", str(out), text],
        check=True,
        capture_output=True,
    )
    with wave.open(str(out)) as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, SPEECH_RATE):
            raise RuntimeError("espeak-ng did not write 16-bit mono 22050 Hz sound")
        samples = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    loud = [i for i, v in enumerate(samples) if abs(v) > 300]
    if not loud:
        raise RuntimeError(f"espeak-ng said nothing for {text!r}")
    pad = int(0.03 * SPEECH_RATE)
    return samples[max(0, loud[0] - pad) : loud[-1] + pad].tobytes()


SPEECH_RATE = 22050


def silence(seconds: float) -> bytes:
    return bytes(2 * round(seconds * SPEECH_RATE))


@dataclass
class Timed:
    sentence: Sentence
    start: float
    end: float


def narrate(story: Story, workdir: Path) -> tuple[bytes, list[Timed], float]:
    """The whole sound track (PCM), each sentence's times, and the total length in seconds."""
    pcm = bytearray(silence(INTRO_S))
    timed: list[Timed] = []
    for i, sentence in enumerate(story.sentences):
        if i:
            new_paragraph = sentence.paragraph != story.sentences[i - 1].paragraph
            pcm += silence(PARAGRAPH_GAP_S if new_paragraph else GAP_S)
        start = len(pcm) / 2 / SPEECH_RATE
        spoken = sentence.text["en"]
        for word, sounds_like in story.pronounce.items():
            spoken = re.sub(rf"\b{re.escape(word)}\b", sounds_like, spoken)
        pcm += speak(spoken, "en", story.voice_variant, workdir)
        timed.append(Timed(sentence, start, len(pcm) / 2 / SPEECH_RATE))
    pcm += silence(OUTRO_S)
    # end on a whole video frame, so picture and sound last the same
    frames = math.ceil(len(pcm) / 2 / SPEECH_RATE * FPS)
    pcm += bytes(2 * (frames * SPEECH_RATE // FPS) - len(pcm))
    return bytes(pcm), timed, frames / FPS


def spanish_fit(story: Story, timed: list[Timed], workdir: Path) -> list[str]:
    """Warnings for Spanish sentences much longer to say than the English time they share."""
    warnings = []
    for t in timed:
        spoken = len(speak(t.sentence.text["es"], "es", story.voice_variant, workdir)) / 2
        ratio = spoken / SPEECH_RATE / (t.end - t.start)
        if ratio > 1.6:
            warnings.append(
                f"{story.id}: the Spanish of “{t.sentence.text['en']}” takes {ratio:.1f}× as long "
                "to say as the English; shorten it so the caption can be read in time"
            )
    return warnings


# --- pictures --------------------------------------------------------------------------------


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    """``text`` in as few lines as fit ``width``, as even in length as they can be."""
    lines = _greedy(draw, text, font, width)
    narrow, wide = 1, width  # the narrowest width that still needs no more lines
    while narrow < wide:
        middle = (narrow + wide) // 2
        if len(_greedy(draw, text, font, middle)) <= len(lines):
            wide = middle
        else:
            narrow = middle + 1
    return _greedy(draw, text, font, wide)


def _greedy(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def _mix(a: tuple[int, ...], b: tuple[int, ...], t: float) -> tuple[int, ...]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def card(story: Story, quote: dict[str, str], heading: bool = False) -> Image.Image:
    """One still picture: a soft background, who is speaking, and a large bilingual quote."""
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    top, bottom = story.color, _mix(story.color, (255, 255, 255), 0.6)
    for y in range(HEIGHT):
        draw.line([(0, y), (WIDTH, y)], fill=_mix(top, bottom, y / (HEIGHT - 1)))
    accent = _mix(story.color, (40, 60, 75), 0.7)

    # who is speaking: a round initial, the first name, and that this is a sample
    draw.ellipse([24, 18, 80, 74], fill=accent)
    initial = _font(FONT_BOLD, 30)
    draw.text((52, 46), story.name[0], font=initial, fill=(255, 255, 255), anchor="mm")
    draw.text((94, 20), story.name, font=_font(FONT_BOLD, 26), fill=INK)
    draw.text((95, 53), SAMPLE_LABEL, font=_font(FONT, 17), fill=SOFT_INK)
    draw.line([(24, 90), (WIDTH - 24, 90)], fill=accent, width=2)

    # the quote (English large, Spanish under it), as large as fits above the caption space
    area_top, area_bottom, margin = 104, HEIGHT - CAPTION_SPACE, 36
    width = WIDTH - 2 * margin
    for size in range(34, 15, -1):
        en_font = _font(FONT_BOLD, size)
        es_font = _font(FONT_ITALIC, max(16, round(size * 0.8)))
        en_lines = _wrap(draw, quote["en"], en_font, width)
        es_lines = _wrap(draw, quote["es"], es_font, width)
        en_h, es_h = round(size * 1.25), round(es_font.size * 1.3)
        gap = round(size * (1.1 if heading else 0.6))
        total = len(en_lines) * en_h + gap + len(es_lines) * es_h
        widest = max(
            draw.textlength(t, font=f)
            for ls, f in ((en_lines, en_font), (es_lines, es_font))
            for t in ls
        )
        if total <= area_bottom - area_top and widest <= width:
            break
    else:
        raise StoryError(f"{story.id}: the card “{quote['en']}” is too long to fit; shorten it")
    y = area_top + (area_bottom - area_top - total) // 2
    ink_bottom = y
    for line in en_lines:
        draw.text((WIDTH // 2, y), line, font=en_font, fill=INK, anchor="ma")
        ink_bottom = draw.textbbox((WIDTH // 2, y), line, font=en_font, anchor="ma")[3]
        y += en_h
    y += gap
    if heading:  # a short rule between the title's two languages, clear of both
        rule = (ink_bottom + y) // 2
        draw.line([(WIDTH // 2 - 40, rule), (WIDTH // 2 + 40, rule)], fill=accent, width=2)
    for line in es_lines:
        draw.text((WIDTH // 2, y), line, font=es_font, fill=SOFT_INK, anchor="ma")
        y += es_h
    return image


# --- the video -------------------------------------------------------------------------------


def encode(path: Path, story: Story, pcm: bytes, timed: list[Timed], total_s: float) -> None:
    """Write the MP4: a card per paragraph (the title first), and the spoken story."""
    frames = round(total_s * FPS)
    title_card = card(story, story.title, heading=True)
    cards: dict[int, Image.Image] = {}
    schedule: list[Image.Image] = []
    for n in range(frames):
        t = n / FPS
        current = None
        for item in timed:  # the paragraph being spoken, or the one just before
            if item.start <= t + 1e-6:
                current = item.sentence
        if current is None:
            schedule.append(title_card)
        else:
            if current.paragraph not in cards:
                cards[current.paragraph] = card(story, current.card)
            schedule.append(cards[current.paragraph])

    with av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"}) as out:
        video = out.add_stream("libx264", rate=FPS)
        video.width, video.height, video.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        video.options = {
            "crf": VIDEO_CRF,
            "preset": "slow",
            "tune": "stillimage",
            "profile": "main",
            "g": str(FPS * 10),  # a key frame every 10 seconds, for seeking
            "threads": "1",  # the same bytes on every run
        }
        audio = out.add_stream("aac", rate=AUDIO_RATE)
        audio.layout = "mono"
        audio.bit_rate = AUDIO_BITRATE
        resampler = av.AudioResampler(format=audio.format.name, layout="mono", rate=AUDIO_RATE)

        # sound first, in 1024-sample pieces; then the pictures
        chunk = 1024
        position = 0
        for offset in range(0, len(pcm), chunk * 2):
            piece = pcm[offset : offset + chunk * 2]
            frame = av.AudioFrame(format="s16", layout="mono", samples=len(piece) // 2)
            frame.planes[0].update(piece)
            frame.sample_rate = SPEECH_RATE
            frame.pts = position
            frame.time_base = Fraction(1, SPEECH_RATE)
            position += len(piece) // 2
            for resampled in resampler.resample(frame):
                out.mux(audio.encode(resampled))
        for resampled in resampler.resample(None):
            out.mux(audio.encode(resampled))
        out.mux(audio.encode(None))

        previous = None
        converted = None
        for n, image in enumerate(schedule):
            if image is not previous:
                converted = av.VideoFrame.from_image(image).reformat(format="yuv420p")
                previous = image
            frame = converted
            frame.pts = n
            frame.time_base = Fraction(1, FPS)
            out.mux(video.encode(frame))
        out.mux(video.encode(None))


# --- captions, transcripts and vignette.yaml -------------------------------------------------


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _caption_lines(text: str, width: int = 42) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines


def webvtt(timed: list[Timed], lang: str) -> str:
    out = ["WEBVTT", ""]
    for i, item in enumerate(timed):
        end = item.end + CUE_HOLD_S
        if i + 1 < len(timed):
            end = min(end, timed[i + 1].start - 0.05)
        text = (
            item.sentence.text[lang].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        )
        out += [str(i + 1), f"{_stamp(item.start)} --> {_stamp(end)}", *_caption_lines(text), ""]
    return "\n".join(out)


def transcript(story: Story, lang: str) -> str:
    paragraphs: list[list[str]] = []
    for sentence in story.sentences:
        if sentence.paragraph == len(paragraphs):
            paragraphs.append([])
        paragraphs[-1].append(sentence.text[lang])
    body = "\n\n".join(" ".join(p) for p in paragraphs)
    return f"{story.title[lang]}\n{story.peer[lang]}\n\n{body}\n"


def _scalar(value: str) -> str:
    """``value`` as YAML: plain if that reads back the same, else in double quotes."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _leans(leans: object) -> str:
    if isinstance(leans, dict):
        return "{" + ", ".join(f"{topic}: {side}" for topic, side in leans.items()) + "}"
    return str(leans)


def vignette_yaml(story: Story, duration_s: int) -> str:
    lines = [HEADER.format(id=story.id).rstrip("\n"), f"id: {story.id}"]
    for key in ("title", "summary", "peer"):
        lines.append(f"{key}:")
        lines += [f"  {lang}: {_scalar(getattr(story, key)[lang])}" for lang in LANGUAGES]
    lines += [
        f"topics: [{', '.join(story.topics)}]",
        *([f"leans: {_leans(story.leans)}"] if story.leans else []),
        "video: video.mp4",
        "captions: {" + ", ".join(f"{lang}: captions.{lang}.vtt" for lang in LANGUAGES) + "}",
        "transcript: {" + ", ".join(f"{lang}: transcript.{lang}.txt" for lang in LANGUAGES) + "}",
        f"duration_s: {duration_s}",
        "sample: true",
        "",
    ]
    return "\n".join(lines)


# --- checking --------------------------------------------------------------------------------


def parse_cues(text: str) -> list[tuple[float, float, str]]:
    """A small WebVTT reader, enough for the files this script writes."""
    lines = text.splitlines()
    if not lines or lines[0] != "WEBVTT":
        raise ValueError("does not start with WEBVTT")
    cues = []
    stamp = r"(\d\d):(\d\d):(\d\d)\.(\d\d\d)"
    for i, line in enumerate(lines):
        m = re.fullmatch(rf"{stamp} --> {stamp}", line)
        if m:
            g = [int(x) for x in m.groups()]
            start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
            end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
            body = []
            for following in lines[i + 1 :]:
                if not following.strip():
                    break
                body.append(following)
            if end <= start or not body or (cues and start < cues[-1][1]):
                raise ValueError(
                    f"line {i + 1}: a cue out of order, empty or ending before it starts"
                )
            cues.append((start, end, " ".join(body)))
    return cues


def measure(path: Path) -> float:
    with av.open(str(path)) as container:
        return container.duration / 1_000_000


def check(folder: Path, frames_dir: Path | None = None) -> list[str]:
    """What is wrong with a made vignette (an empty list if nothing)."""
    problems: list[str] = []
    meta = yaml.safe_load((folder / "vignette.yaml").read_text(encoding="utf-8"))
    video = folder / meta["video"]
    with av.open(str(video)) as container:
        duration = container.duration / 1_000_000
        vstream = container.streams.video[0]
        astream = container.streams.audio[0] if container.streams.audio else None
        if vstream.codec_context.name != "h264":
            problems.append(f"the video is {vstream.codec_context.name}, not H.264")
        if astream is None or astream.codec_context.name != "aac":
            problems.append("there is no AAC sound track")
        decoded = sum(1 for _ in container.decode(vstream))
        if decoded < duration * FPS - 2:
            problems.append(f"only {decoded} pictures decode in {duration:.1f} s")
    if frames_dir is not None:
        frames_dir.mkdir(parents=True, exist_ok=True)
        with av.open(str(video)) as container:
            wanted = {FPS, *(round(duration * FPS * f) for f in (0.45, 0.95))}
            for n, frame in enumerate(container.decode(video=0)):
                if n in wanted:
                    frame.to_image().save(frames_dir / f"{folder.name}-{n:04d}.png")
    peak = 0
    if astream is not None:
        with av.open(str(video)) as container:
            to_s16 = av.AudioResampler(format="s16", layout="mono", rate=AUDIO_RATE)
            for frame in container.decode(audio=0):
                for pcm in to_s16.resample(frame):
                    samples = array.array("h", bytes(pcm.planes[0])[: pcm.samples * 2])
                    peak = max(peak, max(map(abs, samples), default=0))
        if peak < 1000:
            problems.append(f"the sound is silent (loudest sample {peak})")
    if abs(duration - meta["duration_s"]) > 1.0:
        problems.append(f"duration_s is {meta['duration_s']} but the video lasts {duration:.2f} s")
    if not MIN_S <= duration <= MAX_S:
        problems.append(f"the video lasts {duration:.1f} s, not {MIN_S}–{MAX_S} s")
    counts = set()
    for lang in LANGUAGES:
        cues = parse_cues((folder / meta["captions"][lang]).read_text(encoding="utf-8"))
        counts.add(tuple((round(s, 3), round(e, 3)) for s, e, _ in cues))
        if not cues or cues[-1][1] > duration:
            problems.append(f"the {lang} captions end after the video")
        if not (folder / meta["transcript"][lang]).read_text(encoding="utf-8").strip():
            problems.append(f"the {lang} transcript is empty")
    if len(counts) != 1:
        problems.append("the captions' timings differ between languages")
    print(
        f"  {folder.name}: {duration:.2f} s (duration_s {meta['duration_s']}), {decoded} pictures, "
        f"loudest sample {peak}, {video.stat().st_size / 1024:.0f} KiB"
    )
    return problems


# --- main ------------------------------------------------------------------------------------


def make(story: Story, workdir: Path) -> list[str]:
    folder = VIGNETTES / story.id
    folder.mkdir(exist_ok=True)
    pcm, timed, total_s = narrate(story, workdir)
    warnings = spanish_fit(story, timed, workdir)
    encode(folder / "video.mp4", story, pcm, timed, total_s)
    for lang in LANGUAGES:
        (folder / f"captions.{lang}.vtt").write_text(webvtt(timed, lang), encoding="utf-8")
        (folder / f"transcript.{lang}.txt").write_text(transcript(story, lang), encoding="utf-8")
    duration_s = round(measure(folder / "video.mp4"))
    (folder / "vignette.yaml").write_text(vignette_yaml(story, duration_s), encoding="utf-8")
    return warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="the stories to make (default: all)")
    parser.add_argument("--check", action="store_true", help="only check the made vignettes")
    parser.add_argument("--frames", type=Path, help="save a few frames of each video as PNG here")
    args = parser.parse_args(argv)

    paths = sorted(SCRIPTS.glob("*.yaml"))
    if args.ids:
        paths = [SCRIPTS / f"{i}.yaml" for i in args.ids]
    stories = [load_story(p) for p in paths]
    if not args.check:
        if shutil.which("espeak-ng") is None:
            sys.exit("espeak-ng is missing: apt-get install espeak-ng")
        if not FONT_BOLD.is_file():
            sys.exit("the DejaVu Sans font is missing: apt-get install fonts-dejavu-core")
        with tempfile.TemporaryDirectory() as tmp:
            for story in stories:
                print(f"making {story.id}")
                for warning in make(story, Path(tmp)):
                    print(f"  warning: {warning}")
    print("checking")
    failed = False
    for story in stories:
        for problem in check(VIGNETTES / story.id, args.frames):
            print(f"  {story.id}: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
