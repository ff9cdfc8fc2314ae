"""Bundle entry point of the command line (``khabar ...``)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # export --jobs workers on Windows (spawn)
    from khabar_editor.cli.main import main

    sys.exit(main())
