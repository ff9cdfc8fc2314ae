"""The baseline: a bare PySide6 window with a QPlainTextEdit showing a file.

``python bare_window.py FILE`` — what any PySide6 editor must at least spend to
map a window and paint text; nothing else is imported or done.
"""

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

app = QApplication(sys.argv)
window = QMainWindow()
editor = QPlainTextEdit()
window.setCentralWidget(editor)
with open(sys.argv[-1], encoding="utf-8") as handle:
    editor.setPlainText(handle.read())
window.resize(1400, 900)
window.show()
editor.setFocus()
sys.exit(app.exec())
