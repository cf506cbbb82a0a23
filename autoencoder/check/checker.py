"""Check a student's own backprop: judge each of the nine phases, name known mistakes.

Each phase is judged on the student's own inputs to it, along the student's own step
(:func:`autoencoder.check.student_step.student_walk`): the reference value of a phase is
computed from the student's arrays of the earlier phases where they supplied them (and from
the reference values where they did not), so one early slip does not fail every later phase.
A supplied array is a ``match``, a ``known-mistake`` (see :mod:`autoencoder.check.mistakes`), or a
``mismatch`` (first differing element and both values); an array not supplied is ``missing``.
"""

import json
import re

import numpy as np

from autoencoder.check.check_input import CheckInput, read_check_dict
from autoencoder.check.conventions import Conventions, adopt, in_convention
from autoencoder.check.mistakes import fix_for, mistakes_for
from autoencoder.check.phase_arrays import (
    SUPPORTING,
    PhaseInputs,
    array_tolerance,
    inputs_of,
    printed_to,
    rule_values,
    tolerance,
)
from autoencoder.check.recognise import recognise
from autoencoder.check.student_step import student_walk
from autoencoder.check.summary import summarise
from autoencoder.core.model import bits_to_str
from autoencoder.core.phases import PHASE_ARRAYS
from autoencoder.io.notebook_code import for_batch, phase_code
from autoencoder.io.notebook_text import NOTEBOOK_VARIABLES

REPORT_ADDITIONS = ("recognised", "notes", "inferred", "assumed", "labels", "unrecognised")
STATUS_ORDER = ("missing", "match", "known-mistake", "mismatch")


# --- judging --------------------------------------------------------------------------


def _judge_array(got, reference, candidates, tol, c: PhaseInputs) -> dict:
    """Verdict on one array. candidates: [(Mistake, its array)] for this array's name; ``c``
    gives the rule and activation that a known mistake's fix is written for."""
    if got is None:
        return {"status": "missing", "mistake": None}
    got, reference = np.squeeze(got), np.squeeze(reference)
    tol = array_tolerance(got, tol)  # an array printed rounded: to its own decimals

    def close(a, b):
        return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tol))

    if close(got, reference):
        return {"status": "match", "mistake": None}
    for known, value in candidates:
        value = np.squeeze(value)
        if close(got, value) and not close(value, reference):
            return {
                "status": "known-mistake",
                "mistake": known.name,
                "why": known.description,
                "sentence": known.sentence,
                "fix": fix_for(known, c.rule.name, c.act.name, c.loss),
            }
    if got.shape != reference.shape:
        return {
            "status": "mismatch",
            "mistake": None,
            "why": f"shape {got.shape}, expected {reference.shape}",
        }
    index = tuple(int(i) for i in np.argwhere(np.abs(got - reference) > tol)[0])
    return {
        "status": "mismatch",
        "mistake": None,
        "index": list(index),
        "expected": float(reference[index]),
        "got": float(got[index]),
    }


def _phase_verdict(results: dict, deciding: tuple, rule_code: list[str]) -> dict:
    judged = [(name, results[name]) for name in deciding if results[name]["status"] != "missing"]
    if not judged:
        return {"status": "missing", "mistake": None}
    status = max((r["status"] for _, r in judged), key=STATUS_ORDER.index)
    worst = [(name, r) for name, r in judged if r["status"] == status]
    verdict = {"status": status, "mistake": None}
    if status == "known-mistake":
        names = list(dict.fromkeys(r["mistake"] for _, r in worst))
        sentences = list(dict.fromkeys(r["sentence"] for _, r in worst))
        fix = [line for _, r in worst for line in r["fix"]]
        fix = [line for n, line in enumerate(fix) if line not in fix[:n]]
        verdict.update(
            mistake=", ".join(names), why=worst[0][1]["why"], sentence=" ".join(sentences), fix=fix
        )
    elif status == "mismatch":
        name, first = worst[0]
        verdict.update({k: v for k, v in first.items() if k not in ("status", "mistake")})
        verdict["array"] = name
        verdict["rule_code"] = rule_code
    return verdict


