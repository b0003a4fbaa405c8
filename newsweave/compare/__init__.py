"""Compare: a story's AnnotatedArticles -> merged claims with statuses, and a cited brief."""

from newsweave.compare.report import REPORT_SCHEMA, compare_story, report_as_dict, source_label

__all__ = ["REPORT_SCHEMA", "compare_story", "report_as_dict", "source_label"]
