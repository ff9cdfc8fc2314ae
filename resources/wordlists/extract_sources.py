"""Count the words of openly licensed Hindi text into ``sources_hi.tsv.gz`` (build input).

The lexicon builder (``build_lexicon.py``) reads the small table this script writes, so
the large source files are needed only here, once. Run from the repository root::

    .venv/bin/python resources/wordlists/extract_sources.py SOURCE_DIR

``SOURCE_DIR`` holds the files below under their upstream names; each is checked
against its sha256 (source, commit and licence in ``resources/LICENSES/``):

* Dakshina v1.0, Hindi (CC BY-SA 4.0; ``dakshina-hi.txt``): native-script Wikipedia
  sentences ``hi.wiki-filt.valid.text.sorted.tsv.gz`` and the native side of the
  romanization **dev** set ``hi.romanized.rejoined.dev.native.txt`` (never the test
  set), Wikipedia section titles with their page counts
  ``hi.wiki-full.nonblock.sections.tsv.gz``, and the native words of the
  transliteration lexicon ``hi.translit.sampled.train.tsv``;
* HiNER (CC BY-SA 4.0; ``hiner.txt``): ``validation.conll`` of the original tag set,
  Hindi news and tourism sentences with named-entity tags;
* IL-NER (CC BY 4.0; ``il-ner-hi.txt``): ``Hindi-train.txt``, ``Hindi-dev.txt`` and
  ``Hindi-test.txt``, Hindi sentences with named-entity tags (Bhashini project), counted
  with HiNER;
* NTREX-128 (CC BY-SA 4.0; ``ntrex-128-hindi.txt``): ``newstest2019-ref.hin.txt``, the
  WMT 2019 news test set translated into Hindi (dense with foreign names), counted with
  the Wikipedia sentences;
* Unicode Unilex (Unicode-DFS-2016; ``unilex-hi.txt``): ``hi.txt``, word frequencies
  of a Hindi web crawl;
* CLDR through Babel (Unicode licence; ``cldr-hi.txt``): Hindi names of countries,
  languages, scripts, currencies, time-zone cities, months and days (no file needed;
  read from the installed ``babel``).

Output columns: ``word, wiki, titles, ner, ner_tags, unilex, flags`` where ``wiki`` is
the count in the Wikipedia sentences (and NTREX), ``titles`` the summed page count of the section
titles holding the word, ``ner`` the HiNER and IL-NER count and ``ner_tags`` how many
of those carried a person/location/organisation/other-entity tag, ``unilex`` the Unilex
frequency and ``flags`` ``t`` (transliteration lexicon) and/or ``c`` (CLDR).
"""

from __future__ import annotations

import gzip
import hashlib
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from khabar_editor.proofing.lexicon import is_lexicon_word, lookup_key  # noqa: E402
from khabar_editor.textkit.normalize import normalize_text  # noqa: E402
from khabar_editor.textkit.words import iter_devanagari_words  # noqa: E402

OUT = Path(__file__).with_name("sources_hi.tsv.gz")
SHA256 = {
    "hi.wiki-filt.valid.text.sorted.tsv.gz":
        "249a5a3039f1f8eb5afda457960a116ee71c4f621fa6718fdc13a1d594b0f98b",
    "hi.romanized.rejoined.dev.native.txt":
        "01bc13b653f8ffa3ec0ddfb4cb91c22c908e4d3a40afd39d2bfe48743b57e2b1",
    "hi.wiki-full.nonblock.sections.tsv.gz":
        "0a2543a9e7b9ea98ce2cb36d5f42f1528dee3d080799cb256d682c0a3273a0cc",
    "hi.translit.sampled.train.tsv":
        "4b3f872d3363a91f949dfb640acab6a968ed7d2d65829a22af662c3e99ef7803",
    "validation.conll":
        "a6e25d553a4ea2136089989d3c78f729c08554c02d0e870900950c7b1f39995b",
    "Hindi-train.txt":
        "298323cc1bf51fa81ba146f5803b91a589444a4ba40775080412b40ea9444c98",
    "Hindi-dev.txt":
        "013ca50be438e333f76549b06aabeb7cdc659eb707cd09378f9e0ef799d21f0d",
    "Hindi-test.txt":
        "018a30e0927774ce9ec121ef3111802bfc002a7fd5eaaf96046f019a27a812b9",
    "newstest2019-ref.hin.txt":
        "10d612b3960dc1f90d297aff7e3c6d39e6eb7221b912cef0c053d9f510e41bbc",
    "hi.txt":
        "3b4580d72c44472f825235cae271214c359f58be3998fe8d4a6ff2d596a2791f",
}
ENTITY_TAGS = ("PERSON", "LOCATION", "ORGANIZATION", "MISC", "FESTIVAL", "GAME",
               "LITERATURE", "RELIGION", "LANGUAGE",
               "NEP", "NEL", "NEO", "NEAR")  # IL-NER: person, location, organisation, artefact


