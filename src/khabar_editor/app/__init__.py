"""The Qt-free presenter layer: document session, autosave and recovery, photos, search."""
