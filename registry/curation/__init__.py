"""curation: arrives with its issue."""
