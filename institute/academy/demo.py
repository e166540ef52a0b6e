"""Demo Leadership Academy from the society's 2023 year in review."""


def seed(*, scale, log):
    pass
