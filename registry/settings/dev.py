"""The embedded default: a newcomer's machine, `make demo`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
