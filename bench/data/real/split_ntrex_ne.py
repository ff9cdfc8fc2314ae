"""Make ``ne_news_dev.txt`` and ``ne_news_heldout.txt`` from NTREX-128 (see ../PROVENANCE.md).

Usage (the two files come from the NTREX repository at the commit recorded there)::

    python bench/data/real/split_ntrex_ne.py newstest2019-ref.nep.txt DOCUMENT_IDS.tsv

The 123 documents are dealt out in turn: document 0, 3, 6 … to dev, 1, 4, 7 … to
held-out; documents 2, 5, 8 … are not shipped. One document per paragraph, paragraphs
separated by a blank line, sentences one per line, text unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(ref: str, ids: str) -> None:
    lines = Path(ref).read_text(encoding="utf-8").splitlines()
    docs = Path(ids).read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(docs), "NTREX reference and document ids are line-aligned"
    order: list[str] = []
    by_doc: dict[str, list[str]] = {}
    for doc, line in zip(docs, lines):
        if doc not in by_doc:
            order.append(doc)
            by_doc[doc] = []
        by_doc[doc].append(line.strip())
    parts: dict[int, list[str]] = {0: [], 1: []}
    for i, doc in enumerate(order):
        if i % 3 in parts:
            parts[i % 3].append("\n".join(s for s in by_doc[doc] if s))
    for n, name in ((0, "ne_news_dev.txt"), (1, "ne_news_heldout.txt")):
        (HERE / name).write_text("\n\n".join(parts[n]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
