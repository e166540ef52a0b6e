"""Headline findings written from the data: strengths, gaps against peers, changes.

A difference is reported only when a two-proportion z-test supports it at the 5% level;
the comparison is always with the *other* organisations (the peer figure minus the
organisation's own answers), so an organisation is never compared with itself — and only
when those others are at least 5 organisations and 10 responses (the disclosure thresholds),
so no sentence gives away a figure of fewer organisations.
"""

import math
from dataclasses import dataclass

from .disclosure import MIN_ORGANISATIONS, MIN_RESPONSES

Z_CRITICAL = 1.959963984540054


def two_proportion_z(x1: int, n1: int, x2: int, n2: int) -> float:
    """z statistic for p1 − p2 with the pooled standard error (0 when undefined)."""
    if n1 <= 0 or n2 <= 0:
        return 0.0
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return 0.0 if se == 0 else (x1 / n1 - x2 / n2) / se


def supported(z: float) -> bool:
    return abs(z) >= Z_CRITICAL


@dataclass(frozen=True)
class Finding:
    kind: str  # "headline", "strength", "gap", "change"
    question: object
    text: str
    difference: float = 0.0


def _pct(share) -> str:
    return f"{round(share * 100)}%"


def _rest(peer, own):
    """The other organisations' favourable count and n, or None if not both visible or if
    the others are too few to be shown (the organisation is one of the peer figure's)."""
    if peer is None or own is None or peer.suppressed or own.suppressed:
        return None
    if peer.favourable is None or own.favourable is None:
        return None
    if peer.n - own.n < MIN_RESPONSES or (peer.organisations or 0) - 1 < MIN_ORGANISATIONS:
        return None
    return peer.favourable - own.favourable, peer.n - own.n


def findings(rows, previous: dict) -> list[Finding]:
    """Findings from report rows (see ``selectors.report_figures``) and last year's figures."""
    out = []
    for row in rows:
        q, own, sector = row["question"], row.get("own"), row.get("sector")
        if own is None or own.suppressed or own.share is None or not q.finding:
            continue
        text = f"{_pct(own.share)} of your users {q.finding}"
        if sector is not None and sector.share is not None:
            text += f"; sector {_pct(sector.share)}"
        out.append(Finding("headline", q, text + "."))
        rest = _rest(sector, own)
        if rest and supported(z := two_proportion_z(own.favourable, own.n, *rest)):
            other = rest[0] / rest[1]
            kind = "strength" if z > 0 else "gap"
            word = "more" if z > 0 else "fewer"
            out.append(
                Finding(
                    kind,
                    q,
                    f"{word.capitalize()} of your users {q.finding} than in other organisations "
                    f"({_pct(own.share)} against {_pct(other)}).",
                    own.share - other,
                )
            )
        peers = _rest(row.get("type"), own)
        if peers and supported(z := two_proportion_z(own.favourable, own.n, *peers)) and z < 0:
            other = peers[0] / peers[1]
            out.append(
                Finding(
                    "gap",
                    q,
                    f"Behind organisations of your type: {_pct(own.share)} of your users "
                    f"{q.finding}, against {_pct(other)}.",
                    own.share - other,
                )
            )
        before = previous.get(q.key)
        if before is not None and not before.suppressed and before.favourable is not None:
            z = two_proportion_z(own.favourable, own.n, before.favourable, before.n)
            if supported(z):
                direction = "up" if z > 0 else "down"
                out.append(
                    Finding(
                        "change",
                        q,
                        f"{_pct(own.share)} of your users {q.finding}, {direction} from "
                        f"{_pct(before.share)} last time.",
                        own.share - before.share,
                    )
                )
    return out
