"""Event frames: who does what to whom, when and where, each citing its sentences.

The ontology is small and inspired by PLOVER's event categories. Each type has trigger
words and the roles its participants take, the actor before the trigger first:

    type       triggers (examples)                      roles (before / after the trigger)
    attend     attend, take part, join, represented by   attendee / attendee ("join X": host)
    visit      visit, travel to, arrive in               visitor / host (places: the frame's place)
    meet       meet, met, talks with                     participant / participant
    sanction   sanction(s), sanctions-hit                sanctioner (right before) / target
    agree      agree, agreement, sign a deal             party / party
    accuse     accuse, blame, condemn                    accuser / accused
    threaten   threaten, warn                            threatener / target
    support    support, back, supply, send troops        supporter / supported
    protest    protest, demonstrate, rally               protester / target
    attack     attack, invade, invasion, strike, war     attacker / target

A role goes to the nearest actor on its side of the trigger and to actors listed with it
("X, Y and Z"). People before a reporting verb ("Cho said ... Mr Kim was attending") are
speakers, not participants. "President Xi will review the troops" makes Xi the reviewer of
the story's event, and a reviewer from the host country is its host. A story is one event,
so its attend frames merge into one frame: the occasion ("parade") with every attendee,
dated by the date written next to the occasion ("the parade, on 3 September").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsweave.model import (
    Actor,
    ActorMention,
    AnnotatedArticle,
    DateValue,
    Frame,
    FrameMention,
    Participant,
)
from newsweave.nlp.actors import ActorIndex
from newsweave.nlp.entities import ROLE_WORDS
from newsweave.nlp.gazetteer import load_gazetteer

__all__ = ["FRAME_TYPES", "extract_frames", "frame_type_of"]

_TRIGGERS = {
    "attend": r"attend(?:s|ed|ing|ance)?|take part|took part|taking part|join(?:s|ed|ing)?|"
    r"represented by|be among",
    "visit": r"visit(?:s|ed|ing)?|travel(?:s|led|ed|ling|ing)?\s+(?:to|in)|trip to|"
    r"arriv(?:e|es|ed|ing)\s+in",
    "meet": r"meet(?:s|ing)?|met|talks with|summit with",
    "sanction": r"sanction(?:s|ed|ing)?",
    "agree": r"agree(?:s|d|ment)?|sign(?:s|ed)?\s+(?:a|an|the)\s+(?:deal|treaty|pact|accord)",
    "accuse": r"accus(?:e|es|ed|ing)|blame(?:s|d)?|condemn(?:s|ed)?",
    "threaten": r"threat(?:en|ens|ened|ening)|warn(?:s|ed)?",
    "support": r"support(?:s|ed|ing)?|back(?:s|ed)|suppl(?:y|ies|ied|ying)|"
    r"sen[dt]s?\s+(?:armaments|troops|weapons|aid|arms)",
    "protest": r"protest(?:s|ed|ing|ers)?|demonstrat(?:e|ed|ing|ions?|ors)|rall(?:y|ies|ied)",
    "attack": r"attack(?:s|ed|ing)?|invad(?:e|es|ed|ing)|invasion|strikes?|struck|"
    r"bomb(?:s|ed|ing)?|war\s+(?:against|on|with)",
}
FRAME_TYPES = tuple(_TRIGGERS)
_ROLES = {
    "attend": ("attendee", "attendee"),
    "visit": ("visitor", "host"),
    "meet": ("participant", "participant"),
    "sanction": ("sanctioner", "target"),
    "agree": ("party", "party"),
    "accuse": ("accuser", "accused"),
    "threaten": ("threatener", "target"),
    "support": ("supporter", "supported"),
    "protest": ("protester", "target"),
    "attack": ("attacker", "target"),
}
_TRIGGER_RES = {t: re.compile(r"\b(?:" + p + r")\b", re.IGNORECASE) for t, p in _TRIGGERS.items()}
_LIST_AFTER_ATTEND = re.compile(r"^\s*(?:they|these|those)\s+include\b", re.IGNORECASE)
_REVIEW = re.compile(r"\b(?:review|survey|inspect)s?\b(?=[^.]*\btroops\b)", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:said|says|told|according to|confirmed|announced|reported)\b", re.IGNORECASE
)
_EVENT_NOUN = re.compile(
    r"\b(?P<event>parade|summit|ceremony|celebration|commemoration|funeral|inauguration|"
    r"conference|forum|games|rally|festival|exercise|drills)\b",
    re.IGNORECASE,
)
_JOIN_WORDS = frozenset(
    {"and", "or", "as", "well", "plus", "also", "of", "the", *ROLE_WORDS.split("|")}
)
_PARTY_TYPES = frozenset({"person", "country", "organisation", "group"})
_MAX_DATE_GAP = 30  # characters between an occasion and the date that dates it


def frame_type_of(word: str) -> str | None:
    """The frame type a single word triggers ("bombing" -> attack), if any."""
    return next((t for t, p in _TRIGGER_RES.items() if p.fullmatch(word)), None)


@dataclass(slots=True)
class _Draft:
    type: str
    roles: dict[tuple[str, str], None] = field(default_factory=dict)  # (actor id, role)
    mentions: list[FrameMention] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    places: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)
    countries: dict[str, str] = field(default_factory=dict)  # "the UN ... represented by X"


def extract_frames(articles: Sequence[AnnotatedArticle], index: ActorIndex) -> list[Frame]:
    """The event frames stated by a story's articles, merged across them."""
    actors = {a.id: a for a in index.actors}
    by_sentence: dict[tuple[str, int], list[ActorMention]] = {}
    for mention in index.mentions:
        by_sentence.setdefault((mention.article_id, mention.sentence), []).append(mention)
    drafts: list[_Draft] = []
    for article in articles:
        previous_attend = False
        for sentence in article.sentences:
            found = by_sentence.get((article.article.id, sentence.index), [])
            mentions = sorted(found, key=lambda m: m.start)
            made = _frames_of_sentence(article, sentence.index, mentions, actors, previous_attend)
            # "26 heads of state are set to attend. They include ...": the list follows.
            previous_attend = bool(_TRIGGER_RES["attend"].search(sentence.text)) or any(
                d.type == "attend" for d in made
            )
            drafts.extend(made)
    _date_occasion(drafts, articles)
    return _merge(drafts, actors)


