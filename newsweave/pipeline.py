"""The only module that runs stages against a store.

    inputs -> read -> parse -> clean -> dedup -> annotate (batched) -> assign story -> store
    dirty stories -> sentence vectors -> compare -> stored report

Every input ends stored, counted as a duplicate, or quarantined with its reason: an
InputError quarantines the input and the run goes on; any other exception is a bug in a
stage, quarantined as NW500 (or raised, under `strict`).
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsweave.clean import clean_document
from newsweave.clean.near_duplicates import NearDuplicateIndex, link_copy
from newsweave.compare import REPORT_SCHEMA, compare_story, report_as_dict
from newsweave.compare.claims import origin_of
from newsweave.config import Settings
from newsweave.connect.graph import edge_evidence, frame_evidence
from newsweave.errors import InputError, NotFound, StageError
from newsweave.ingest import InputRef, parse_record, read_input
from newsweave.ingest.sources import file_sha256
from newsweave.ingest.url import Fetcher, FetchPolicy, is_url, url_sha256
from newsweave.model import AnnotatedArticle, Article, RawRecord, Rejection, RunSummary
from newsweave.nlp import Annotator, SentenceEncoder, extract_frames, resolve_actors
from newsweave.store import Store
from newsweave.stories import StoryIndex

__all__ = ["Pipeline", "Progress"]

log = logging.getLogger(__name__)

URL_FORMAT = "url"

Progress = Callable[[str, int], None]
"""Called as progress(event, n): "record" per input record, "story" per report computed."""


def _ignore(_event: str, _n: int) -> None:
    return None


@dataclass(slots=True)
class _Run:
    read: int = 0
    stored: int = 0
    duplicate: int = 0
    quarantined: Counter[str] = field(default_factory=Counter)
    pending: list[Article] = field(default_factory=list)
    pending_hashes: dict[str, str] = field(default_factory=dict)
    pending_inputs: set[str] = field(default_factory=set)
    pending_sketches: dict[str, bytes] = field(default_factory=dict)
    story_ids: dict[str, None] = field(default_factory=dict)

    def summary(self) -> RunSummary:
        return RunSummary(
            read=self.read,
            stored=self.stored,
            duplicate=self.duplicate,
            quarantined=dict(self.quarantined),
            story_ids=tuple(self.story_ids),
        )


class Pipeline:
    """Run newsweave's stages over inputs, keeping every result in `store`.

    Args:
        settings: validated settings.
        store: where results go.
        strict: raise on a stage bug instead of quarantining the input (tests use this).
        fetcher: fetches URL inputs (default: one under the settings' URL policy).
    """

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        strict: bool = False,
        fetcher: Fetcher | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.strict = strict
        self.fetcher = fetcher or Fetcher(FetchPolicy.from_settings(settings.ingest))
        self.annotator = Annotator(
            batch_size=settings.nlp.batch_size, n_threads=settings.nlp.n_threads
        )
        self.encoder = SentenceEncoder(n_threads=settings.nlp.n_threads)
        self._index: StoryIndex | None = None
        self._copies: NearDuplicateIndex | None = None

    @property
    def copies(self) -> NearDuplicateIndex:
        """The near-duplicate index over every stored article (loaded on first use)."""
        if self._copies is None:
            self._copies = NearDuplicateIndex(threshold=self.settings.ingest.copy_threshold)
            self._copies.add_all(self.store.sketches())
        return self._copies

    @property
    def index(self) -> StoryIndex:
        if self._index is None:
            self._index = StoryIndex.from_states(
                self.store.story_states(),
                threshold=self.settings.stories.threshold,
                window_days=self.settings.stories.window_days,
            )
        return self._index

    # --- ingest -----------------------------------------------------------------------------

    def ingest(self, inputs: Iterable[InputRef], *, progress: Progress = _ignore) -> RunSummary:
        """Read, clean, annotate, group and store every input; then refresh changed stories."""
        run = _Run()
        for ref in inputs:
            try:
                records = read_input(
                    ref, max_bytes=self.settings.ingest.max_bytes, fetcher=self.fetcher
                )
                for record in records:
                    run.read += 1
                    self._take(record, run)
                    progress("record", 1)
                    if len(run.pending) >= self.settings.store.batch_size:
                        self._flush(run)
            except InputError as exc:
                run.read += 1
                self._reject(_rejection_of_input(exc, ref), run)
                progress("record", 1)
        self._flush(run)
        self.refresh_reports(progress=progress)
        return run.summary()

    def retry(self, entry_id: int, *, progress: Progress = _ignore) -> RunSummary:
        """Read a quarantined input again; its row goes, and comes back if it fails again.

        Raises:
            NotFound: no such entry, or nothing was kept to read again (the file is gone).
        """
        entry = self.store.quarantine_entry(entry_id)
        ref, record = _retry_input(entry.rejection)
        with self.store.transaction() as connection:
            self.store.delete_rejection(connection, entry_id)
        if ref is not None:
            return self.ingest([ref], progress=progress)
        run = _Run(read=1)
        assert record is not None  # noqa: S101 - _retry_input gives a ref or a record
        self._take(record, run)
        self._flush(run)
        self.refresh_reports(progress=progress)
        return run.summary()

    def _take(self, record: RawRecord, run: _Run) -> None:
        try:
            article = clean_document(parse_record(record), min_chars=self.settings.ingest.min_chars)
        except InputError as exc:
            self._reject(_rejection_of_record(exc, record), run)
            return
        except Exception as exc:
            if self.strict:
                raise
            log.exception("stage failure on %s", record.source)
            self._reject(_stage_failure(exc, record), run)
            return
        linked = self._link(article, run)
        if linked is None:
            run.duplicate += 1
            return
        run.pending.append(linked)
        run.pending_hashes[linked.content_hash] = linked.id
        run.pending_inputs.add(linked.sha256)

    def _link(self, article: Article, run: _Run) -> Article | None:
        """None for input already stored (the same bytes, or the same text from the same
        place); otherwise the article, linked to the earlier article it copies, if any."""
        if article.sha256 in run.pending_inputs or self.store.has_input(article.sha256):
            return None
        exact_id = run.pending_hashes.get(article.content_hash) or self.store.find_content(
            article.content_hash
        )
        if exact_id is not None:
            earlier = self._article(exact_id, run)
            if (earlier.outlet, earlier.url) == (article.outlet, article.url):
                return None
        if article.id in {a.id for a in run.pending} or self.store.find_article(article.id):
            # Same id, different input (two "index.txt" in two folders): keep both.
            article = replace(article, id=f"{article.id}-{article.content_hash[:8]}")
        sketch = self.copies.sketch(article.text)
        linked = link_copy(
            article,
            index=self.copies,
            sketch=sketch,
            lookup=lambda i: self._article(i, run),
            exact_id=exact_id,
        )
        self.copies.add(linked.id, sketch)
        run.pending_sketches[linked.id] = self.copies.to_bytes(sketch)
        return linked

    def _article(self, article_id: str, run: _Run) -> Article:
        for article in run.pending:
            if article.id == article_id:
                return article
        return self.store.articles([article_id])[0]

    def _flush(self, run: _Run) -> None:
        if not run.pending:
            return
        batch, run.pending, run.pending_hashes = run.pending, [], {}
        sketches = [(a.id, run.pending_sketches.pop(a.id)) for a in batch]
        annotated = list(self.annotator.pipe(batch))
        assignments = [self.index.assign(a) for a in annotated]
        touched = {a.story_id for a in assignments}
        with self.store.transaction() as connection:
            self.store.write_articles(connection, zip(annotated, assignments, strict=True))
            self.store.write_sketches(connection, sketches)
            self.store.write_story_states(
                connection, (self.index.stories_[i] for i in sorted(touched))
            )
        run.stored += len(batch)
        run.story_ids.update(dict.fromkeys(a.story_id for a in assignments))
        log.info("stored %d articles", len(batch))

    def _reject(self, rejection: Rejection, run: _Run) -> None:
        with self.store.transaction() as connection:
            self.store.add_rejection(connection, rejection)
        run.quarantined[rejection.code] += 1
        log.warning("quarantined %s: %s", rejection.source, rejection.message)

    # --- stories and reports ----------------------------------------------------------------

    def refresh_reports(
        self, story_ids: Sequence[str] | None = None, *, progress: Progress = _ignore
    ) -> list[str]:
        """Recompute the reports of the given stories (default: those changed since)."""
        ids = list(story_ids) if story_ids is not None else self.store.dirty_story_ids()
        for story_id in ids:
            story = self.store.story(story_id)
            annotated = self.store.annotated(story.article_ids)
            vectors = self._sentence_vectors(annotated)
            report = compare_story(
                story,
                annotated,
                vectors,
                align_threshold=self.settings.compare.align_threshold,
                brief_sentences=self.settings.compare.brief_sentences,
            )
            self.store.save_report(story_id, report_as_dict(report))
            self._connect(story_id, annotated)
            progress("story", 1)
        return ids

    def _connect(self, story_id: str, annotated: Sequence[AnnotatedArticle]) -> None:
        """Store the story's actors (linked corpus-wide) and its event frames."""
        actors = resolve_actors(annotated)
        frames = extract_frames(annotated, actors)
        with self.store.transaction() as connection:
            linked = self.store.actors.save_story(connection, story_id, actors)
            saved = self.store.frames.save_story(connection, story_id, frames, linked.ids)
            types = {a.id: a.type for a in linked.actors}
            evidence = [e for f in saved for e in frame_evidence(f)]
            for article in annotated:
                evidence.extend(edge_evidence(article, linked.mentions, types))
            self.store.graph.save_story(connection, story_id, evidence)

    def _sentence_vectors(self, annotated: Sequence[AnnotatedArticle]) -> dict[str, Any]:
        """Sentence vectors for a story's articles: stored ones, the rest computed and saved.

        A story with one source has nothing to align, so nothing is computed for it.
        """
        if len({origin_of(a) for a in annotated}) < 2:
            return {}
        ids = [a.article.id for a in annotated]
        vectors = self.store.sentence_vectors(ids)
        missing = [a for a in annotated if a.article.id not in vectors]
        if missing:
            texts = [s.text for a in missing for s in a.sentences]
            matrix = self.encoder.encode(texts)
            fresh, start = {}, 0
            for a in missing:
                fresh[a.article.id] = matrix[start : start + len(a.sentences)]
                start += len(a.sentences)
            self.store.save_sentence_vectors(fresh)
            vectors.update(fresh)
        return vectors

    def report(self, story_id: str | None = None) -> dict[str, Any]:
        """The `newsweave.report/1` document for one story, or for all of them."""
        stories = [self.store.story(story_id)] if story_id else self.store.stories()
        stale = [s.id for s in stories if self.store.report(s.id) is None]
        if stale:
            self.refresh_reports(stale)
        reports = [self.store.report(s.id) for s in stories]
        return {"schema": REPORT_SCHEMA, "stories": [r for r in reports if r is not None]}


def _sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _rejection_of_record(exc: InputError, record: RawRecord) -> Rejection:
    if record.path is not None:
        # Whole files stay where they are: keep the path and a digest, not a copy.
        return Rejection(
            source=record.source,
            stage=exc.stage,
            code=exc.code,
            message=str(exc),
            sha256=record.sha256 or _sha256(record.payload),
            path=record.path,
            format=record.format,
        )
    payload = exc.payload if exc.payload is not None else record.payload
    return Rejection(
        source=record.source,
        stage=exc.stage,
        code=exc.code,
        message=str(exc),
        sha256=record.sha256 or _sha256(record.payload),
        payload=payload or None,
        format=record.format,
    )


def _rejection_of_input(exc: InputError, ref: InputRef) -> Rejection:
    if ref.url is not None:
        # Nothing was read (blocked, unreachable, too large): keep the URL and its digest.
        return Rejection(
            source=ref.source,
            stage=exc.stage,
            code=exc.code,
            message=str(exc),
            sha256=url_sha256(ref.url),
            format=URL_FORMAT,
        )
    path = str(ref.path) if ref.path is not None else None
    digest = file_sha256(ref.path) if ref.path is not None and ref.path.exists() else None
    return Rejection(
        source=ref.source,
        stage=exc.stage,
        code=exc.code,
        message=str(exc),
        sha256=digest,
        path=path,
    )


def _retry_input(rejection: Rejection) -> tuple[InputRef | None, RawRecord | None]:
    """What to read again for a quarantined input: its file, its kept bytes, or its URL."""
    if rejection.path is not None:
        path = Path(rejection.path)
        if not path.exists():
            raise NotFound(
                f"{rejection.source}: the file {path} is gone",
                hint="put the file back, or ingest its new location",
            )
        return InputRef(source=rejection.source, path=path), None
    if rejection.payload and rejection.format and rejection.format != URL_FORMAT:
        record = RawRecord(
            source=rejection.source, payload=rejection.payload, format=rejection.format
        )
        return None, record
    if is_url(rejection.source):
        url = rejection.source.partition("#")[0]
        return InputRef(source=url, url=url), None
    raise NotFound(
        f"{rejection.source}: nothing was kept to read again",
        hint="ingest the input again from where it came from",
    )


def _stage_failure(exc: Exception, record: RawRecord) -> Rejection:
    error = StageError(
        f"{record.source}: {type(exc).__name__}: {exc}",
        hint="this is a newsweave bug: please report it with the input",
    )
    return Rejection(
        source=record.source,
        stage="pipeline",
        code=error.code,
        message=str(error),
        sha256=record.sha256 or _sha256(record.payload),
        path=record.path,
        payload=None if record.path else record.payload,
    )
