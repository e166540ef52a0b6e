"""Demo Leadership Academy from the society's 2023 year in review."""


def seed(*, scale, log):
    pass


# Programmes, cohorts and alumni (``programmes_demo``).
_seed_existing = seed


def seed(*, scale, log):  # noqa: F811 - each part of the room adds its seeding here
    _seed_existing(scale=scale, log=log)
    from .programmes_demo import seed as seed_programmes

    seed_programmes(scale=scale, log=log)