def _date_occasion(drafts: list[_Draft], articles: Sequence[AnnotatedArticle]) -> None:
    """Date the story's occasion from any sentence that dates it ("The parade, on 3 Sept")."""
    attends = [d for d in drafts if d.type == "attend"]
    events: Counter[str] = Counter()
    for draft in attends:
        events.update(draft.events)
    if not events:
        return
    occasion = events.most_common(1)[0][0]
    dating = _Draft("attend")
    pattern = re.compile(r"\b" + occasion + r"\b", re.IGNORECASE)
    for article in articles:
        for sentence in article.sentences:
            for found in pattern.finditer(sentence.text):
                anchor = sentence.start + found.start()
                near = [
                    d.value
                    for d in article.dates
                    if d.sentence == sentence.index
                    and d.value is not None
                    and abs(d.start - anchor) <= _MAX_DATE_GAP
                ]
                if near:
                    dating.dates.extend(near)
                    dating.mentions.append(
                        FrameMention(
                            article.article.id,
                            sentence.index,
                            sentence.start,
                            sentence.end,
                            sentence.text,
                        )
                    )
                    break
    drafts.append(dating)


def _frames_of_sentence(
    article: AnnotatedArticle,
    index: int,
    mentions: list[ActorMention],
    actors: dict[str, Actor],
    previous_attend: bool,
) -> list[_Draft]:
    sentence = article.sentences[index]
    text = sentence.text
    parties = [m for m in mentions if actors[m.actor_id].type in _PARTY_TYPES]
    drafts: list[_Draft] = []
    for frame_type, pattern in _TRIGGER_RES.items():
        trigger = pattern.search(text)
        if trigger is None:
            continue
        draft = _Draft(frame_type)
        _assign_roles(draft, text, sentence.start, trigger, parties, actors)
        if draft.roles:
            drafts.append(draft)
    if previous_attend and _LIST_AFTER_ATTEND.search(text):
        draft = _Draft("attend")
        for m in parties:
            if actors[m.actor_id].type == "person":
                draft.roles[(m.actor_id, "attendee")] = None
        drafts.append(draft)
    review = _REVIEW.search(text)
    if review:
        before = [m for m in parties if m.end - sentence.start <= review.start()]
        if before and actors[before[-1].actor_id].type == "person":
            draft = _Draft("attend")
            draft.roles[(before[-1].actor_id, "reviewer")] = None
            drafts.append(draft)
    for draft in drafts:
        _situate(draft, article, index, mentions, actors)
    return drafts


def _assign_roles(
    draft: _Draft,
    text: str,
    offset: int,
    trigger: re.Match[str],
    parties: list[ActorMention],
    actors: dict[str, Actor],
) -> None:
    start, end = offset + trigger.start(), offset + trigger.end()
    reporting = [offset + r.end() for r in _REPORTING.finditer(text[: trigger.start()])]
    floor = reporting[-1] if reporting else offset
    eligible = parties
    if draft.type == "attend":  # countries do not attend; their leaders do
        eligible = [m for m in parties if actors[m.actor_id].type == "person"]
    before = [m for m in eligible if floor <= m.start and m.end <= start]
    after = [m for m in eligible if m.start >= end]
    agent_role, patient_role = _ROLES[draft.type]
    word = trigger.group(0).lower()
    if draft.type == "attend" and word.startswith("join"):
        patient_role = "host"
    if draft.type == "attend" and word == "represented by":
        # "The UN will be represented by X": X attends for the UN.
        owners = [m for m in parties if floor <= m.start and m.end <= start]
        for m in after[:1]:
            if owners:
                draft.countries[m.actor_id] = actors[owners[-1].actor_id].name
        before = []
    if draft.type == "sanction":
        before = [m for m in before if start - m.end <= 3]
    if draft.type == "visit" and any(actors[m.actor_id].type == "person" for m in before):
        before = [m for m in before if actors[m.actor_id].type == "person"]
    for m in _chain(text, offset, before, reverse=True):
        draft.roles[(m.actor_id, agent_role)] = None
    for m in _chain(text, offset, after, reverse=False):
        if draft.type == "visit" and actors[m.actor_id].type != "person":
            draft.places[actors[m.actor_id].name] += 2
            continue
        draft.roles[(m.actor_id, patient_role)] = None


