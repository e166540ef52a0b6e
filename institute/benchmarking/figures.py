"""Benchmarking's figures for the year in review (``institute/core/figures.py``): the
organisations that benchmarked, the end-users' responses and the headline findings of the
User Skills survey, all as the public sector summary shows them (through disclosure
control); each links to that summary."""

from django.urls import reverse

from institute.core import figures

ROOM = "Benchmarking"

# Headline findings of the User Skills survey, by question key (modules/user-skills-v1.yaml).
FINDINGS = {
    "internet-solutions": "of users can use the internet to find solutions to work problems",
    "training-suspicious-links": "would like more training on recognising suspicious weblinks",
}


def _summary(*, year):
    from .selectors import cycles_closed

    if not cycles_closed().filter(year=year).exists():
        return ""
    return reverse("benchmarking:summary", kwargs={"year": year})


def _headlines(*, year):
    """One reading of the summary for the year's four figures: kept until content (results
    are content) next changes."""
    from institute.core.cache import remember

    from .selectors import year_headlines

    return remember(f"benchmarking:year-headlines:{year}", lambda: year_headlines(year=year))


def _count(name):
    def compute(*, year):
        found = _headlines(year=year)
        return found[name] if found else None

    return compute


def _finding(key):
    def compute(*, year):
        found = _headlines(year=year)
        share = found["findings"].get(key) if found else None
        return None if share is None else round(share * 100)

    return compute


def register_figures():
    figures.register(
        figures.Figure(
            key="benchmarking.organisations",
            label="organisations benchmarked",
            room=ROOM,
            order=60,
            compute=_count("organisations"),
            link=_summary,
        )
    )
    figures.register(
        figures.Figure(
            key="benchmarking.responses",
            label="responses from end-users",
            room=ROOM,
            order=61,
            compute=_count("responses"),
            link=_summary,
        )
    )
    for n, (key, label) in enumerate(FINDINGS.items()):
        figures.register(
            figures.Figure(
                key=f"benchmarking.finding.{key}",
                label=label,
                room=ROOM,
                unit=figures.PERCENT,
                order=62 + n,
                compute=_finding(key),
                link=_summary,
                description="A headline finding of the sector summary (shown when disclosed).",
            )
        )
