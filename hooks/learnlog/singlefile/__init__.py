"""A single-file log and the entry files it becomes: import splits it, export joins it back."""