def _chain(
    text: str, offset: int, mentions: list[ActorMention], *, reverse: bool
) -> list[ActorMention]:
    """The mention nearest the trigger and those listed with it ("X, Y and Z")."""
    ordered = list(reversed(mentions)) if reverse else list(mentions)
    if not ordered:
        return []
    chain = [ordered[0]]
    for m in ordered[1:]:
        left, right = (m, chain[-1]) if reverse else (chain[-1], m)
        gap = text[left.end - offset : right.start - offset]
        if not _is_list_gap(gap):
            break
        chain.append(m)
    return chain


def _is_list_gap(gap: str) -> bool:
    """A gap between two listed actors: a separator, and at most role words and names."""
    words = re.findall(r"[\w’'-]+", gap)
    lowercase = [w for w in words if not w[:1].isupper()]
    has_separator = "," in gap or bool(re.search(r"\b(?:and|or)\b", gap))
    return has_separator and len(gap) <= 80 and all(w.lower() in _JOIN_WORDS for w in lowercase)


def _situate(
    draft: _Draft,
    article: AnnotatedArticle,
    index: int,
    mentions: list[ActorMention],
    actors: dict[str, Actor],
) -> None:
    """Cite the sentence, and note the occasion, place and date it gives."""
    sentence = article.sentences[index]
    draft.mentions.append(
        FrameMention(article.article.id, index, sentence.start, sentence.end, sentence.text)
    )
    event = _EVENT_NOUN.search(sentence.text)
    if event:
        draft.events[event["event"].lower()] += 1
    for m in mentions:
        before = article.article.text[max(0, m.start - 4) : m.start].lower()
        if actors[m.actor_id].type == "place" and before.endswith(("in ", "at ")):
            draft.places[actors[m.actor_id].name] += 1
    dates = [d for d in article.dates if d.sentence == index and d.value is not None]
    if draft.type == "attend":  # the occasion's date, not the date someone spoke
        anchor = sentence.start + event.start() if event else -_MAX_DATE_GAP * 10
        dates = [d for d in dates if abs(d.start - anchor) <= _MAX_DATE_GAP]
    draft.dates.extend(d.value for d in dates if d.value is not None)


def _merge(drafts: list[_Draft], actors: dict[str, Actor]) -> list[Frame]:
    """One attend frame per story; other frames merge when type and roles agree."""
    merged: dict[tuple[object, ...], _Draft] = {}
    for draft in drafts:
        key: tuple[object, ...] = (
            ("attend",) if draft.type == "attend" else (draft.type, frozenset(draft.roles))
        )
        into = merged.setdefault(key, _Draft(draft.type))
        into.roles.update(draft.roles)
        into.mentions.extend(m for m in draft.mentions if m not in into.mentions)
        into.dates.extend(draft.dates)
        into.places.update(draft.places)
        into.events.update(draft.events)
        into.countries.update(draft.countries)
    frames = [_frame(i, d, actors) for i, d in enumerate(merged.values())]
    return sorted(
        frames, key=lambda f: (f.type != "attend", f.mentions[0].article_id, f.mentions[0].start)
    )


def _frame(number: int, draft: _Draft, actors: dict[str, Actor]) -> Frame:
    place = draft.places.most_common(1)[0][0] if draft.places else None
    participants = _participants(draft, actors, place)
    date = max(draft.dates, key=lambda d: (d.n_fields, not d.is_inferred), default=None)
    event = draft.events.most_common(1)[0][0] if draft.events and draft.type == "attend" else None
    return Frame(
        id=f"f{number + 1}",
        type=draft.type,
        participants=participants,
        mentions=tuple(draft.mentions),
        date=date,
        place=place,
        event=event,
    )


def _participants(
    draft: _Draft, actors: dict[str, Actor], place: str | None
) -> tuple[Participant, ...]:
    gazetteer = load_gazetteer()
    host_country = gazetteer.country(place) if place else None
    roles: dict[str, dict[str, None]] = {}
    for actor_id, role in draft.roles:
        roles.setdefault(actor_id, {})[role] = None
    result: list[Participant] = []
    for actor_id, actor_roles in roles.items():
        actor = actors[actor_id]
        own = actor.name if actor.type == "country" else actor.affiliation
        country = draft.countries.get(actor_id) or own
        if "reviewer" in actor_roles and host_country and country == host_country.name:
            actor_roles["host"] = None
        if len(actor_roles) > 1:
            actor_roles.pop("attendee", None)
        for role in actor_roles:
            result.append(Participant(actor_id, actor.name, role, country))
    order = {"host": 0, "reviewer": 1}
    return tuple(sorted(result, key=lambda p: order.get(p.role, 2)))
