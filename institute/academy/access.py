"""Who may open each of the Academy's URLs (the authorisation walk reads ``RULES``)."""

RULES = {}