def check(ci: CheckInput, names: dict | None = None) -> dict:
    """Judge every phase; returns {"first_mismatch", "phases", "settings", "ignored",
    "summary", "conventions"}.

    The student's arrays are first brought to the checker's convention
    (:func:`autoencoder.check.conventions.adopt`: e = a - t with d = dE/dz and W -= ...,
    E = sum(e^2), cross-entropy, weight decay are conventions, not mistakes);
    ``conventions`` says which, in words. ``phases[PHASE]`` has ``status``, ``mistake``,
    for a known mistake ``why`` (in symbols), ``sentence`` (in plain words) and ``fix``
    (the lines to change: :func:`autoencoder.check.mistakes.fix_for`, in the student's
    convention), for a mismatch ``array``, ``index`` (in the canonical shape, e.g. [5] for
    an (8,) array), ``expected`` and ``got`` (or ``why`` for a wrong shape) and
    ``rule_code`` (the rule's lines for the phase, in the class notebook's names), and
    ``arrays``: the verdict per array. ``first_mismatch`` is the first phase judged
    neither ``match`` nor ``missing``. ``summary`` is the one verdict on the whole check
    (:func:`autoencoder.check.summary.summarise`; ``names``: the student's variable for a
    key, to say what to print).
    """
    with printed_to(ci.decimals):
        adopted, conventions = adopt(ci)
        return judge(adopted, conventions, names)


def judge(ci: CheckInput, conv: Conventions, names: dict | None = None, unplaced: int = 0) -> dict:
    """:func:`check` on a check input already in the checker's convention; ``unplaced``:
    how many printed arrays match nothing (a step judged right says they were not checked)."""
    student, phases = {**ci.arrays, **ci.after}, {}
    words = their_words(names or {})
    batch, how = np.ndim(ci.x) == 2, (conv, words, ci.biases)
    for phase, before, correct, _ in student_walk(ci):
        c = inputs_of(before, ci.start)
        reference = rule_values(correct, phase)
        tried = [(m, m.compute(c)) for m in mistakes_for(phase)]
        tol = tolerance(phase, c)
        results = {}
        for name in PHASE_ARRAYS[phase] + SUPPORTING.get(phase, ()):
            candidates = [(m, v[name]) for m, v in tried if v and name in v]
            results[name] = _judge_array(student.get(name), reference[name], candidates, tol, c)
            _as_they_write(results[name], *how, batch)
        code = list(phase_code(phase, c.rule.name, c.act.name, c.loss).values())
        code = [
            as_written(for_batch(line, conv.batch_mean) if batch else line, *how) for line in code
        ]
        code = [line for line in code if line]
        phases[phase] = {**_phase_verdict(results, PHASE_ARRAYS[phase], code), "arrays": results}
    first = next((n for n, v in phases.items() if v["status"] not in ("match", "missing")), None)
    bits = ",".join(map(bits_to_str, ci.x)) if np.ndim(ci.x) == 2 else bits_to_str(ci.x)
    settings = {"input": bits, "lr": conv.lr, "activation": ci.activation}
    settings["rule"] = ci.rule
    if ci.loss != "squared":
        settings["loss"] = ci.loss
    return {
        "first_mismatch": first,
        "phases": phases,
        "settings": settings,
        "ignored": ci.ignored,
        "summary": summarise(phases, ci.biases, names, _caveat(conv, unplaced)),
        "conventions": conv.said,
    }


def _caveat(conv: Conventions, unplaced: int) -> str:
    """What praise rests on: the loss read off the deltas; arrays that match nothing."""
    said = [conv.caveat] if conv.caveat else []
    if unplaced:
        one = unplaced == 1
        said.append(
            f"{unplaced} printed array{'' if one else 's'} match{'es' if one else ''} nothing "
            f"and {'was' if one else 'were'} not checked: see the list of what was not "
            "recognised."
        )
    return " ".join(said)


def their_words(names: dict) -> dict[str, str]:
    """The class notebook's variable -> the student's, for each key the student's text
    names (``{"W2": "wout"}`` -> ``{"output_weight": "wout"}``)."""
    return {NOTEBOOK_VARIABLES[k]: v for k, v in names.items() if k in NOTEBOOK_VARIABLES}


def in_their_names(line: str | None, words: dict[str, str]) -> str | None:
    """A line of the class notebook's code with the student's own names in it."""
    if not line or not words:
        return line
    pattern = r"\b(" + "|".join(map(re.escape, words)) + r")\b"
    return re.sub(pattern, lambda m: words[m.group(1)], line)


BIAS_VARIABLES = ("hidden_bias", "output_bias")


def as_written(line: str | None, conv: Conventions, words: dict, biases: bool) -> str | None:
    """A line of the class notebook's code as the student writes it: their convention,
    their names, and, for a net without biases, no bias (None: a bias's own line)."""
    if line and not biases:
        if line.startswith(BIAS_VARIABLES):
            return None
        line = re.sub(r"\s*\+\s*(hidden|output)_bias\b", "", line)
    return in_their_names(in_convention(line, conv), words)


