"""Errors a parser raises when a payload as a whole cannot be read.

One bad *item* never raises: it becomes a `RejectedItem` and the rest of the
payload still parses. These errors are for the payload itself: not the format
it claims to be, hostile (entity expansion), or asked for a target the format
cannot feed.
"""


class ParseError(ValueError):
    """The payload as a whole cannot be parsed; the message says why, for a curator."""


class UnsafePayload(ParseError):
    """The payload tries something dangerous (XML entity expansion, external entities)."""


class UnsupportedTarget(ParseError):
    """The format cannot feed the requested target (e.g. jobs from an iCal calendar)."""
