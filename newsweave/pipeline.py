"""The only module that runs stages against a store.

    inputs -> read -> parse -> clean -> dedup -> annotate (batched) -> assign story -> store
    dirty stories -> compare (static vectors, no model to load) -> stored report

Every input ends stored, counted as a duplicate, or quarantined with its reason: an
InputError quarantines the input and the run goes on; any other exception is a bug in a
stage, quarantined as NW500 (or raised, under `strict`).
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsweave.clean import clean_document
from newsweave.clean.near_duplicates import NearDuplicateIndex, link_copy
from newsweave.compare import REPORT_SCHEMA
from newsweave.config import Settings
from newsweave.connect.graph import edge_evidence, frame_evidence
from newsweave.errors import InputError, NotFound, StageError
from newsweave.ingest import InputRef, parse_record, read_input
from newsweave.ingest.sources import file_sha256
from newsweave.ingest.url import Fetcher, FetchPolicy, is_url, url_sha256
from newsweave.model import (
    AnnotatedArticle,
    Article,
    RawRecord,
    Rejection,
    RunSummary,
    Story,
)
from newsweave.nlp import Annotator, extract_frames, resolve_actors
from newsweave.nlp.actors import ActorIndex
from newsweave.store import Store
from newsweave.stories import StoryIndex
from newsweave.stories.rebuild import RebuildResult, rebuild_stories
from newsweave.story_reports import ReportOptions, StoryUpdate, report_story

__all__ = [
    "Ingestion",
    "Pipeline",
    "Progress",
    "annotate_articles",
    "clean_record",
    "read_records",
]

log = logging.getLogger(__name__)

URL_FORMAT = "url"
# Stories saved between two evictions of old compare caches: the cache table holds at most
# this many more than `compare.cached_stories`, however many stories one run compares.
_EVICT_EVERY = 64

Progress = Callable[[str, int], None]
"""Called as progress(event, n): "record" per input record, "story" per report computed."""


def _ignore(_event: str, _n: int) -> None:
    return None


class Ingestion:
    """One ingest run against a store: admit outcomes in input order, store annotated batches.

    The order-dependent steps (deduplication, copy linking, story assignment, writing) live
    here, so a single process and the batch runner, which annotates on workers, give the
    same store. Each stored batch is one transaction holding its articles, their sketches
    and the story states they changed; rejections commit as they come. A run killed at any
    point and started again therefore finds every input stored, quarantined (once) or
    still to do.

    Args:
        pipeline: settings, store, story and copy indexes to use.
        progress: called with ("record", 1) per admitted outcome.
    """

    def __init__(self, pipeline: Pipeline, *, progress: Progress = _ignore) -> None:
        self.pipeline = pipeline
        self.progress = progress
        self.read = 0
        self.stored = 0
        self.duplicate = 0
        self.quarantined: Counter[str] = Counter()
        self.story_ids: dict[str, None] = {}
        # Admitted but not yet stored: later copies of them are duplicates or links too.
        self._admitted: dict[str, Article] = {}
        self._hashes: dict[str, str] = {}
        self._inputs: set[str] = set()
        self._sketches: dict[str, bytes] = {}

    def admit(self, outcome: Article | Rejection) -> Article | None:
        """Count one read record; returns the article to annotate, or None (duplicate, rejected)."""
        self.read += 1
        self.progress("record", 1)
        if isinstance(outcome, Rejection):
            self.reject(outcome)
            return None
        linked = self._link(outcome)
        if linked is None:
            self.duplicate += 1
            return None
        self._admitted[linked.id] = linked
        self._hashes[linked.content_hash] = linked.id
        self._inputs.add(linked.sha256)
        return linked

    def _link(self, article: Article) -> Article | None:
        """None for input already stored (the same bytes, or the same text from the same
        place); otherwise the article, linked to the earlier article it copies, if any."""
        store, copies = self.pipeline.store, self.pipeline.copies
        if article.sha256 in self._inputs or store.has_input(article.sha256):
            return None
        exact_id = self._hashes.get(article.content_hash) or store.find_content(
            article.content_hash
        )
        if exact_id is not None:
            earlier = self._article(exact_id)
            if (earlier.outlet, earlier.url) == (article.outlet, article.url):
                return None
        if article.id in self._admitted or store.find_article(article.id):
            # Same id, different input (two "index.txt" in two folders): keep both.
            article = replace(article, id=f"{article.id}-{article.content_hash[:8]}")
        sketch = copies.sketch(article.text)
        linked = link_copy(
            article, index=copies, sketch=sketch, lookup=self._article, exact_id=exact_id
        )
        copies.add(linked.id, sketch)
        self._sketches[linked.id] = copies.to_bytes(sketch)
        return linked

    def _article(self, article_id: str) -> Article:
        if article_id in self._admitted:
            return self._admitted[article_id]
        return self.pipeline.store.articles([article_id])[0]

    def store_batch(self, outcomes: Sequence[AnnotatedArticle | Rejection]) -> None:
        """Assign admitted articles to stories in order and write them in one transaction.

        An article whose annotation failed comes as its Rejection and is quarantined instead.
        """
        annotated = [o for o in outcomes if isinstance(o, AnnotatedArticle)]
        # A failed article stays admitted: a later copy of it in this run is its duplicate.
        for failed in (o for o in outcomes if isinstance(o, Rejection)):
            self.reject(failed)
        if not annotated:
            return
        index, store = self.pipeline.index, self.pipeline.store
        try:
            assignments = [index.assign(a) for a in annotated]
            sketches = [(a.article.id, self._sketches.pop(a.article.id)) for a in annotated]
            with store.transaction() as connection:
                store.write_articles(connection, zip(annotated, assignments, strict=True))
                store.write_sketches(connection, sketches)
                # Touched stories in first-touch order (new ones keep their arrival order),
                # merges and term frequencies: the index state these assignments came from.
                store.write_index_changes(connection, index.take_changes())
        except BaseException:
            # The indexes now hold articles the store rolled back: drop them, so the next batch
            # restores them from what was committed instead of running ahead of the store.
            self.pipeline.forget_indexes()
            raise
        for a in annotated:
            self._admitted.pop(a.article.id, None)
            self._hashes.pop(a.article.content_hash, None)
        self.stored += len(annotated)
        self.story_ids.update(dict.fromkeys(a.story_id for a in assignments))
        log.info("stored %d articles", len(annotated))

    def reject(self, rejection: Rejection) -> None:
        with self.pipeline.store.transaction() as connection:
            self.pipeline.store.add_rejection(connection, rejection)
        self.quarantined[rejection.code] += 1
        log.warning("quarantined %s: %s", rejection.source, rejection.message)

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
        self._index: StoryIndex | None = None
        self._copies: NearDuplicateIndex | None = None
        self._saved_since_eviction = 0

    @property
    def copies(self) -> NearDuplicateIndex:
        """The near-duplicate index over every stored article (loaded on first use)."""
        if self._copies is None:
            self._copies = NearDuplicateIndex(threshold=self.settings.ingest.copy_threshold)
            self._copies.add_all(self.store.sketches())
        return self._copies

    def forget_indexes(self) -> None:
        """Drop the in-memory story and copy indexes; the next use restores them from the store."""
        self._index = None
        self._copies = None

    @property
    def index(self) -> StoryIndex:
        if self._index is None:
            window_days = self.settings.stories.window_days
            self._index = StoryIndex.restore(
                self.store.story_snapshot(window_days=window_days),
                threshold=self.settings.stories.threshold,
                window_days=window_days,
                archive=self.store,
            )
        return self._index

    # --- ingest -----------------------------------------------------------------------------

    def ingest(self, inputs: Iterable[InputRef], *, progress: Progress = _ignore) -> RunSummary:
        """Read, clean, annotate, group and store every input; then refresh changed stories."""
        run = Ingestion(self, progress=progress)
        pending: list[Article] = []
        records = read_records(
            inputs,
            max_bytes=self.settings.ingest.max_bytes,
            fetcher=self.fetcher,
            strict=self.strict,
        )
        for item in records:
            outcome = item if isinstance(item, Rejection) else self.clean(item)
            article = run.admit(outcome)
            if article is not None:
                pending.append(article)
            if len(pending) >= self.settings.store.batch_size:
                run.store_batch(annotate_articles(self.annotator, pending, strict=self.strict))
                pending = []
        run.store_batch(annotate_articles(self.annotator, pending, strict=self.strict))
        self.refresh_reports(progress=progress)
        return run.summary()

    def clean(self, record: RawRecord) -> Article | Rejection:
        """Parse and clean one record (see `clean_record`)."""
        return clean_record(record, min_chars=self.settings.ingest.min_chars, strict=self.strict)

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
        run = Ingestion(self, progress=progress)
        assert record is not None  # noqa: S101 - _retry_input gives a ref or a record
        article = run.admit(self.clean(record))
        if article is not None:
            run.store_batch(annotate_articles(self.annotator, [article], strict=self.strict))
        self.refresh_reports(progress=progress)
        return run.summary()

    # --- stories and reports ----------------------------------------------------------------

    def rebuild_stories(self) -> RebuildResult:
        """Re-group every stored article in arrival order with the current settings.

        Story ids stay where the stories stay; stories that split or merged get fresh ids or
        aliases, and only their reports are dropped.
        """
        previous = self.store.story_memberships()
        result = rebuild_stories(
            self._stored_articles(list(previous)),
            previous=previous,
            threshold=self.settings.stories.threshold,
            window_days=self.settings.stories.window_days,
        )
        before: dict[str, set[str]] = {}
        for article_id, story_id in previous.items():
            before.setdefault(story_id, set()).add(article_id)
        after: dict[str, set[str]] = {}
        for a in result.assignments:
            after.setdefault(a.story_id, set()).add(a.article_id)
        stale = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
        self.store.replace_story_index(result, stale=stale)
        self._index = None
        return result

    def _stored_articles(self, ids: list[str]) -> Iterator[AnnotatedArticle]:
        for start in range(0, len(ids), self.settings.store.batch_size):
            yield from self.store.annotated(ids[start : start + self.settings.store.batch_size])

    def refresh_reports(
        self, story_ids: Sequence[str] | None = None, *, progress: Progress = _ignore
    ) -> list[str]:
        """Recompute the reports of the given stories (default: those changed since)."""
        ids = list(story_ids) if story_ids is not None else self.store.dirty_story_ids()
        options = ReportOptions.from_settings(self.settings)
        for story_id in ids:
            story, annotated = self.story_inputs(story_id)
            update = report_story(
                story, annotated, options=options, cache=self.store.compare_caches.load(story_id)
            )
            self.save_story_update(update, annotated)
            progress("story", 1)
        self.evict_compare_caches()
        return ids

    def story_inputs(self, story_id: str) -> tuple[Story, list[AnnotatedArticle]]:
        """What comparing a story reads from the store: the story and its annotated articles."""
        story = self.store.story(story_id)
        return story, self.store.annotated(story.article_ids)

    def save_story_update(self, update: StoryUpdate, annotated: Sequence[AnnotatedArticle]) -> None:
        """Store a story's report, then its actors and frames.

        Run in story order: actors are linked corpus-wide in the order stories are saved.
        """
        self.store.save_report(update.story_id, update.report, cache=update.cache)
        actors = update.actors if update.actors is not None else resolve_actors(annotated)
        self._connect(update.story_id, annotated, actors)
        self._saved_since_eviction += 1
        if self._saved_since_eviction >= _EVICT_EVERY:
            self.evict_compare_caches()

    def evict_compare_caches(self) -> int:
        """Keep only the `compare.cached_stories` compare caches saved last; returns how many
        went. A story that lost its cache is compared from scratch, to the same report."""
        self._saved_since_eviction = 0
        return self.store.compare_caches.evict(keep=self.settings.compare.cached_stories)

    def _connect(
        self, story_id: str, annotated: Sequence[AnnotatedArticle], actors: ActorIndex
    ) -> None:
        """Store the story's actors (linked corpus-wide) and its event frames."""
        frames = extract_frames(annotated, actors)
        with self.store.transaction() as connection:
            linked = self.store.actors.save_story(connection, story_id, actors)
            saved = self.store.frames.save_story(connection, story_id, frames, linked.ids)
            types = {a.id: a.type for a in linked.actors}
            evidence = [e for f in saved for e in frame_evidence(f)]
            for article in annotated:
                evidence.extend(edge_evidence(article, linked.mentions, types))
            self.store.graph.save_story(connection, story_id, evidence)

    def report(self, story_id: str | None = None) -> dict[str, Any]:
        """The `newsweave.report/1` document for one story, or for all of them."""
        stories = [self.store.story(story_id)] if story_id else self.store.stories()
        stale = [s.id for s in stories if self.store.report(s.id) is None]
        if stale:
            self.refresh_reports(stale)
        reports = [self.store.report(s.id) for s in stories]
        return {"schema": REPORT_SCHEMA, "stories": [r for r in reports if r is not None]}


