"""Who is working: the user's name and role, asked once at first start.

The revision log records this person (never the byline). The role decides
whether the desk's tools (inbox, approve, return) are offered. Both can be
changed later in Preferences, which reuses :class:`IdentityFields`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from khabar_editor.i18n import N_, _
from khabar_editor.settings import Settings

ROLES = (("correspondent", N_("Correspondent")), ("desk", N_("Desk editor")))


class IdentityFields:
    """A name field and a role choice, added to a form layout."""

    def __init__(self, form: QFormLayout, name: str, role: str) -> None:
        self.name = QLineEdit(name)
        self.name.setObjectName("identityName")
        self.name.setPlaceholderText(_("e.g. सुनीता शर्मा"))
        self.role = QComboBox()
        self.role.setObjectName("identityRole")
        for code, label in ROLES:
            self.role.addItem(_(label), code)
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        form.addRow(_("Your name"), self.name)
        form.addRow(_("You work as"), self.role)

    def values(self) -> tuple[str, str]:
        """(name, role) as entered, the name stripped."""
        return self.name.text().strip(), self.role.currentData()


class IdentityDialog(QDialog):
    """First-start dialog: name and role. OK only once a name is typed."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityDialog")
        self.setWindowTitle(_("Who is working?"))
        intro = QLabel(_("Your name goes into the revision log of every package you save. "
                         "Desk editors get the inbox and the approve and return buttons."))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.fields = IdentityFields(form, settings.user_name,
                                     getattr(settings, "user_role", "") or "correspondent")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.fields.name.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.fields.name.text().strip()))

    def accept(self) -> None:
        if self.fields.name.text().strip():
            super().accept()

    def values(self) -> tuple[str, str]:
        """(name, role) as entered."""
        return self.fields.values()

