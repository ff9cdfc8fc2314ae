"""``python khabar_profile.py FOLDER``: Khabar Editor settings for a returning user.

Run with the measured revision on ``sys.path``: the state says the sample was already
shown (the file on the command line opens instead), and the settings hold a confirmed
name so the first-start identity dialog does not cover the window.
"""

import dataclasses
import sys
from pathlib import Path

from khabar_editor import settings

folder = Path(sys.argv[1])
settings.save_state(settings.State(sample_shown=True), folder)
known = {f.name for f in dataclasses.fields(settings.Settings)}
wanted = {"user_name": "Bench User", "identity_confirmed": True}
settings.save_settings(settings.Settings(**{k: v for k, v in wanted.items() if k in known}),
                       folder)
