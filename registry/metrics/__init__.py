"""metrics: arrives with its issue."""
