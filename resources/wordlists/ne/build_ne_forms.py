"""Build ``src/khabar_editor/data/dicts/ne_forms.txt.gz``: every word form the shipped
Hunspell ne_NP dictionary accepts (its ``.dic`` expanded with the ``.aff`` rules).

Run from the repository root (needs Enchant with the shipped dictionaries)::

    .venv/bin/python resources/wordlists/ne/build_ne_forms.py

Expansion, as Hunspell applies ne_NP's rules (``FLAG num``, no compounding):

* a ``.dic`` entry itself, and with each suffix of its flags whose condition matches;
* two-fold suffixes: a suffix whose continuation flags name another suffix class
  (``ेका/18`` then ``हरू``) takes that class's suffixes on the suffixed form;
* the prefix class 17 (``न``, cross product) on the entry when it has flag 17, and on any
  suffixed form when the entry or the suffix's continuation flags have 17.

Flags such as ``17X`` are read the way Hunspell reads numeric flags (its ``atoi``: 17).
Every generated form is then asked of Hunspell itself and kept only when accepted, so the
list never accepts more than Hunspell; ``tests/proofing/test_ne_forms.py`` compares the
other direction on the dev texts, their edits and random strings. Forms with characters
outside the Devanagari block (multi-word entries, hyphens) are left out: the checker asks
Hunspell for those. One form a line, sorted, gzip-compressed (mtime 0: reproducible).
"""

from __future__ import annotations

import gzip
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "src"))

HUNSPELL = ROOT / "src" / "khabar_editor" / "data" / "dicts" / "hunspell"
OUT = ROOT / "src" / "khabar_editor" / "data" / "dicts" / "ne_forms.txt.gz"
_DEVANAGARI_ONLY = re.compile(r"[\u0900-\u097f]+")


def _flags(text: str) -> set[int]:
    """Numeric flags the way Hunspell's ``atoi`` reads them (``17X`` -> 17)."""
    out = set()
    for part in text.split(","):
        digits = re.match(r"\s*(\d+)", part)
        if digits and int(digits.group(1)):
            out.add(int(digits.group(1)))
    return out


def read_aff(path: Path) -> tuple[dict[int, list], dict[int, list]]:
    """``(suffixes, prefixes)``: flag -> [(strip, append, contflags, condition regex)]."""
    sfx: dict[int, list] = {}
    pfx: dict[int, list] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 5 or parts[0] not in ("SFX", "PFX"):
            continue
        kind, flag, strip, append, cond = parts[:5]
        strip = "" if strip == "0" else strip
        append, _, cont = append.partition("/")
        append = "" if append == "0" else append
        if kind == "SFX":
            regex = re.compile("(?:" + cond + ")$") if cond != "." else None
        else:
            regex = re.compile("^(?:" + cond + ")") if cond != "." else None
        table = sfx if kind == "SFX" else pfx
        table.setdefault(int(flag), []).append((strip, append, _flags(cont), regex))
    return sfx, pfx


def read_dic(path: Path) -> list[tuple[str, set[int]]]:
    entries = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        line = line.split("\t", 1)[0]
        if not line.strip():
            continue
        word, _, flags = line.partition("/")
        flags_set = _flags(flags.split()[0]) if flags.strip() else set()
        for form in {word, word.strip()}:
            if form:
                entries.append((form, flags_set))
    return entries


def _apply_sfx(word: str, rule) -> str | None:
    strip, append, _cont, regex = rule
    if strip and not word.endswith(strip):
        return None
    if len(word) - len(strip) <= 0:
        return None
    if regex is not None and not regex.search(word):
        return None
    return word[: len(word) - len(strip)] + append


def _apply_pfx(word: str, rule) -> str | None:
    strip, append, _cont, regex = rule
    if strip and not word.startswith(strip):
        return None
    if len(word) - len(strip) <= 0:
        return None
    if regex is not None and not regex.search(word):
        return None
    return append + word[len(strip):]


def generate(sfx: dict, pfx: dict, entries) -> set[str]:
    """Every candidate form (a superset of what Hunspell accepts from these rules)."""
    out: set[str] = set()

    def with_prefixes(form: str, flags: set[int]) -> None:
        for flag in flags & pfx.keys():
            for rule in pfx[flag]:
                made = _apply_pfx(form, rule)
                if made:
                    out.add(made)

    for word, flags in entries:
        out.add(word)
        with_prefixes(word, flags)
        for flag in flags & sfx.keys():
            for rule in sfx[flag]:
                once = _apply_sfx(word, rule)
                if once is None:
                    continue
                out.add(once)
                cont = rule[2]
                with_prefixes(once, flags | cont)
                for outer in cont & sfx.keys():
                    for rule2 in sfx[outer]:
                        twice = _apply_sfx(once, rule2)
                        if twice is None:
                            continue
                        out.add(twice)
                        with_prefixes(twice, flags | cont | rule2[2])
    return out


def main() -> int:
    os.environ["KHABAR_NO_FORM_LIST"] = "1"  # raw Hunspell only; no old list loaded
    from khabar_editor.proofing.engine import open_hunspell

    sfx, pfx = read_aff(HUNSPELL / "ne_NP.aff")
    entries = read_dic(HUNSPELL / "ne_NP.dic")
    candidates = generate(sfx, pfx, entries)
    checker, status = open_hunspell("ne")
    if checker is None:
        print("Hunspell ne_NP is not available", file=sys.stderr)
        return 1
    kept = sorted(f for f in candidates
                  if _DEVANAGARI_ONLY.fullmatch(f) and checker.raw_check(f))
    kept_set = set(kept)
    dropped = [f for f in candidates if _DEVANAGARI_ONLY.fullmatch(f) and f not in kept_set]
    text = "\n".join(kept) + "\n"
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(entries)} entries, {len(candidates)} candidates, {len(kept)} kept, "
          f"{len(dropped)} rejected by Hunspell; {OUT.stat().st_size} bytes")
    for form in sorted(dropped)[:20]:
        print("  rejected:", form)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
