"""Who says what: `split_attribution` on real news sentences, and what a wrong split did.

Sources: B = BASIL (Fan et al. 2019; ../shared/data/basil), triplet 72fa9b13 (Trump's choice
of an FBI director, May 2017): the Fox article's sentence as newsweave's claim parse cuts it,
and newsweave's statement of an NYT sentence (its appositions left out). M = MRPC train
(Dolan et al. 2004, research use).
"""

from __future__ import annotations

import pytest

from newsweave import compare_sentences
from newsweave.compare.attribution import Attribution, split_attribution

MCCASKILL = "Sen. Claire McCaskill, D-Mo., said it was a “mistake” to nominate him."  # B, Fox
# B, NYT: "Adam S. Lee, the well-regarded special agent in charge of the bureau’s Richmond,
# Va., field office, was interviewed, as were Richard A. McFeely, a former senior official at
# the F.B.I., and Andrew G. McCabe, the acting director." as compare/atomic states it.
INTERVIEWED = "Adam S. Lee was interviewed, as were Richard A. McFeely., and Andrew G. McCabe."


def test_split_attribution_keeps_a_titled_speaker_out_of_the_core() -> None:
    # The speaker's title and state ("Sen. ..., D-Mo.,") once made "“Y,” said X" read the
    # speaker as the core and "it was a “mistake” to nominate him" as the speaker.
    said = split_attribution(MCCASKILL)
    assert "mistake" in said.core
    assert said.source is None or "McCaskill" in said.source


@pytest.mark.parametrize(
    ("text", "source", "core"),
    [
        # B (triplet 472158a1, HuffPost): the speaker after the quote.
        (
            "“I understand the appeal of a businessman president,” Bloomberg said.",
            "Bloomberg",
            "I understand the appeal of a businessman president.",
        ),
        # B (2014/d1344998-0e7c-409e-aaad-df5be687fc94_3, cut): the verb first.
        (
            '"We can confirm that the Christie for Governor re-election campaign received '
            "subpoenas for documents from the U.S. Attorney's office,\" said Sheridan.",
            "Sheridan",
            "We can confirm that the Christie for Governor re-election campaign received "
            "subpoenas for documents from the U.S. Attorney's office.",
        ),
        # M (MRPC train): unquoted, the verb first, a capitalised speaker.
        (
            "The federal government is approving new pesticides without basic information "
            "such as whether they harm children, says Canada's environment commissioner.",
            "Canada's environment commissioner",
            "The federal government is approving new pesticides without basic information "
            "such as whether they harm children.",
        ),
    ],
)
def test_split_attribution_quoted_speech(text: str, source: str, core: str) -> None:
    assert split_attribution(text) == Attribution(source, core)


def test_issue_5_no_name_conflict_between_a_remark_and_a_list_of_interviewees() -> None:
    # With "Sen. Claire McCaskill, D-Mo." as the core, putting the other sentence's names in
    # it made the two agree, and the brief reported a name conflict between McCaskill's
    # remark and the list of candidates the NYT says were interviewed, citing the NYT for it.
    verdict = compare_sentences(MCCASKILL, INTERVIEWED)
    assert verdict.relation == "unrelated", verdict
