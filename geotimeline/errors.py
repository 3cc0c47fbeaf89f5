"""Exceptions. One root, subclasses that also inherit the matching builtin (as geopy does)."""

from __future__ import annotations


class GeotimelineError(Exception):
    """Root of every error geotimeline raises on purpose (user errors, bad input, bad cache)."""


class InputError(GeotimelineError, ValueError):
    """An input file or record cannot be used: unreadable, binary, empty, malformed.

    ``where`` names the file (and line, when there is one) so the message can point at it.
    """

    def __init__(self, msg: str, where: str | None = None):
        self.where, self.msg = where, msg
        super().__init__(f"{where}: {msg}" if where else msg)


class ManifestError(InputError):
    """The seeds manifest (``articles.csv``) is malformed."""


class SettingsError(GeotimelineError, ValueError):
    """A setting has an unknown name or a value of the wrong kind."""


class GazetteerError(GeotimelineError, RuntimeError):
    """The gazetteer cache is missing, corrupt or cannot be built."""


class ModelError(GeotimelineError, RuntimeError):
    """The spaCy model named in the settings cannot be loaded."""
