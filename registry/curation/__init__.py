"""Curation: the review workflow, stale rules, link checking and the curators' dashboard."""