def read_records(
    inputs: Iterable[InputRef], *, max_bytes: int, fetcher: Fetcher, strict: bool = False
) -> Iterator[RawRecord | Rejection]:
    """Cut inputs into records, in input order; an input unreadable as a whole is a Rejection.

    A reader failing with anything but an InputError gives an NW500 Rejection for the rest
    of that input (raised instead under `strict`); records it already gave stand.
    """
    for ref in inputs:
        try:
            yield from read_input(ref, max_bytes=max_bytes, fetcher=fetcher)
        except InputError as exc:
            yield _rejection_of_input(exc, ref)
        except Exception as exc:
            # A reader bug on one hostile input must not stop the run, nor every rerun.
            if strict:
                raise
            log.exception("reader failure on %s", ref.source)
            yield _reader_failure(exc, ref)


def clean_record(record: RawRecord, *, min_chars: int, strict: bool = False) -> Article | Rejection:
    """Parse and clean one record; needs no store, so batch workers run it too.

    Returns:
        The cleaned Article, or the Rejection that quarantines the record: its InputError,
        or NW500 for any other exception (a stage bug), which is raised instead under `strict`.
    """
    try:
        return clean_document(parse_record(record), min_chars=min_chars)
    except InputError as exc:
        return _rejection_of_record(exc, record)
    except Exception as exc:
        if strict:
            raise
        log.exception("stage failure on %s", record.source)
        return _stage_failure(exc, record)


