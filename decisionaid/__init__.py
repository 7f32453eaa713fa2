"""decisionaid: a touch-screen decision support kiosk for psychiatric medication visits."""

__version__ = "0.1.0"
