"""One exception tree for newsweave, each class with a stable code.

    NewsweaveError                      NW000
    ├── InputError                      NW100  an input could not be read; it is quarantined
    │   ├── UnreadableInput             NW101  binary, truncated or otherwise not text
    │   ├── EncodingError               NW102  bytes that no supported encoding decodes
    │   ├── EmptyInput                  NW103  nothing (or no article text) to read
    │   ├── TooLarge                    NW104  over the configured size cap
    │   ├── UnsupportedFormat           NW105  a format newsweave does not read
    │   ├── MalformedRecord             NW106  a JSON Lines record that is not a valid article
    │   ├── FeedError                   NW107  a broken feed or feed entry
    │   ├── BlockedURL                  NW108  a URL that policy refuses to fetch
    │   └── FetchError                  NW109  a URL that could not be fetched
    ├── ConfigError                     NW200  bad settings; lists every bad key
    ├── StoreError                      NW300  the database refused or is inconsistent
    │   ├── MigrationError              NW301
    │   └── VersionMismatch             NW302  stored results of another component version
    ├── NotFound                        NW400  no such story, article, actor or quarantine row
    ├── StageError                      NW500  a stage failed on valid input: a bug
    └── RequestError                    NW600  an HTTP request the API refuses
        ├── InvalidRequest              NW601  parameters or a body that do not validate
        ├── Unauthorized                NW602  a missing or wrong bearer token
        ├── WritesDisabled              NW603  no API token is configured, so writes are off
        └── RateLimited                 NW604  a client over its requests-per-minute budget

Input errors are expected: the pipeline records them in the quarantine table and goes on.
Every message names the input and what would fix it.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BlockedURL",
    "ConfigError",
    "EmptyInput",
    "EncodingError",
    "FeedError",
    "FetchError",
    "InputError",
    "InvalidRequest",
    "MalformedRecord",
    "MigrationError",
    "NewsweaveError",
    "NotFound",
    "RateLimited",
    "RequestError",
    "StageError",
    "StoreError",
    "TooLarge",
    "Unauthorized",
    "UnreadableInput",
    "UnsupportedFormat",
    "VersionMismatch",
    "WritesDisabled",
]


class NewsweaveError(Exception):
    """Base of every error newsweave raises on purpose."""

    code = "NW000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message


class InputError(NewsweaveError):
    """An input that cannot become an article. Quarantined with its bytes or path + sha256."""

    code = "NW100"

    def __init__(
        self,
        message: str,
        *,
        source: str,
        stage: str,
        hint: str | None = None,
        payload: bytes | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.source = source
        self.stage = stage
        self.payload = payload

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only arguments: rebuild explicitly so errors cross process boundaries
        # (multiprocessing, batch workers).
        return (
            _rebuild_input_error,
            (type(self), self.message, self.source, self.stage, self.hint, self.payload),
        )


def _rebuild_input_error(
    kind: type[InputError],
    message: str,
    source: str,
    stage: str,
    hint: str | None,
    payload: bytes | None,
) -> InputError:
    return kind(message, source=source, stage=stage, hint=hint, payload=payload)


class UnreadableInput(InputError):
    code = "NW101"


class EncodingError(InputError):
    code = "NW102"


class EmptyInput(InputError):
    code = "NW103"


class TooLarge(InputError):
    code = "NW104"


class UnsupportedFormat(InputError):
    code = "NW105"


class MalformedRecord(InputError):
    code = "NW106"


class FeedError(InputError):
    code = "NW107"


class BlockedURL(InputError):
    code = "NW108"


class FetchError(InputError):
    code = "NW109"


class ConfigError(NewsweaveError):
    code = "NW200"


class StoreError(NewsweaveError):
    code = "NW300"


class MigrationError(StoreError):
    code = "NW301"


class VersionMismatch(StoreError):
    code = "NW302"


class NotFound(NewsweaveError):
    code = "NW400"


class StageError(NewsweaveError):
    """A stage raised something other than an InputError on an input: a bug to report."""

    code = "NW500"


class RequestError(NewsweaveError):
    """A request the HTTP API refuses; `status` is the HTTP status it answers with."""

    code = "NW600"
    status = 400


class InvalidRequest(RequestError):
    code = "NW601"
    status = 422


class Unauthorized(RequestError):
    code = "NW602"
    status = 401


class WritesDisabled(RequestError):
    code = "NW603"
    status = 403


class RateLimited(RequestError):
    code = "NW604"
    status = 429
