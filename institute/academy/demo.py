"""Demo Leadership Academy from the society's 2023 year in review."""


def seed(*, scale, log):
    # --- Mentoring and coaching ------------------------------------------------------------
    from . import mentoring_demo

    mentoring_demo.seed(scale=scale, log=log)