def _checked(folder: Path, name: str) -> Path:
    path = folder / name
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256[name]:
        raise SystemExit(f"{name}: sha256 {digest} is not the recorded {SHA256[name]}")
    return path


def _words(text: str) -> list[str]:
    keys = (lookup_key(t.text) for t in iter_devanagari_words(normalize_text(text)))
    return [k for k in keys if is_lexicon_word(k)]


def _cldr_words() -> set[str]:
    try:
        from babel import Locale
    except ImportError:
        print("babel not importable: no CLDR names", file=sys.stderr)
        return set()
    loc = Locale("hi")
    names: list[str] = [*loc.territories.values(), *loc.languages.values(),
                        *loc.scripts.values(), *loc.currencies.values()]
    names += [zone["city"] for zone in loc.time_zones.values() if "city" in zone]
    for context in loc.months.values():
        for width in context.values():
            names += list(width.values())
    for context in loc.days.values():
        for width in context.values():
            names += list(width.values())
    return {w for name in names for w in _words(str(name))}


def extract(folder: Path) -> dict[str, list]:
    wiki: Counter[str] = Counter()
    with gzip.open(_checked(folder, "hi.wiki-filt.valid.text.sorted.tsv.gz"), "rt",
                   encoding="utf-8") as fh:
        for line in fh:
            wiki.update(_words(line.rstrip("\n").split("\t")[-1]))
    text = _checked(folder, "hi.romanized.rejoined.dev.native.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        wiki.update(_words(line))
    for line in _checked(folder, "newstest2019-ref.hin.txt").read_text(
            encoding="utf-8").splitlines():
        wiki.update(_words(line))
    titles: Counter[str] = Counter()
    with gzip.open(_checked(folder, "hi.wiki-full.nonblock.sections.tsv.gz"), "rt",
                   encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4 and parts[1].isdigit():
                for word in set(_words(parts[3])):
                    titles[word] += int(parts[1])
    translit = set()
    for line in _checked(folder, "hi.translit.sampled.train.tsv").read_text(
            encoding="utf-8").splitlines():
        translit.update(_words(line.split("\t")[0]))
    ner: Counter[str] = Counter()
    tagged: Counter[str] = Counter()
    for name in ("validation.conll", "Hindi-train.txt", "Hindi-dev.txt", "Hindi-test.txt"):
        for line in _checked(folder, name).read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) != 2:
                continue
            for word in _words(parts[0]):
                ner[word] += 1
                if parts[1].strip()[2:] in ENTITY_TAGS:
                    tagged[word] += 1
    unilex: dict[str, int] = {}
    for line in _checked(folder, "hi.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[1].isdigit():
            for word in _words(parts[0]):
                unilex[word] = max(unilex.get(word, 0), int(parts[1]))
    cldr = _cldr_words()
    table: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0, 0, ""])
    for word, n in wiki.items():
        table[word][0] = n
    for word, n in titles.items():
        table[word][1] = n
    for word, n in ner.items():
        table[word][2] = n
        table[word][3] = tagged[word]
    for word, n in unilex.items():
        table[word][4] = n
    for word in translit:
        table[word][5] += "t"
    for word in cldr:
        table[word][5] += "c"
    return dict(table)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    table = extract(Path(argv[1]))
    body = "".join("\t".join([w, *map(str, row)]) + "\n" for w, row in sorted(table.items()))
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(body.encode("utf-8"))
    print(f"{len(table)} words -> {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
