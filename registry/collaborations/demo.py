"""Demo loader: the IT collaborations of fixtures/collaborations.yaml."""


def load(*, stdout) -> None:
    stdout.write("  collaborations: none yet")
