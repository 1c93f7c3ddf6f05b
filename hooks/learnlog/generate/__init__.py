"""Generated files: the README table of contents and the weekly summaries, from the log alone."""
