"""Services: the use-cases the kiosk, the peer station and the command line call (visits,
profiles, staff, audit, export, retention). They take a ``Database`` and return plain data."""
