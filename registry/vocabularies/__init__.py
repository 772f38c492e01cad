"""Controlled vocabularies shared by the catalogues, taken from their keepers.

PaN techniques come from PaNET as packaged by `esrf-ontologies`; licences are
SPDX expressions checked with `license-expression`. Nothing here is typed by
hand.
"""
