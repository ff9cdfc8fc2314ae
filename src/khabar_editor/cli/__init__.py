"""The headless ``khabar`` command line (never imports Qt)."""
