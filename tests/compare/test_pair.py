"""`compare_sentences` and `newsweave compare` on real sentence pairs.

Sources (tests/data/README.md): S = the seed reports (newsweave/data/seeds), M = MRPC train
(Dolan et al. 2004, research use), and S* = a seed sentence with one value changed by us, as
the issue's conflict set does (a real sentence against itself with one fact altered).
"""

from __future__ import annotations

from datetime import date

import pytest

from newsweave import compare_sentences
from newsweave.errors import EmptyInput
from tests.conftest import CliRunner

KIM_2019 = "Mr Kim last visited China in 2019."  # S 000
KIM_JAN = "Mr Kim last visited China in January 2019."  # S 002
HEADS_26 = "According to China’s foreign ministry, 26 foreign heads of state and government are set to attend."  # S 000  # noqa: E501
PARADE = "The parade, on 3 September, commemorates Japan’s formal surrender in 1945 and the end of the Second World War."  # S 000  # noqa: E501
PUTIN_VISIT = "Russian President Vladimir Putin will also visit China to attend the military parade in Beijing next week, China’s Foreign Ministry said."  # S 002  # noqa: E501
FIRST = "North Korean leader Kim Jong Un and Russian President Vladimir Putin will attend a military parade in Beijing, marking the first public appearance of the two leaders alongside President Xi Jinping."  # S 002, cut  # noqa: E501

TABLE = [
    # (a, b, relation, kind, words the detail must name)
    (KIM_JAN, KIM_2019, "more_specific", None, ["January 2019 (a)", "2019 (b)"]),
    (KIM_2019, KIM_JAN, "less_specific", None, ["2019 (a)", "January 2019 (b)"]),
    (
        "Revenue in the first quarter of the year dropped 15 percent from the same period a year earlier.",  # M  # noqa: E501
        "With the scandal hanging over Stewart's company, revenue the first quarter of the year dropped 15 percent from the same period a year earlier.",  # M  # noqa: E501
        "same",
        None,
        [],
    ),
    (
        "The bulk of the funds, some $65 billion, will go for military operations in Iraq and Afghanistan.",  # M  # noqa: E501
        "The bulk of the bill - $64.7 billion - goes for military operations primarily in Iraq and Afghanistan.",  # M  # noqa: E501
        "less_specific",
        None,
        ["some $65 billion (a)", "$64.7 billion (b)"],
    ),
    (
        HEADS_26,
        HEADS_26.replace("26", "24"),
        "conflicting",
        "quantity",
        ["26 foreign", "24 foreign"],
    ),
    (
        "On July 3, Troy is expected to be sentenced to life in prison without parole.",  # M
        "Troy faces life in prison without parole at his July 30 sentencing.",  # M
        "conflicting",
        "date",
        ["July 3 (a)", "July 30 (b)"],
    ),
    (PARADE, PARADE.replace("3 September", "4 September"), "conflicting", "date", ["3 September"]),
    (
        PUTIN_VISIT,
        PUTIN_VISIT.replace(
            "Russian President Vladimir Putin", "Serbian President Aleksandar Vucic"
        ),
        "conflicting",
        "name",
        ["Vladimir Putin (a)", "Aleksandar Vucic (b)"],
    ),
    (
        PUTIN_VISIT,
        PUTIN_VISIT.replace("parade in Beijing", "parade in Shanghai"),
        "conflicting",
        "place",
        ["Beijing (a)", "Shanghai (b)"],
    ),
    (
        PUTIN_VISIT,
        "Russian President Vladimir Putin will also visit China to attend the military parade in Beijing next week.",  # S*  # noqa: E501
        "same",
        None,
        ["attribution", "China’s Foreign Ministry", "unattributed (b)"],
    ),
    (
        FIRST,
        FIRST.replace("the first public", "a rare public"),
        "same",
        None,
        ["first (a)", "rare (b)"],
    ),
    ("Mr Putin last visited Beijing in 2024.", KIM_2019, "unrelated", None, []),  # S, S
    (
        "The Nasdaq had a weekly gain of 17.27, or 1.2 percent, closing at 1,520.15 on Friday.",  # M  # noqa: E501
        "Earnings were affected by a non-recurring $8 million tax benefit in the year-ago period.",  # M  # noqa: E501
        "unrelated",
        None,
        [],
    ),
]


@pytest.mark.parametrize(("a", "b", "relation", "kind", "named"), TABLE)
def test_compare_sentences_table(
    a: str, b: str, relation: str, kind: str | None, named: list[str]
) -> None:
    verdict = compare_sentences(a, b)
    assert (verdict.relation, verdict.kind) == (relation, kind), verdict
    assert 0.0 <= verdict.score <= 1.0
    for words in named:
        assert verdict.detail is not None
        assert words in verdict.detail


def test_compare_sentences_score_orders_relations() -> None:
    same = compare_sentences(KIM_JAN, KIM_JAN)
    unrelated = compare_sentences("Mr Putin last visited Beijing in 2024.", HEADS_26)
    assert same.relation == "same"
    assert same.score > 0.9 > unrelated.score


def test_compare_sentences_resolves_dates_against_publication() -> None:
    # "Sept 3" and "3 September 2025" agree once the year comes from the publication date.
    a = "The Victory Day parade will be held on Sept 3."
    b = "The Victory Day parade will be held on 3 September 2025."
    assert compare_sentences(a, b).relation == "less_specific"
    dated = compare_sentences(a, b, published_a=date(2025, 8, 28))
    assert dated.relation == "same"
    wrong_year = compare_sentences(a, b, published_a=date(2024, 8, 28))
    assert (wrong_year.relation, wrong_year.kind) == ("conflicting", "date")


def test_compare_sentences_refuses_empty() -> None:
    with pytest.raises(EmptyInput):
        compare_sentences("  ", KIM_2019)


def test_cli_compare_json(cli: CliRunner) -> None:
    result = cli("compare", HEADS_26, HEADS_26.replace("26", "24"), "--json")
    assert result.exit_code == 0, result.stderr
    document = result.json()
    assert set(document) == {"relation", "score", "detail", "kind"}
    assert (document["relation"], document["kind"]) == ("conflicting", "quantity")
    assert "26 foreign heads (a) vs 24 foreign heads (b)" in document["detail"]


def test_cli_compare_readable(cli: CliRunner) -> None:
    result = cli("compare", KIM_JAN, KIM_2019)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("more_specific")
    assert "January 2019 (a) vs 2019 (b)" in result.stdout


def test_cli_compare_published_dates(cli: CliRunner) -> None:
    result = cli(
        "compare",
        "The parade will be held on Sept 3.",
        "The parade will be held on 3 September 2025.",
        "--published-a",
        "2025-08-28",
        "--json",
    )
    assert result.json()["relation"] == "same"


@pytest.mark.parametrize(
    "args",
    [
        ("compare", "", KIM_2019),
        ("compare", KIM_2019, KIM_JAN, "--published-a", "28/08/2025"),
    ],
)
def test_cli_compare_bad_input_exits_2(cli: CliRunner, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr
