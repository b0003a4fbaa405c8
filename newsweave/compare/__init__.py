"""Compare: a story's AnnotatedArticles -> merged claims with statuses, and a cited brief."""

from newsweave.compare.pair import compare_sentences
from newsweave.compare.report import REPORT_SCHEMA, compare_story, report_as_dict, source_label

__all__ = ["REPORT_SCHEMA", "compare_sentences", "compare_story", "report_as_dict", "source_label"]
