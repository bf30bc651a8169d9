"""Runs: asking models (asking), provider batches (batches) and their state files (state). The CLI
parses options and renders; the work of a run is here."""