def annotate_articles(
    annotator: Annotator, articles: Sequence[Article], *, strict: bool = False
) -> list[AnnotatedArticle | Rejection]:
    """Annotate a batch; if the batch fails, retry one by one so only the culprit is lost.

    An article no stage can annotate becomes an NW500 Rejection (raised under `strict`):
    left to fail the batch, it would fail every rerun of the same input as well.
    """
    try:
        return list(annotator.pipe(articles))
    except Exception:
        if strict:
            raise
        log.exception("annotating a batch of %d failed; retrying one by one", len(articles))
    outcomes: list[AnnotatedArticle | Rejection] = []
    for article in articles:
        try:
            outcomes.append(annotator(article))
        except Exception as exc:
            log.exception("stage failure on %s", article.source)
            outcomes.append(_annotation_failure(exc, article))
    return outcomes


def _bug(source: str, exc: Exception) -> StageError:
    """An unexpected exception on one input, worded as the bug report it is."""
    return StageError(
        f"{source}: {type(exc).__name__}: {exc}",
        hint="this is a newsweave bug: please report it with the input",
    )


def _annotation_failure(exc: Exception, article: Article) -> Rejection:
    error = _bug(article.source, exc)
    return Rejection(
        source=article.source,
        stage="annotate",
        code=error.code,
        message=str(error),
        sha256=article.sha256,
        payload=article.text.encode("utf-8", errors="replace"),
    )


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


def _reader_failure(exc: Exception, ref: InputRef) -> Rejection:
    error = StageError(
        f"{ref.source}: {type(exc).__name__} while reading: {exc}",
        hint="this is a newsweave bug: please report it with the input",
    )
    failure = InputError(str(error), source=ref.source, stage="read")
    return replace(_rejection_of_input(failure, ref), code=error.code, message=str(error))


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
    error = _bug(record.source, exc)
    return Rejection(
        source=record.source,
        stage="pipeline",
        code=error.code,
        message=str(error),
        sha256=record.sha256 or _sha256(record.payload),
        path=record.path,
        payload=None if record.path else record.payload,
    )
