"""The first paint shows the text where it stays: the panels built after it move nothing."""

from __future__ import annotations

from khabar_editor.app.recovery import RecoveryStore
from khabar_editor.settings import Settings, State
from khabar_editor.ui.app import create_application, early_sample_text, startup


def test_text_column_does_not_move_when_the_panels_arrive(qtbot, khabar_dirs, answered):
    """Editor position and width at the first paint equal those of the built window
    (a one-pixel change re-wraps a line of the article)."""
    from khabar_editor.ui.main_window import MainWindow

    create_application(["test"], "en")
    window = MainWindow(Settings(spell_check=False, theme="light"), State(sample_shown=False),
                        RecoveryStore(khabar_dirs / "recovery"), defer=True)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show_text_early(early_sample_text())
    window.show()
    seen: dict[str, tuple[int, int, int]] = {}

    def place() -> tuple[int, int, int]:
        corner = window.editor.mapTo(window, window.editor.rect().topLeft())
        return corner.x(), corner.y(), window.editor.width()

    original = window.finish_startup

    def finish() -> None:
        seen["first"] = place()  # before the panels: what the first paint showed
        original()
        startup(window, None)  # the sample, as on a first start

    window.finish_startup = finish  # type: ignore[method-assign]
    done: list[int] = []
    window.finish_after_first_paint(then=lambda: done.append(1))
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    qtbot.wait(300)  # layouts settled, preview rendered
    assert window.metadata_dock.isVisible() and window.preview.isVisible()
    assert place() == seen["first"]
    assert window.editor.toPlainText() == early_sample_text()
