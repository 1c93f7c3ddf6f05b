"""Link checking (LL2xx), split along its pipeline: collect, facts, internal, external, report."""
