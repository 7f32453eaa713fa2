"""``**bold**`` in content texts, the one mark-up the content format has (besides line breaks).

Everything between a pair of ``**`` is emphasised; anything else is text, shown as written:
markup of any other kind in a text (``<b>``, ``&amp;``) is never interpreted. A ``**`` left
open is shown as typed here and reported by ``decisionaid check`` (``unclosed``).
"""

from __future__ import annotations

MARK = "**"


def runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (words, emphasised) pieces, in order, without the marks."""
    parts = text.split(MARK)
    if len(parts) % 2 == 0:  # an odd number of marks: the last one stays as typed
        parts[-2:] = [parts[-2] + MARK + parts[-1]]
    return [(part, i % 2 == 1) for i, part in enumerate(parts) if part]


def has_emphasis(text: str) -> bool:
    return any(bold for _, bold in runs(text))


def plain(text: str) -> str:
    """The words alone: what is read aloud, and a screen reader's name for the text."""
    return "".join(part for part, _ in runs(text))


def _escape(text: str) -> str:
    """``html.escape(text, quote=False)``, without loading ``html`` (and its table of every
    named character) before the kiosk's first paint."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html(text: str) -> str:
    """Qt rich text (also ReportLab paragraph markup): emphasis as <b>, line breaks as <br/>,
    everything else escaped, so a text can never inject markup of its own."""
    pieces = []
    for part, bold in runs(text):
        safe = _escape(part).replace("\n", "<br/>")
        pieces.append(f"<b>{safe}</b>" if bold else safe)
    return "".join(pieces)


def unclosed(text: str) -> tuple[int, str] | None:
    """Where a ``**`` has no partner: (line within the text, counted from 0; a few words
    from there), or None when every mark is closed."""
    if text.count(MARK) % 2 == 0:
        return None
    at = text.rfind(MARK)
    line = text.count("\n", 0, at)
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    snippet = text[start: end if end >= 0 else len(text)].strip()
    if len(snippet) > 40:
        snippet = snippet[:37] + "..."
    return line, snippet
