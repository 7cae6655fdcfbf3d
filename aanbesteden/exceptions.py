"""The domain errors every app's services raise and every view shows.

`DomainError` is a move the rules do not allow; its message (translated, English msgid)
is shown to the user. `veld` optionally names the form field the message belongs to, so a
form can show it there; None means the form as a whole. `NotAllowed` is a refusal because
of who the actor is.
"""


class DomainError(Exception):
    """A move the rules do not allow; the message is shown to the user, at `veld` if set."""

    def __init__(self, message="", veld=None):
        super().__init__(message)
        self.veld = veld


class NotAllowed(DomainError):
    """The actor may not do this (a permission refusal, not a rule about the data)."""
