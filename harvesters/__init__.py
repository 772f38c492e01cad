"""Harvesting partner sources: fetch (safe HTTP) → parse (pure) → normalise → upsert."""
