"""Demo data of the API: none of its own. The API reads every room's demo data; access
tokens are made by members on their account page (their secrets are shown only then)."""


def seed(*, scale, log):
    log("API: nothing to seed (tokens are made on the account page)")
