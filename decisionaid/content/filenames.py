"""A file name written in a content file (a video, captions, a transcript): what makes it one
no file system can hold, said in words an author can act on."""

from __future__ import annotations

NAME_MAX = 255  # bytes in one file name, on every file system decisionaid runs on


def shown_name(name: str) -> str:
    """``name`` as a line may quote it: a very long one is cut short."""
    return name if len(name) <= 60 else f"{name[:40]}…"


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a file name (a control character such as NUL, or too long), or
    None."""
    bad = next((c for c in name if c < " " or c == "\x7f"), None)
    if bad is not None:
        return f"holds a control character (U+{ord(bad):04X}); type the name again"
    if len(name.encode("utf-8")) > NAME_MAX:
        return (f"'{shown_name(name)}' is {len(name):,} characters long; a file name has at "
                f"most {NAME_MAX} bytes")
    return None
