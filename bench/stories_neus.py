"""NeuS/AllSides raw crawl: each AllSides story's outlet excerpts (2-3), streamed by date.

Gold story = AllSides story. The excerpts are short (the first paragraphs AllSides quotes)
and every article of a story carries the story's date, so time tells stories apart only by day.

    .venv/bin/python bench/stories_neus.py
"""

from __future__ import annotations

from story_stream import report

if __name__ == "__main__":
    report("neus", "NeuS/AllSides raw crawl")
