"""Facilities of LEAPS and LENS: one page per facility."""
