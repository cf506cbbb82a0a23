"""A check's report as plain text, one line per phase (the command line's ``check``)."""

from autoencoder.check.checker import covered, diff_lines
from autoencoder.check.phase_arrays import SUPPORTING
from autoencoder.io.numbers import short, significant


def _describe(verdict: dict) -> str:
    status = verdict["status"]
    if status == "known-mistake":
        return f"known mistake: {verdict.get('sentence') or verdict['why']} ({verdict['mistake']})"
    if status == "mismatch" and "index" in verdict:
        where = f"{verdict['array']}[{', '.join(map(str, verdict['index']))}]"
        got, expected = significant(verdict["got"], 10), significant(verdict["expected"], 10)
        return f"mismatch: {where} is {got}, expected {expected}"
    if status == "mismatch":
        return f"mismatch: {verdict['array']} has {verdict['why']}"
    return status


UNRECOGNISED = (
    "Not recognised: to have one checked, print it under a name the checker knows "
    '(e.g. print("z1", z1) or z1 = ...):'
)


def shape_text(shape: list) -> str:
    return "x".join(map(str, shape)) or "scalar"


def recognised_lines(report: dict) -> list[str]:
    """What the text was read as: each array taken (and how), the settings inferred, the
    arrays that only repeat or lead up to others, and those not recognised (with how to
    label them)."""
    lines = []
    if report.get("recognised"):
        lines.append("Recognised:")
        for r in report["recognised"]:
            shape = "" if r["variable"] == "activation" else shape_text(r["shape"])
            how = f"  by {r['by']}: {r['matches']}" if r.get("by", "name") != "name" else ""
            line = f"  {r['variable']:<18} {r['cell']:<8} as {r['as']} {shape}".rstrip()
            lines.append(line + how)
    if report.get("inferred"):
        lines.append("Inferred (the text does not say):")
        lines += [f"  {i['setting']} {i['value']}: {i['from']}" for i in report["inferred"]]
    if report.get("assumed"):
        lines.append("Assumed (neither the text nor the numbers say):")
        lines += [f"  {a['setting']} {a['value']}: {a['why']}" for a in report["assumed"]]
    also = [a for a in report.get("labels", []) if a["as"] is None and a["matches"]]
    if also:
        lines.append("Also printed:")
        lines += [f"  {a['array']:<18} {a['cell']:<8} {a['matches']}" for a in also]
    if report.get("unrecognised"):
        lines.append(UNRECOGNISED)
        for u in report["unrecognised"]:
            lines.append(f"  {u['array']:<18} {u['cell']:<8} {shape_text(u['shape'])}; {u['hint']}")
    return lines


def convention_lines(report: dict) -> list[str]:
    """The course's conventions the numbers show (check/conventions.py), one line each."""
    said = report.get("conventions") or []
    lines = ["Conventions (read off your numbers; a consistent one is not a mistake):"]
    return (
        lines + [f"  {c['convention']}: {c['value']} ({c['from']})" for c in said] if said else []
    )


def format_report(report: dict) -> str:
    """The report as plain text, one line per phase (for the command line)."""
    s = report["settings"]
    lines = recognised_lines(report)
    lines += [f"Note: {note}" for note in report.get("notes", [])]
    lines += [f"Ignored: {key}" for key in report.get("ignored", [])]
    lines.append(
        f"Checked against the {s['rule']} rule: input {s['input']}, lr {short(s['lr'])}, "
        f"{s['activation']}."
    )
    lines += convention_lines(report)
    for number, (phase, verdict) in enumerate(report["phases"].items(), 1):
        lines.append(f"  {number} {phase:<14} {_describe(verdict)}")
        lines += [f"{'':<19}{line}" for line in diff_lines(verdict.get("fix", []))]
        lines += [f"{'':<19}the rule: {line}" for line in verdict.get("rule_code", [])]
        for name in SUPPORTING.get(phase, ()):
            own = verdict["arrays"][name]
            if own["status"] == "missing":
                continue
            if covered(own, verdict):
                lines.append(f"    {name:<14} known mistake ({own['mistake']}): see above")
                continue
            lines.append(f"    {name:<14} {_describe({**own, 'array': name})}")
            lines += [f"{'':<19}{line}" for line in diff_lines(own.get("fix", []))]
    first = report["first_mismatch"]
    lines.append(f"First phase that is not a match: {first or 'none'}")
    summary = report["summary"]
    lines.append(f"Verdict: {summary['verdict']}. {summary['text']}")
    return "\n".join(lines)
