"""The events calendar."""
