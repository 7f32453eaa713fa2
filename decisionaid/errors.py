"""Errors a user can cause and mend: each carries one clear, actionable line."""


class UserError(Exception):
    """Something a person can put right (a path, a setting, a key). ``str()`` is the one line
    shown to them; ``exit_code`` is what the command exits with."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class ConfigError(UserError):
    """A bad configuration value: the message names the key and what is allowed."""
