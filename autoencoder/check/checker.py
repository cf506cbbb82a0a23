"""Check a student's own backprop: judge each of the nine phases, name known mistakes.

Each phase is judged on the student's own inputs to it: the reference value of a phase is
computed from the student's arrays of the earlier phases where they supplied them (and from
the reference values where they did not), so one early slip does not fail every later phase.
A supplied array is a ``match``, a ``known-mistake`` (see :mod:`autoencoder.check.mistakes`), or a
``mismatch`` (first differing element and both values); an array not supplied is ``missing``.
"""

import json
from dataclasses import dataclass, field

import numpy as np

from autoencoder.check.mistakes import REFERENCE, PhaseInputs, fix_for, mistakes_for
from autoencoder.check.phase_arrays import PHASE_ARRAYS, STUDENT_KEYS, SUPPORTING, tolerance
from autoencoder.check.recognise import recognise
from autoencoder.core.activations import get_activation
from autoencoder.core.losses import check_loss
from autoencoder.core.model import MAX_ABS, SHAPES, Params, bits_to_str, parse_bits
from autoencoder.core.phases import PHASE_NAMES
from autoencoder.core.rules import DEFAULT_ACTIVATION, get_rule
from autoencoder.io.notebook_code import phase_code
from autoencoder.io.notebook_text import ALIASES
from autoencoder.io.textarrays import parse_array

REPORT_ADDITIONS = ("recognised", "notes", "inferred", "assumed", "labels", "unrecognised")
STATUS_ORDER = ("missing", "match", "known-mistake", "mismatch")
MAX_ELEMENTS = 1000


@dataclass
class CheckInput:
    """What to check: the starting point and whichever arrays the student supplied.

    ``arrays`` holds phase arrays by phase name plus ``slope_out``/``slope_hidden``;
    ``after`` holds updated parameters by name (``W1 b1 W2 b2``). Any shape with the
    right numbers in it is accepted, e.g. the notebook's (1, 8) for an (8,) array.
    """

    start: Params
    x: np.ndarray
    lr: float
    activation: str = "sigmoid"
    rule: str = "exact"
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    after: dict[str, np.ndarray] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    loss: str = "squared"  # or "cross-entropy" (sigmoid outputs): then d_o = e


# --- reading a check JSON object ------------------------------------------------------


def _numbers(name, value, depth=0):
    if depth > 4:
        raise ValueError(f"{name}: nested too deeply")
    if isinstance(value, list):
        for item in value:
            _numbers(name, item, depth + 1)
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name}: {str(value)[:20]!r} is not a number")


def to_array(name: str, value) -> np.ndarray:
    """A float array from JSON numbers/lists, a numpy array, or printed array text."""
    if isinstance(value, str):
        try:
            array = parse_array(value)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
    elif isinstance(value, np.ndarray):
        array = value.astype(float)
    else:
        _numbers(name, value)
        try:
            array = np.array(value, dtype=float)
        except ValueError:
            raise ValueError(f"{name}: the rows have different lengths") from None
    if array.size > MAX_ELEMENTS:
        raise ValueError(f"{name}: more than {MAX_ELEMENTS} numbers")
    if not np.isfinite(array).all():
        raise ValueError(f"{name}: not all numbers are finite")
    if array.size and np.abs(array).max() > MAX_ABS:
        raise ValueError(f"{name}: numbers beyond {MAX_ABS:g} in size are not a sane network")
    return array


def _shaped(name: str, array: np.ndarray, shape) -> np.ndarray:
    if np.squeeze(array).shape != tuple(n for n in shape if n != 1):
        wanted = "x".join(map(str, shape))
        raise ValueError(f"{name}: expected {wanted} numbers, got shape {array.shape}")
    return array.reshape(shape)


def _canonical(obj: dict, where: str) -> dict:
    """Keys with the notebook's names replaced by the phase/parameter names."""
    out = {}
    for key, value in obj.items():
        name = ALIASES.get(key, key)
        if name in out:
            raise ValueError(f"{where}{name} is given twice (as {name} and as an alias)")
        out[name] = value
    return out


