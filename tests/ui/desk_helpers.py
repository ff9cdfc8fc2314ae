"""Shared pieces of the desk GUI tests: recorded answers for the desk's dialogs, packages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from khabar_editor.article.model import Article, Byline, Dateline, Status


@pytest.fixture
def desk_answers(monkeypatch, answered):
    """``answered`` (which also answers the desk's questions), and no real keyring.

    ``identity`` answers the first-start dialog, ``note`` the return dialog,
    ``passphrase`` both passphrase questions; every question is logged in ``desk_asked``.
    """
    from khabar_editor.package import signing

    # Tests never store anything in the machine's real keyring.
    monkeypatch.setattr(signing, "keyring_available", lambda: False)
    return answered


def story(headline: str = "बाढ़ से गाँव में भारी नुकसान", status: Status = Status.SUBMITTED,
          byline: str = "सुनीता शर्मा", place: str = "दरभंगा",
          body: str = "दरभंगा ज़िले में बाढ़ का पानी घुस गया। प्रशासन ने राहत शिविर लगाए।\n"
          ) -> Article:
    """A short Hindi story as a correspondent files it."""
    return Article(headline=headline, byline=Byline(byline, "ज़िला संवाददाता"),
                   dateline=Dateline(place=place, date=date(2026, 11, 27)), category="mausam", status=status,
                   body=body)


def write_story(path: Path, article: Article, who: str = "सुनीता शर्मा", who_id: str = "c0rr",
                signer=None) -> Path:
    """Save ``article`` as a package at ``path`` as its author would."""
    from khabar_editor.package import new_package, write_package

    write_package(path, new_package(article), who=who, who_id=who_id, signer=signer)
    return path
