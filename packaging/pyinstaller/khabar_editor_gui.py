"""Bundle entry point of the editor (``khabar-editor [FILE]``)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from khabar_editor.ui.app import main

    sys.exit(main())
