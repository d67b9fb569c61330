class FeedError(Exception):
    """Base class for feed import failures."""


class FeedRowError(FeedError):
    """A row of a partner file could not be parsed."""

    def __init__(self, file_name: str, line_no: int, reason: str):
        super().__init__(f"{file_name} line {line_no}: {reason}")
        self.file_name = file_name
        self.line_no = line_no
        self.reason = reason
