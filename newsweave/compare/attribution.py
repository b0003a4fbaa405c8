"""Split "X said Y" into who says it (X) and what is said (Y).

"Mr Lin said the parade will be held on 3 September" and "The parade will be held on 3
September" are one claim with different attribution strength: they are compared on their
content (Y), and the attribution is reported beside the verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Attribution", "split_attribution"]

_VERB = (
    r"(?:said|says|say|told\s+[\w\s.'’-]{1,40}?|added|stated|announced|reported|claimed|"
    r"confirmed|insisted|warned|noted|wrote|argued|explained|acknowledged|denied)"
)
_SOURCE = r"(?P<source>[A-Z\"“][^,;:\"“”]{0,80}?|(?:he|she|they|it|we|officials?))"
_PATTERNS = (
    # "X said (on Monday) (that) Y"
    re.compile(
        r"^\s*" + _SOURCE + r"\s+" + _VERB + r"(?:\s+on\s+\w+)?(?:\s+that)?[,:]?\s+(?P<core>.+)$",
        re.DOTALL,
    ),
    # "According to X, Y"
    re.compile(r"^\s*According\s+to\s+(?P<source>[^,]{1,80}),\s*(?P<core>.+)$", re.DOTALL),
    # "Y, X said." / "Y," said X.
    re.compile(
        r"^(?P<core>.+?)[,\"”]+\s*" + _SOURCE + r"\s+" + _VERB + r"(?:\s+on\s+\w+)?\s*[.!]?\s*$",
        re.DOTALL,
    ),
    # "“Y,” said X" after a closing quote; without one ("Y, said X") X must be capitalised:
    # "Sen. Claire McCaskill, D-Mo., said it was a mistake to nominate him" is the speaker
    # first, then what is said.
    re.compile(
        r"^(?P<core>.+?)(?:,\s*[\"”]|[\"”],?)\s*"
        + _VERB
        + r"\s+(?P<source>[^,.]{1,80})\s*[.!]?\s*$",
        re.DOTALL,
    ),
    re.compile(
        r"^(?P<core>.+?),\s*" + _VERB + r"\s+(?P<source>[A-Z][^,.]{0,79})\s*[.!]?\s*$",
        re.DOTALL,
    ),
)
_QUOTES = "\"'“”‘’ "


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sentence cut into its source (None when unattributed) and its content."""

    source: str | None
    core: str


# Judging a story splits each claim once per pair it is in: four patterns tried each time.
@lru_cache(maxsize=8192)
def split_attribution(text: str) -> Attribution:
    """Who says what: `Attribution(source=None, core=text)` when nobody is cited."""
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        core = match["core"].strip(_QUOTES + ",")
        if len(core.split()) < 3:
            continue
        core = core[:1].upper() + core[1:]
        if not core.endswith((".", "!", "?")):
            core += "."
        source = " ".join(match["source"].strip(_QUOTES).split())
        return Attribution(source=source, core=core)
    return Attribution(source=None, core=text)
