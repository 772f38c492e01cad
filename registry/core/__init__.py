"""The site frame: home page, page tree set-up, demo loader, shared page helpers."""
