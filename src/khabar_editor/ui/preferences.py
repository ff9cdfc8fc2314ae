"""The Preferences dialog, editing a copy of :class:`~khabar_editor.settings.Settings`."""

from __future__ import annotations

import copy

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFontComboBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from khabar_editor.i18n import _
from khabar_editor.settings import Settings
from khabar_editor.ui.identity_dialog import IdentityFields
from khabar_editor.ui.keys_dialog import KeyCreated, KeysSection


class PreferencesDialog(QDialog):
    """Who you are, interface language, theme, font, autosave, photos, digits, taxonomy,
    spelling, and signing keys."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, *,
                 key_created: KeyCreated | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.setObjectName("preferences")
        self._settings = copy.deepcopy(settings)
        form = QFormLayout()
        self._appearance_rows(form)
        self._work_rows(form)
        self.keys = KeysSection(self._settings, lambda: self.identity.name.text(), key_created)
        self.keys.set_role(self.identity.role.currentData())
        self.identity.role.currentIndexChanged.connect(
            lambda _i: self.keys.set_role(self.identity.role.currentData()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Two columns: one under the other, the desk's dialog (with its trusted-keys
        # table) was as tall as a 1366×768 screen and its OK button fell off the bottom.
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addWidget(self.keys, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)

    def _appearance_rows(self, form: QFormLayout) -> None:
        s = self._settings
        self.language = QComboBox()
        for text, code in ((_("System default"), ""), ("English", "en"), ("हिन्दी", "hi")):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(0, self.language.findData(s.ui_language)))
        form.addRow(_("Interface language"), self.language)
        self.identity = IdentityFields(form, s.user_name, getattr(s, "user_role", ""))
        self.user_name = self.identity.name
        self.theme = QComboBox()
        for text, code in ((_("Follow the system"), "system"), (_("Light"), "light"),
                           (_("Dark"), "dark")):
            self.theme.addItem(text, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.theme)))
        form.addRow(_("Theme"), self.theme)
        self.font = QFontComboBox()
        self.font.setCurrentFont(QFont(s.font_family))
        form.addRow(_("Font"), self.font)
        self.font_size = self._spin(6, 72, s.font_size, " pt")
        form.addRow(_("Font size"), self.font_size)
        self.line_numbers = QCheckBox(_("Show line numbers"))
        self.line_numbers.setChecked(s.line_numbers)
        form.addRow(self.line_numbers)

    def _work_rows(self, form: QFormLayout) -> None:
        s = self._settings
        self.autosave = self._spin(1, 600, s.autosave_seconds, _(" s"))
        form.addRow(_("Autosave every"), self.autosave)
        self.photo_px = self._spin(200, 10000, s.photo_max_px, " px")
        form.addRow(_("Largest photo side"), self.photo_px)
        self.digits = QComboBox()
        self.digits.addItem(_("Latin digits (0-9)"), "latin")
        self.digits.addItem(_("Devanagari digits (०-९)"), "devanagari")
        self.digits.setCurrentIndex(max(0, self.digits.findData(s.digit_style)))
        form.addRow(_("Digits in datelines"), self.digits)
        self.taxonomy = QLineEdit(s.taxonomy_file)
        self.taxonomy.setPlaceholderText(_("built-in categories"))
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._choose_taxonomy)
        row = QHBoxLayout()
        row.addWidget(self.taxonomy)
        row.addWidget(browse)
        form.addRow(_("Category file"), row)
        self.spell = QCheckBox(_("Check spelling while typing"))
        self.spell.setChecked(s.spell_check)
        form.addRow(self.spell)
        self._limit_rows(form)

    def _limit_rows(self, form: QFormLayout) -> None:
        """The newsroom's length limits (0: no limit), shown as counters under the fields."""
        s = self._settings
        chars = _(" characters")
        self.headline_limit = self._spin(0, 5000, s.headline_limit, chars)
        self.summary_limit = self._spin(0, 5000, s.summary_limit, chars)
        self.seo_title_limit = self._spin(0, 5000, s.seo_title_limit, chars)
        for spin in (self.headline_limit, self.summary_limit, self.seo_title_limit):
            spin.setSpecialValueText(_("no limit"))
        form.addRow(_("Headline limit"), self.headline_limit)
        form.addRow(_("Summary limit"), self.summary_limit)
        form.addRow(_("SEO title limit"), self.seo_title_limit)

    @staticmethod
    def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def _choose_taxonomy(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Category file"), "",
                                                    _("YAML files (*.yaml *.yml)"))
        if path:
            self.taxonomy.setText(path)

    def result_settings(self) -> Settings:
        """The settings as edited in the dialog."""
        s = self._settings
        s.ui_language = self.language.currentData()
        s.user_name, s.user_role = self.identity.values()
        s.identity_confirmed = getattr(s, "identity_confirmed", False) or bool(s.user_name)
        s.theme = self.theme.currentData()
        s.font_family = self.font.currentFont().family()
        s.font_size = self.font_size.value()
        s.autosave_seconds = self.autosave.value()
        s.photo_max_px = self.photo_px.value()
        s.digit_style = self.digits.currentData()
        s.taxonomy_file = self.taxonomy.text().strip()
        s.spell_check = self.spell.isChecked()
        s.line_numbers = self.line_numbers.isChecked()
        s.headline_limit = self.headline_limit.value()
        s.summary_limit = self.summary_limit.value()
        s.seo_title_limit = self.seo_title_limit.value()
        return s.clamp()
