"""Demo Leadership Academy from the society's 2023 year in review."""


def seed(*, scale, log):
    # Programmes, cohorts and alumni.
    from .programmes_demo import seed as seed_programmes

    seed_programmes(scale=scale, log=log)
    # --- Mentoring and coaching ------------------------------------------------------------
    from . import mentoring_demo

    mentoring_demo.seed(scale=scale, log=log)
