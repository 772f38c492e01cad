"""The software catalogue."""
