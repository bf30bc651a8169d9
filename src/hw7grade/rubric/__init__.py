"""Rubrics: the validated model of rubrics/*.yaml (model), its cached listing (listing) and the rubric
case tables (cases)."""
