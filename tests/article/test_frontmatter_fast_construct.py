"""The front matter's libyaml path builds exactly what PyYAML's SafeLoader builds."""

from __future__ import annotations

import datetime

import pytest
import yaml

from khabar_editor.app.sample import sample_package
from khabar_editor.article import frontmatter
from khabar_editor.article.frontmatter import dump_front_matter, load_yaml

needs_libyaml = pytest.mark.skipif(frontmatter._FastLoader is None, reason="no libyaml")

DOCUMENTS = [
    "",
    "# only a comment\n",
    "a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: 2026-11-27\ng: 2026-11-29T15:34:51+05:30\n",
    "h: '2026-11-27'\ni: \"4\"\nj: 0x1f\nk: 0o17\nl: .inf\nm: -.nan\nn: 1_000\no: yes\n",
    "tags:\n- बाढ़\n- कोसी\n- [1, 2, {x: y}]\nnested: {a: [b, {c: d}], e: ''}\n",
    "dup: 1\ndup: 2\n",
    "1: int key\n2.5: float key\nnull: null key\ntrue: bool key\n2026-01-01: date key\n",
    "<<: {a: 1, b: 2}\nc: 3\n",          # merge key without an alias
    "base:\n  <<: [{a: 1}, {b: 2}]\n  a: 9\n",
    "=: value key\n",
    "? [a, b]\n: list key\n",            # unhashable key: an error either way
    "? {a: 1}\n: map key\n",
    "a: 1\n---\nb: 2\n",                 # two documents: an error either way
    "a: [1, 2\n",                        # broken flow: an error either way
    "- just\n- a list\n",
    "plain scalar\n",
    "big: 123456789012345678901234567890\ndate: 0000-01-01\n",
    "when: 2026-13-45\n",
    "key: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
]


def _slow(text: str):
    loader = frontmatter._LimitedLoader(text)
    try:
        return True, loader.get_single_data()
    except Exception as exc:  # noqa: BLE001
        return False, type(exc)
    finally:
        loader.dispose()


def _same(a, b) -> bool:
    """Equal, with the same types all the way down (1 == 1.0 == True is not enough);
    NaN equals NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and a != a:
        return b != b
    if isinstance(a, datetime.datetime):
        return a == b and a.tzinfo == b.tzinfo
    return a == b


@needs_libyaml
@pytest.mark.parametrize("text", DOCUMENTS)
def test_fast_path_builds_what_the_safe_loader_builds(text: str) -> None:
    done, data = frontmatter._fast_load(text)
    ok, expected = _slow(text)
    if done:
        assert ok, f"fast path accepted what SafeLoader refuses: {expected}"
        assert _same(data, expected)
    else:  # left to the Python loader, which then decides
        assert not ok or "<<" in text or "=" in text or "?" in text


@needs_libyaml
def test_merge_keys_are_resolved_as_before() -> None:
    assert load_yaml("<<: {a: 1, b: 2}\nb: 3\n") == {"a": 1, "b": 3}
    assert load_yaml("=: v\n") == {"=": "v"}


@needs_libyaml
def test_the_sample_front_matter_takes_the_fast_path() -> None:
    text = dump_front_matter(sample_package().article)
    done, data = frontmatter._fast_load(text)
    assert done
    assert _same(data, yaml.load(text, Loader=yaml.SafeLoader))
    assert isinstance(data["priority"], int) and data["embargo"] is None
