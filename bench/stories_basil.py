"""BASIL story grouping: 300 dated articles, 100 events x 3 outlets, streamed in date order.

.venv/bin/python bench/stories_basil.py
"""

from __future__ import annotations

from story_stream import report

if __name__ == "__main__":
    report("basil", "BASIL (300 articles, 100 gold events)")
