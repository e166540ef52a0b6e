"""The table printed at the end of ``make bench``."""

from .config import TARGET_CACHED, TARGET_QUERIES, TARGET_UNCACHED


def _mark(ok):
    return "ok" if ok else "MISS"


def _figure(run, target):
    if not run or "rps" not in run:
        return [(run or {}).get("skipped", "—"), "", "", ""]
    ratio = run.get("ratio")
    ratio_text = "—" if ratio is None else f"{ratio:.3f} {_mark(ratio >= target)}"
    return [f"{run['rps']:.0f}", f"{run['p50_ms']:.1f}", f"{run['p99_ms']:.1f}", ratio_text]


def _queries(page):
    counts = page.get("queries") or {}
    large, demo = counts.get("large"), counts.get("demo")
    if large is None:
        return "—"
    worst = max(n for n in (large, demo) if n is not None)
    if None in (large, demo):
        return f"{large if large is not None else '—'}/{demo if demo is not None else '—'}"
    same = "" if demo is None or demo == large else " (grows!)"
    return f"{large}/{demo if demo is not None else '—'} {_mark(worst <= TARGET_QUERIES)}{same}"


def table(result):
    baseline = result["baseline"]
    lines = [
        f"Institute benchmark — scale {result['scale']}, {result['database']}, "
        f"gunicorn {result['server']['workers']} workers, load: {result['load']['tool']} "
        f"({result['load']['concurrency']} connections, {result['load']['seconds']}s a page)",
        f"Baseline {baseline['path']}: {baseline['rps']:.0f} req/s, "
        f"p50 {baseline['p50_ms']:.1f} ms, p99 {baseline['p99_ms']:.1f} ms "
        f"(median of {baseline.get('runs', 1)} runs)",
        f"Each page: {result['load'].get('rounds', 1)} rounds of baseline then page, same server;"
        " figures are medians over the rounds, each round's ratio uses its own baseline.",
        "",
    ]
    header = [
        "page",
        "path",
        "uncached req/s",
        "p50 ms",
        "p99 ms",
        f"ratio ≥{TARGET_UNCACHED}",
        "cached req/s",
        "p50 ms",
        "p99 ms",
        f"ratio ≥{TARGET_CACHED}",
        f"queries large/demo ≤{TARGET_QUERIES}",
    ]
    rows = []
    for page in result["pages"]:
        if page.get("skipped"):
            rows.append([page["label"], page["path"], page["skipped"]] + [""] * 8)
            continue
        label = page["label"]
        if page.get("who"):
            label += f" [signed in: {page['who']}]"
        rows.append(
            [label, page["path"]]
            + _figure(page["uncached"], TARGET_UNCACHED)
            + _figure(page["cached"], TARGET_CACHED)
            + [_queries(page)]
        )
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        lines.append(
            "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
        )
    invalidation = result.get("cache_invalidation") or {}
    if invalidation:
        lines += [
            "",
            f"Page cache invalidated across workers after a content change: "
            f"{_mark(invalidation.get('ok'))} — {invalidation.get('note', '')}",
        ]
    if result.get("rooms"):
        lines += ["", "Rooms' own figures:"]
        for row in result["rooms"]:
            lines.append(
                f"  [{row['app']}] {row['name']}: {row['value']} {row['unit']}"
                f" (target {row.get('target', '—')}) {row.get('note', '')}".rstrip()
            )
    return "\n".join(lines)
