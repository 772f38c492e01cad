"""The directory of LEAPS IT collaborations and its timeline."""
