"""Disclosure control: the one function every figure passes through on its way out.

Pages, CSV and XLSX exports all call ``disclose``. The rules:

1. No figure from fewer than ``MIN_RESPONSES`` responses.
2. No peer figure (sector, same type, same region) from fewer than ``MIN_ORGANISATIONS``
   — also not for a member of the group, who can subtract its own answers: a peer figure
   needs ``MIN_ORGANISATIONS`` organisations and ``MIN_RESPONSES`` responses *besides* any
   one of its organisations (so at least six organisations, and the largest one's responses
   are not the bulk of it). This needs every organisation's size (``members``).
3. No other organisation identifiable: organisation rows are only ever returned to that
   organisation (``viewer``), and a quartile only when its peer group is large enough.
4. Secondary suppression: peer groups partition the sector, so the sector figure minus the
   visible groups reveals what is hidden. Within each partition the hidden cells (plus any
   organisations outside the partition, e.g. without a region) must together meet rules
   1 and 2 (again besides any one of their organisations); if not, the next smallest cells
   are hidden too.
5. A distribution goes out only with its figure, and only for questions answered by choosing
   from options (``categorical``): the spread of numbers would list organisations' values.
"""

from collections import defaultdict
from dataclasses import dataclass, field

MIN_RESPONSES = 10
MIN_ORGANISATIONS = 5

FEW_RESPONSES = "fewer than 10 responses"
FEW_ORGANISATIONS = "fewer than 5 organisations"
PROTECTS_OTHERS = "withheld so that other hidden figures cannot be worked out"

PEER_SCOPES = ("sector", "type", "region")
PARTITIONS = ("type", "region")


@dataclass
class Figure:
    """A figure as it may be shown: numbers are None when suppressed, with the reason."""

    cycle_id: int
    question_id: int
    key: str
    scope: str
    group: str
    participant_id: int | None
    n: int | None
    organisations: int | None
    mean: float | None
    favourable: int | None
    share: float | None
    ci_low: float | None
    ci_high: float | None
    distribution: dict = field(default_factory=dict)
    quartile: int | None = None
    suppressed: bool = False
    reason: str = ""


NUMBERS = (
    "n",
    "organisations",
    "mean",
    "favourable",
    "share",
    "ci_low",
    "ci_high",
    "quartile",
)


def _raw(row) -> dict:
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name, None)
    return {
        "cycle_id": get("cycle_id"),
        "question_id": get("question_id"),
        "key": get("key"),
        "scope": get("scope"),
        "group": get("group") or "",
        "participant_id": get("participant_id"),
        "n": get("n"),
        "organisations": get("organisations"),
        "mean": get("mean"),
        "favourable": get("favourable"),
        "share": get("share"),
        "ci_low": get("ci_low"),
        "ci_high": get("ci_high"),
        "distribution": dict(get("distribution") or {}),
        "quartile": get("quartile"),
    }


def disclose(rows, *, viewer=None, members=(), categorical=()) -> list[Figure]:
    """Apply disclosure control to raw result rows (``Result`` objects or dicts).

    ``viewer`` is the set of participant ids whose organisation rows may be shown (those of
    the organisation viewing its own report; None: no organisation rows at all). For
    secondary suppression to work, pass every peer-group row of the questions shown, not
    only the ones a page displays.

    ``members``: each organisation's size per question — dicts with ``cycle_id``,
    ``question_id``, ``n``, ``type`` and ``region`` (see ``selectors.member_sizes``); never
    shown, only used for rule 2. Organisation rows among ``rows`` count as members too.
    Without them a peer figure is checked as if no organisation dominated it.

    ``categorical``: question ids whose distributions may be shown (rule 5).
    """
    raws = [_raw(r) for r in rows]
    sizes = _members(raws, members)
    raws = [
        r
        for r in raws
        if r["scope"] != "organisation" or (viewer and r["participant_id"] in viewer)
    ]
    hidden: dict[int, str] = {}
    for i, r in enumerate(raws):
        if r["n"] < MIN_RESPONSES:
            hidden[i] = FEW_RESPONSES
        elif r["scope"] in PEER_SCOPES:
            inside = [m for m in sizes.get((r["cycle_id"], r["question_id"]), ()) if _in(m, r)]
            if not _safe(r["n"], r["organisations"], inside):
                hidden[i] = FEW_ORGANISATIONS
    _secondary(raws, hidden, sizes)
    peers = {
        (r["cycle_id"], r["question_id"], r["group"]): r["organisations"]
        for r in raws
        if r["scope"] == "type"
    }
    figures = []
    for i, r in enumerate(raws):
        figure = Figure(**r)
        if i in hidden:
            for name in NUMBERS:
                setattr(figure, name, None)
            figure.distribution = {}
            figure.suppressed, figure.reason = True, hidden[i]
        elif r["scope"] == "organisation":
            type_peers = peers.get((r["cycle_id"], r["question_id"], r["group"]), 0)
            if type_peers < MIN_ORGANISATIONS:
                figure.quartile = None
        else:
            figure.quartile = None
        if r["question_id"] not in categorical:
            figure.distribution = {}
        figures.append(figure)
    return figures


