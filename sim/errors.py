"""Errors raised for bad user input. Each names the field and what is allowed, in both languages."""


class InputError(ValueError):
    """A user-supplied value, file or flag is not acceptable.

    ``field`` names the parameter, column or flag at fault; the message says what is allowed.
    The CLI prints it as one line and exits with status 2; the app shows it beside the input,
    in the UI's language (``text(lang)``).

    Two ways to give the message:
    - ``InputError(key="err_…", field=…, **values)``: a sentence from params/text*.toml in
      both languages (preferred for anything a planner may see);
    - ``InputError("English message", field=…, zh="中文信息")``: literal text; without ``zh``
      the Chinese UI falls back to the English message.
    """

    def __init__(
        self,
        message: str = "",
        field: str | None = None,
        *,
        zh: str | None = None,
        key: str | None = None,
        **values,
    ):
        if key is not None:
            from .i18n import t  # late: i18n reads files through io, which raises InputError

            message = t(key, "en", field=field, **values)
            zh = t(key, "zh", field=field, **values)
        super().__init__(message)
        self.field = field
        self.message_en = message
        self.message_zh = zh or message

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ("zh" or "en"), prefixed with the field."""
        msg = self.message_zh if lang == "zh" else self.message_en
        return f"{self.field}: {msg}" if self.field and not msg.startswith(self.field) else msg

    def __str__(self) -> str:
        return self.text("en")
