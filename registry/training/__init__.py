"""The training catalogue and graphical workflows."""
