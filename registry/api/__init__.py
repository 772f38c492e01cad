"""api: arrives with its issue."""
