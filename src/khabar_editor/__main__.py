"""``python -m khabar_editor [FILE]`` starts the editor."""

from khabar_editor.ui.app import main

raise SystemExit(main())
