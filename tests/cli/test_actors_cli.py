"""`newsweave actors` and `newsweave actor show` on the seed reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRunner, run_cli_captured


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> str:
    db = str(tmp_path_factory.mktemp("actors") / "seeds.db")
    assert run_cli_captured("ingest", str(seeds_dir), "--db", db).exit_code == 0
    return db


def test_actors_lists_corpus_actors_with_roles(cli: CliRunner, seeded_db: str) -> None:
    result = cli("actors", "--json", "--db", seeded_db)
    assert result.exit_code == 0
    actors = {a["id"]: a for a in result.json()["actors"]}
    assert actors["kim-jong-un"]["n_articles"] == 2
    assert actors["woo-won-shik"]["role"] == "Speaker"
    assert actors["woo-won-shik"]["affiliation"] == "South Korea"
    assert actors["russia"]["type"] == "country"


@pytest.mark.parametrize("name", ["Mr Kim", "Kim", "Kim Jong Un", "kim-jong-un"])
def test_every_name_of_kim_is_one_actor_across_both_articles(
    cli: CliRunner, seeded_db: str, name: str
) -> None:
    result = cli("actor", "show", name, "--json", "--db", seeded_db)
    assert result.exit_code == 0
    actor = result.json()
    assert actor["id"] == "kim-jong-un"
    assert sorted(actor["articles"]) == ["000_5c6a3b2869026a97", "002_3a8454ce8e2e82c1"]
    texts = {m["text"] for m in actor["mentions"]}
    assert {"Kim", "Kim Jong Un"} <= texts


def test_capital_acting_as_government_is_the_country(cli: CliRunner, seeded_db: str) -> None:
    # "Pyongyang is also deepening cooperation with Moscow": the governments act...
    country = cli("actor", "show", "North Korea", "--json", "--db", seeded_db).json()
    assert "Pyongyang" in country["aliases"]
    assert "Moscow" in cli("actor", "show", "Russia", "--json", "--db", seeded_db).json()["aliases"]
    # ... while "Mr Xi travelled to Pyongyang" names the city.
    city = cli("actor", "show", "pyongyang", "--json", "--db", seeded_db).json()
    assert city["type"] == "place"


def test_unknown_actor_exits_2_with_a_hint(cli: CliRunner, seeded_db: str) -> None:
    result = cli("actor", "show", "Nobody Atall", "--db", seeded_db)
    assert result.exit_code == 2
    assert "newsweave actors" in result.stderr


def test_actors_table_view(cli: CliRunner, seeded_db: str) -> None:
    result = cli("actors", "--type", "person", "--db", seeded_db)
    assert result.exit_code == 0
    assert "Kim Jong Un" in result.stdout
    assert "North Korea" not in result.stdout.split("Kim Jong Un")[0]


def test_frames_json_gives_the_parade_frame(cli: CliRunner, seeded_db: str) -> None:
    result = cli("frames", "--json", "--db", seeded_db)
    assert result.exit_code == 0
    frames = result.json()
    (parade,) = [f for f in frames if f["type"] == "attend"]
    assert parade["date"] == "--09-03"
    assert parade["place"] == "Beijing"
    people = {(p["name"], p["role"]): p["country"] for p in parade["participants"]}
    assert people[("Xi Jinping", "host")] == "China"
    for name, country in [
        ("Vladimir Putin", "Russia"),
        ("Kim Jong Un", "North Korea"),
        ("Masoud Pezashkian", "Iran"),
        ("Prabowo Subianto", "Indonesia"),
        ("Aleksandr Lukashenko", "Belarus"),
        ("Aleksandar Vucic", "Serbia"),
        ("Robert Fico", "Slovakia"),
        ("Woo Won-shik", "South Korea"),
    ]:
        assert people[(name, "attendee")] == country
    assert {m["article"] for m in parade["mentions"]} == {
        "000_5c6a3b2869026a97",
        "002_3a8454ce8e2e82c1",
    }
    for frame in frames:
        assert set(frame) >= {"type", "date", "place", "participants", "mentions"}


def test_frames_of_an_unknown_story_exit_2(cli: CliRunner, seeded_db: str) -> None:
    assert cli("frames", "st-nope", "--db", seeded_db).exit_code == 2
