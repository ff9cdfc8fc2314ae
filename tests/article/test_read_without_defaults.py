"""Reading and checking an article makes no throw-away ids and imports no uuid."""

from __future__ import annotations

import random
import uuid

import pytest

from khabar_editor.article import frontmatter
from khabar_editor.article.validate import is_uuid

IDS = ["fc80be13-e9bb-466a-a873-85820942dc06", "FC80BE13E9BB466AA87385820942DC06",
       "{fc80be13-e9bb-466a-a873-85820942dc06}", "urn:uuid:fc80be13-e9bb-466a-a873-85820942dc06",
       "fc80be13-e9bb-466a-a873-85820942dc0", "fc80be13-e9bb-466a-a873-85820942dc066",
       "gc80be13-e9bb-466a-a873-85820942dc06", "", "-", "not a uuid", " " * 32,
       "+c80be13e9bb466aa87385820942dc06", "f_80be13e9bb466aa87385820942dc06",
       "fc80be13-e9bb-466a-a873-85820942dc06\n", "०१२३४५६७८९०१२३४५६७८९०१२३४५६७८९०१"]


def _uuid_accepts(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("text", IDS)
def test_is_uuid_agrees_with_the_uuid_module(text: str) -> None:
    assert is_uuid(text) == _uuid_accepts(text)


def test_random_near_uuids_agree() -> None:
    rng = random.Random(68)
    alphabet = "0123456789abcdefABCDEF-{}:urnid _+xg"
    for _ in range(3000):
        text = "".join(rng.choices(alphabet, k=rng.choice([31, 32, 33, 36, 38, 45])))
        assert is_uuid(text) == _uuid_accepts(text), text


def test_front_matter_with_an_id_makes_no_new_one(monkeypatch) -> None:
    def refuse() -> uuid.UUID:
        raise AssertionError("a throw-away id was made")

    monkeypatch.setattr(uuid, "uuid4", refuse)
    text = "---\nid: fc80be13-e9bb-466a-a873-85820942dc06\nheadline: h\n---\nbody\n"
    assert frontmatter.from_markdown(text).id == "fc80be13-e9bb-466a-a873-85820942dc06"
    monkeypatch.undo()
    assert is_uuid(frontmatter.from_markdown("---\nheadline: h\n---\nbody\n").id)
