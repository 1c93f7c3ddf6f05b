"""``learnlog init``: adopt a repository (log folder, hooks, workflows, README, settings)."""
