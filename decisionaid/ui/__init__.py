"""The PySide6 user interface, the only layer that imports Qt.

``common`` holds what both windows use (widgets, theme, keyboard, the player and speech
facades); ``kiosk`` is the service user's window, one module per screen; ``station`` is the
peer station and the prescriber's desk. The two windows never import each other.
"""
