"""The harvest engine: sources, runs, normalise and upsert, tasks.

Place in the flow: fetch → parse → **normalise → upsert** → curation → pages.
"""
