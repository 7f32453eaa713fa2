"""The peer station: a desktop window where staff see who is at the kiosk, are alerted to safety
answers, review visits and record the shared decision. One module per screen; ``station`` is
the window that holds them."""
