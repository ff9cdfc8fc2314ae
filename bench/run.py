"""Run every benchmark in bench/ and print one table.

Usage: ``python bench/run.py [NAME ...] [--json OUT]``

Each ``bench/bench_*.py`` module defines ``run() -> list[dict]``; every dict is
one row with keys ``name``, ``value``, ``unit`` and optionally ``target``
(e.g. ``"<= 150 ms"``), ``baseline`` (a value measured in the same run) and
``note``. Rows are printed as a table and can be saved as JSON.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.path.insert(0, str(HERE))
    spec.loader.exec_module(module)
    return module


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these benchmark modules (e.g. package)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    rows: list[dict] = []
    for path in sorted(HERE.glob("bench_*.py")):
        short = path.stem.removeprefix("bench_")
        if args.names and short not in args.names:
            continue
        started = time.perf_counter()
        for row in _load(path).run():
            rows.append({"bench": short, **row})
        print(f"[{short}: {time.perf_counter() - started:.1f} s]", file=sys.stderr)
    headers = ("bench", "name", "value", "unit", "target", "baseline", "note")
    table = [[_fmt(r.get(h, "")) for h in headers] for r in rows]
    widths = [max(len(h), *(len(row[i]) for row in table)) if table else len(h)
              for i, h in enumerate(headers)]
    print(f"# {time.strftime('%Y-%m-%d')} on {platform.node()} ({platform.machine()}, "
          f"Python {platform.python_version()})")
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("-+-".join("-" * w for w in widths))
    for row in table:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths)))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
