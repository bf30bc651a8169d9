"""Grading: find each part's answers (segment), score them against the rubric (score), many files in
parallel (files)."""