def _members(raws, members):
    """Organisation sizes by (cycle, question): given ``members`` and organisation rows."""
    sizes = defaultdict(dict)
    for m in members:
        key = m.get("participant_id") or id(m)
        sizes[(m["cycle_id"], m["question_id"])][key] = m
    for r in raws:
        if r["scope"] == "organisation":
            cell = sizes[(r["cycle_id"], r["question_id"])]
            if r["participant_id"] not in cell:
                cell[r["participant_id"]] = {"n": r["n"], "type": r["group"], "region": None}
    return {key: list(cell.values()) for key, cell in sizes.items()}


def _in(member, row) -> bool:
    """Whether an organisation belongs to a peer row's group (unknown region: assume so)."""
    if row["scope"] == "sector":
        return True
    value = member.get(row["scope"])
    return value is None or value == row["group"]


def _safe(n, organisations, inside) -> bool:
    """Rules 1 and 2 for an aggregate, also after any one member subtracts its own answers."""
    largest = max((m["n"] for m in inside), default=0)
    return n - largest >= MIN_RESPONSES and organisations - 1 >= MIN_ORGANISATIONS


def _secondary(raws, hidden, sizes):
    """Hide more cells of a partition until its hidden part meets the thresholds."""
    sectors = {}
    cells = defaultdict(list)
    for i, r in enumerate(raws):
        if r["scope"] == "sector":
            sectors[(r["cycle_id"], r["question_id"])] = r
        elif r["scope"] in PARTITIONS:
            cells[(r["cycle_id"], r["question_id"], r["scope"])].append(i)
    for (cycle_id, question_id, _scope), members in cells.items():
        sector = sectors.get((cycle_id, question_id))
        if sector is None:
            # Without the sector figure nothing can be subtracted; hide the groups unless
            # the caller shows none of them (it must then pass the sector, see above).
            for i in members:
                hidden.setdefault(i, PROTECTS_OTHERS)
            continue
        # Organisations outside the partition (e.g. no region) are an always-hidden cell.
        outside_n = sector["n"] - sum(raws[i]["n"] for i in members)
        outside_orgs = sector["organisations"] - sum(raws[i]["organisations"] for i in members)
        organisations = sizes.get((cycle_id, question_id), ())
        while True:
            hidden_members = [i for i in members if i in hidden]
            n = outside_n + sum(raws[i]["n"] for i in hidden_members)
            orgs = outside_orgs + sum(raws[i]["organisations"] for i in hidden_members)
            # The organisations of the hidden part: those in no visible cell.
            visible_cells = [raws[i] for i in members if i not in hidden]
            inside = [
                m
                for m in organisations
                if not any(
                    _in(m, cell) and m.get(cell["scope"]) is not None for cell in visible_cells
                )
            ]
            if (n == 0 and orgs == 0) or _safe(n, orgs, inside):
                break
            visible = [i for i in members if i not in hidden]
            if not visible:
                break
            smallest = min(visible, key=lambda i: (raws[i]["n"], raws[i]["group"]))
            hidden[smallest] = PROTECTS_OTHERS