def read_check_dict(obj) -> CheckInput:
    """Validate a decoded check JSON object (design.md); ValueError naming the fault."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object with W1, b1, W2, b2, input and lr")
    obj = _canonical(obj, "")
    missing = [k for k in (*SHAPES, "input", "lr") if k not in obj]
    if missing:
        raise ValueError(f"missing {', '.join(missing)} (the starting values are needed)")
    start = Params(**{k: _shaped(k, to_array(k, obj[k]), s) for k, s in SHAPES.items()})
    if isinstance(obj["input"], str):
        x = parse_bits(obj["input"])
    else:
        x = _shaped("input", to_array("input", obj["input"]), (8,))
    lr = float(_shaped("lr", to_array("lr", obj["lr"]), ()))
    rule = get_rule(obj.get("rule", "exact")).name
    activation = get_activation(obj.get("activation", DEFAULT_ACTIVATION[rule])).name
    arrays = {k: to_array(k, obj[k]) for k in STUDENT_KEYS if k in obj}
    after = obj.get("after", {})
    if not isinstance(after, dict):
        raise ValueError("after: expected an object with any of W1, b1, W2, b2")
    after = _canonical(after, "after.")
    ignored = [f"after.{k}" for k in after if k not in SHAPES]
    after = {k: to_array(f"after.{k}", v) for k, v in after.items() if k in SHAPES}
    known = {*SHAPES, *STUDENT_KEYS, "input", "lr", "rule", "activation", "after", "loss"}
    ignored += [k for k in obj if k not in known]
    loss = obj.get("loss", "squared")
    check_loss(loss, activation)
    return CheckInput(start, x, lr, activation, rule, arrays, after, ignored, loss)


# --- judging --------------------------------------------------------------------------


def _judge_array(got, reference, candidates, tol, c: PhaseInputs) -> dict:
    """Verdict on one array. candidates: [(Mistake, its array)] for this array's name; ``c``
    gives the rule and activation that a known mistake's fix is written for."""
    if got is None:
        return {"status": "missing", "mistake": None}
    got, reference = np.squeeze(got), np.squeeze(reference)

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
                "fix": fix_for(known, c.rule.name, c.act.name),
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


def check(ci: CheckInput) -> dict:
    """Judge every phase; returns {"first_mismatch", "phases", "settings", "ignored"}.

    ``phases[PHASE]`` has ``status``, ``mistake``, for a known mistake ``why`` (in
    symbols), ``sentence`` (in plain words) and ``fix`` (the lines to change:
    :func:`autoencoder.check.mistakes.fix_for`), for a mismatch ``array``, ``index`` (in the
    canonical shape, e.g. [5] for an (8,) array), ``expected`` and ``got`` (or ``why`` for
    a wrong shape) and ``rule_code`` (the rule's lines for the phase, in the class
    notebook's names), and ``arrays``: the verdict per array.
    ``first_mismatch`` is the first phase judged neither ``match`` nor ``missing``.
    """
    p = ci.start
    act, rule = get_activation(ci.activation), get_rule(ci.rule)
    c = PhaseInputs(ci.x, p.W1, p.b1, p.W2, p.b2, ci.lr, act, rule, loss=ci.loss)
    student = {**ci.arrays, **ci.after}
    phases = {}
    for phase in PHASE_NAMES:
        reference = REFERENCE[phase](c)
        tried = [(m, m.compute(c)) for m in mistakes_for(phase)]
        tol = tolerance(phase, c)
        results = {}
        for name in PHASE_ARRAYS[phase] + SUPPORTING.get(phase, ()):
            candidates = [(m, v[name]) for m, v in tried if v and name in v]
            results[name] = _judge_array(student.get(name), reference[name], candidates, tol, c)
        code = list(phase_code(phase, rule.name, act.name).values())
        phases[phase] = {**_phase_verdict(results, PHASE_ARRAYS[phase], code), "arrays": results}
        if phase in STUDENT_KEYS:
            own = student.get(phase)
            fits = own is not None and np.squeeze(own).shape == reference[phase].shape
            setattr(c, phase, np.squeeze(own) if fits else reference[phase])
    first = next((n for n, v in phases.items() if v["status"] not in ("match", "missing")), None)
    settings = {"input": bits_to_str(ci.x), "lr": ci.lr, "activation": ci.activation}
    settings["rule"] = ci.rule
    if ci.loss != "squared":
        settings["loss"] = ci.loss
    return {"first_mismatch": first, "phases": phases, "settings": settings, "ignored": ci.ignored}


# --- text in, text out ----------------------------------------------------------------


def read_check_text(text: str) -> tuple[CheckInput, dict]:
    """A check JSON object or a notebook's printed text -> (input, what the report adds).

    The additions: ``recognised`` (each array taken, and how: by name, shape or value),
    ``notes``, ``inferred`` (settings the text does not state), ``assumed`` (those the
    numbers do not determine either, with the default taken), ``labels`` (each array the
    names left, and what it matches) and ``unrecognised`` (those that match nothing, with
    how to label them); all empty for JSON (see :mod:`autoencoder.check.recognise`).
    """
    if text.lstrip().startswith("{"):
        try:
            obj = json.loads(text, parse_constant=_not_finite)
        except (ValueError, RecursionError) as exc:
            raise ValueError(f"not valid JSON ({str(exc).splitlines()[0][:80]})") from None
        return read_check_dict(obj), {key: [] for key in REPORT_ADDITIONS}
    found = recognise(text)
    return read_check_dict(found.values), {key: getattr(found, key) for key in REPORT_ADDITIONS}


def _not_finite(name):
    raise ValueError(f"{name} is not a finite number")


def check_text(text: str) -> dict:
    """:func:`check` on pasted text, with what :func:`read_check_text` adds."""
    check_input, additions = read_check_text(text)
    return {**check(check_input), **additions}


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