def _as_they_write(verdict: dict, conv: Conventions, words: dict, biases: bool, batch) -> None:
    """A known mistake's fix (and, for a step taken the wrong way, its sentence) as the
    student writes it (:func:`as_written`); a line that would read the same before and
    after is left out, and so is a bias's line in a net without biases (a fix never
    repeats a line, nor touches one never written)."""
    if verdict["status"] != "known-mistake":
        return
    fix = []
    for f in verdict["fix"]:
        if not biases and (f["yours"] or f["rule"] or "").startswith(BIAS_VARIABLES):
            continue  # a net without biases never wrote a bias's line
        yours, rule = (as_written(f[k], conv, words, biases) for k in ("yours", "rule"))
        if yours != rule and batch:  # the rule's line for a batch (np.sum(d, axis=0))
            rule = as_written(for_batch(f["rule"], conv.batch_mean), conv, words, biases)
        if yours != rule:
            fix.append({"yours": yours, "rule": rule})
    verdict["fix"] = fix
    if verdict["mistake"] == "update-sign-flipped" and conv.descent:
        verdict["sentence"] = UPHILL_WITH_DESCENT


UPHILL_WITH_DESCENT = (
    "The step went uphill: your deltas are dE/dz (the gradient), so the change is "
    "subtracted, not added."
)


# --- text in, text out ----------------------------------------------------------------


def read_check_text(text: str) -> tuple[CheckInput, dict]:
    """A check JSON object or a notebook's printed text -> (input, what the report adds).

    The additions: ``recognised`` (each array taken, and how: by name, shape or value),
    ``notes``, ``inferred`` (settings the text does not state), ``assumed`` (those the
    numbers do not determine either, with the default taken), ``labels`` (each array the
    names left, and what it matches) and ``unrecognised`` (those that match nothing, with
    how to label them); all empty for JSON (see :mod:`autoencoder.check.recognise`).
    """
    if text.lstrip().startswith("{") and not _printed_dict(text):
        try:
            obj = json.loads(text, parse_constant=_not_finite)
        except (ValueError, RecursionError) as exc:
            raise ValueError(f"not valid JSON ({str(exc).splitlines()[0][:80]})") from None
        return read_check_dict(obj), {key: [] for key in REPORT_ADDITIONS}
    found = recognise(text)
    return read_check_dict(found.values), {key: getattr(found, key) for key in REPORT_ADDITIONS}


def _printed_dict(text: str) -> bool:
    """Whether text that starts with ``{`` is a dict Python printed (``{'W1': array(``),
    read as a printout, not as a check JSON."""
    start = text.lstrip()[:200]
    return start.startswith("{'") or "array(" in start


def _not_finite(name):
    raise ValueError(f"{name} is not a finite number")


def check_text(text: str) -> dict:
    """:func:`check` on pasted text, with what :func:`read_check_text` adds."""
    return check_read(text)[0]


def check_read(text: str) -> tuple[dict, CheckInput]:
    """The report on pasted text (as :func:`check_text`) and the check input it was read
    as: the one checker behind the page and the command line."""
    check_input, additions = read_check_text(text)
    # the student's variable for each key: taken by its name, or by value where it has one
    names = {}
    for r in additions["recognised"]:
        if r["variable"] != "activation" and re.fullmatch(r"[A-Za-z_]\w*", r["variable"]):
            names.setdefault(r["as"], r["variable"])
    for bias, weights in (("b1", "W1"), ("b2", "W2")):
        if bias in names and names[bias] == names.get(weights):  # folded into its weights
            del names[bias]  # no name of its own: said as the class notebook says it
    with printed_to(check_input.decimals):
        check_input, conventions = adopt(check_input)
        unplaced = len(additions["unrecognised"])
        report = judge(check_input, conventions, names, unplaced)
        return {**report, **additions}, check_input


def diff_lines(fix: list[dict]) -> list[str]:
    """A known mistake's fix as diff lines: ``- yours`` then ``+ the rule's``."""
    lines = []
    for change in fix:
        lines += [f"- {change['yours']}"] if change["yours"] else []
        lines += [f"+ {change['rule']}"] if change["rule"] else []
    return lines


def covered(own: dict, verdict: dict) -> bool:
    """Whether a slope's known mistake is fixed by the lines its phase's verdict shows."""
    shown = verdict.get("fix", [])
    return own["status"] == "known-mistake" and all(line in shown for line in own["fix"])
