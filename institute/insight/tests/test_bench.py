"""The bench module runs at a small scale and its reference agrees with the arithmetic."""

from dataclasses import dataclass, field

import pytest

from institute.insight import bench
from tests.factories.insight import scored_society


@dataclass
class Ctx:
    scale: str = "small"
    messages: list = field(default_factory=list)

    def log(self, message):
        self.messages.append(message)


@pytest.mark.django_db
def test_the_bench_runs_and_the_reference_agrees():
    version, _ = scored_society(years=(bench.YEAR,))
    rows = bench.run(Ctx())
    names = [row["name"] for row in rows]
    assert names[0] == "insight: every place's scores, one year"
    assert names[1] == "insight: 1,000 synthetic places"
    assert all("results agree" in row["note"] for row in rows[:2])
    assert rows[0]["unit"] == "ratio" and rows[0]["value"] > 0
    # The end-to-end row was rolled back: the run is as it was.
    assert version.runs.get(year=bench.YEAR).scores.count() > 0
