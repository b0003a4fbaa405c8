"""`newsweave actors` and `newsweave actor show` on the seed reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.connect import graph_from_json, read_graphml
from newsweave.connect.timeline import timeline_from_dict
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
        ("Li Junhua", "United Nations"),  # "The UN will be represented by ... Li Junhua"
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


def test_graph_exports_and_reimports_as_json_and_graphml(
    cli: CliRunner, seeded_db: str, tmp_path: Path
) -> None:
    json_path, graphml_path = tmp_path / "g.json", tmp_path / "g.graphml"
    assert (
        cli(
            "graph", "export", "--format", "json", "-o", str(json_path), "--db", seeded_db
        ).exit_code
        == 0
    )
    assert (
        cli(
            "graph", "export", "--format", "graphml", "-o", str(graphml_path), "--db", seeded_db
        ).exit_code
        == 0
    )
    from_json = graph_from_json(json.loads(json_path.read_text(encoding="utf-8")))
    from_graphml = read_graphml(graphml_path.read_text(encoding="utf-8"))
    assert from_json == from_graphml
    edges = {(e.source, e.target, e.type): e for e in from_json.edges}
    attend = edges[("kim-jong-un", "xi-jinping", "attend")]
    assert attend.weight >= 2
    assert attend.first_date == "--09-03"
    assert any("parade" in text for _, text in attend.citations)
    assert ("north-korea", "russia", "support") in edges
    assert any(e.type == "co-occurs" for e in from_json.edges)
    nodes = {n.id: n for n in from_json.nodes}
    assert nodes["woo-won-shik"].country == "South Korea"


def test_graph_export_refuses_an_unknown_format(cli: CliRunner, seeded_db: str) -> None:
    result = cli("graph", "export", "--format", "dot", "--db", seeded_db)
    assert result.exit_code == 2
    assert "graphml" in result.stderr


def test_timeline_of_an_actor_and_of_a_story(cli: CliRunner, seeded_db: str) -> None:
    kim = cli("timeline", "Mr Kim", "--json", "--db", seeded_db)
    assert kim.exit_code == 0
    entries = timeline_from_dict(kim.json())
    dated = [e.date for e in entries if e.date]
    assert dated[0].startswith("2019")  # his 2019 visit comes before the parade
    assert "--09-03" in dated
    assert all(e.citations for e in entries)
    (story,) = cli("stories", "--json", "--db", seeded_db).json()["stories"]
    whole = cli("timeline", story["id"], "--json", "--db", seeded_db).json()
    assert len(whole) >= len(entries)
    assert {e["type"] for e in whole} >= {"attend", "visit", "meet", "sanction"}


def test_a_dateline_dates_relative_frames_as_inferred(
    cli: CliRunner, tmp_path: Path, data_dir: Path
) -> None:
    # ECB+ 6_4ecbplus has no publication date, but its second line is "April 9, 2012" (a
    # Monday): "Ross is set to meet with Lionsgate officials on Monday" is that day (the
    # same day's 6_6ecbplus: "Ross will resume negotiating ... at some point on Monday").
    db = str(tmp_path / "dateline.db")
    source = data_dir / "ecbplus_hunger_games_dateline.jsonl"
    assert cli("ingest", str(source), "--db", db).exit_code == 0
    (meet,) = [f for f in cli("frames", "--json", "--db", db).json() if f["type"] == "meet"]
    assert meet["date"] == "2012-04-09"
    assert meet["date_is_inferred"] is True
    ross = timeline_from_dict(cli("timeline", "Gary Ross", "--json", "--db", db).json())
    assert [(e.date, e.is_inferred) for e in ross if e.type == "meet"] == [("2012-04-09", True)]
    text = cli("timeline", "Gary Ross", "--db", db).stdout
    assert "2012-04-09 (inferred)" in text
