"""A file name written in a content file (a video, captions, a transcript): what makes it one
no file system can hold, said in words an author can act on."""

from __future__ import annotations

from decisionaid.i18n import _

NAME_MAX = 255  # bytes in one file name, on every file system decisionaid runs on


def shown_name(name: str) -> str:
    """``name`` as a line may quote it: a very long one is cut short."""
    return name if len(name) <= 60 else f"{name[:40]}…"


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a file name (a control character such as NUL, or too long), or
    None."""
    bad = next((c for c in name if c < " " or c == "\x7f"), None)
    if bad is not None:
        return _("holds a control character (U+{code:04X}); type the name again", code=ord(bad))
    if len(name.encode("utf-8")) > NAME_MAX:
        return _("'{name}' is {length:,} characters long; a file name has at most {limit} bytes",
                 name=shown_name(name), length=len(name), limit=NAME_MAX)
    return None
