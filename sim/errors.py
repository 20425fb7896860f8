"""Errors raised for bad user input. Each names the field and what is allowed."""


class InputError(ValueError):
    """A user-supplied value, file or flag is not acceptable.

    ``field`` names the parameter, column or flag at fault; the message says what is allowed.
    The CLI prints it as one line and exits with status 2; the app shows it beside the input.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{self.field}: {msg}" if self.field and not msg.startswith(self.field) else msg
