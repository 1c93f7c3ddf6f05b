"""Single-file logs: import one into entry files (``split``), export the entries back (``join``).

The two are inverse for a log like the user's seed: import then export gives it back byte for
byte. ``dayheadings`` reads the many ways people date a section; ``rebase`` moves links and
headings between files.
"""

from __future__ import annotations

from learnlog.layout import BACKLOG_NAME
from learnlog.singlefile.join import join_log
from learnlog.singlefile.rebase import rebase_link
from learnlog.singlefile.split import SplitLog, split_log

__all__ = ["BACKLOG_NAME", "SplitLog", "join_log", "rebase_link", "split_log"]
