"""Khabar Editor: write, package, proof and export Hindi and Nepali news articles."""

from __future__ import annotations

__version__ = "0.1.0"

APP_NAME = "Khabar Editor"
APP_ID = "khabar-editor"
