"""Reads of the collaborations directory, shared by pages, feeds and the API."""

from .models import Collaboration


def collaborations_for_facility(facility):
    return Collaboration.objects.live().filter(facilities=facility).order_by("start_year", "title")
