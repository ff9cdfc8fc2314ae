"""Test articles for the black-box benchmarks: real Hindi prose from the repository.

The prose is the project's own Hindi news text (``bench/data/spell/news_hi.txt`` and
``heldout_hi.txt``, about 5,100 words in 14 sections), repeated to length as Markdown:
a ``#`` title, a one-line lead paragraph (where the benchmarks type), then ``##``
section headings and paragraphs. Every editor gets the same ``.md`` file.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (ROOT / "bench" / "data" / "spell" / "news_hi.txt",
           ROOT / "bench" / "data" / "spell" / "heldout_hi.txt")
TITLE = "# विधानसभा में बजट सत्र की शुरुआत"
LEAD = "राज्य विधानसभा का बजट सत्र सोमवार को शुरू हुआ।"


def _sections() -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) of the source texts, in order."""
    sections: list[tuple[str, list[str]]] = []
    for source in SOURCES:
        for line in source.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            if line.startswith("#"):
                sections.append((line.lstrip("#").strip(), []))
            elif sections:
                sections[-1][1].append(line)
            else:
                sections.append(("", [line]))
    return sections


def count_words(text: str) -> int:
    """Words as a reader counts them: whitespace-separated tokens, Markdown marks excluded."""
    return sum(1 for token in text.split() if token.strip("#"))


def make_markdown(words: int) -> str:
    """Markdown of at least ``words`` words (stops at the first paragraph past it)."""
    sections = _sections()
    parts = [TITLE, LEAD]
    total = count_words(TITLE) + count_words(LEAD)
    round_no = 0
    while total < words:
        round_no += 1
        for heading, paragraphs in sections:
            if total >= words:
                break
            title = f"## {heading}" + (f" ({round_no})" if round_no > 1 else "")
            parts.append(title)
            total += count_words(title)
            for paragraph in paragraphs:
                parts.append(paragraph)
                total += count_words(paragraph)
                if total >= words:
                    break
    return "\n\n".join(parts) + "\n"


def write_articles(folder: Path, sizes: list[int]) -> dict[int, tuple[Path, int]]:
    """``{size: (path, actual word count)}`` for each size, written as UTF-8 ``.md``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for size in sizes:
        text = make_markdown(size)
        path = folder / f"article-{size // 1000}k.md"
        path.write_text(text, encoding="utf-8")
        out[size] = (path, count_words(text))
    return out
