"""Recognise a notebook's arrays whatever it names them: by name, then by shape, order and
value; infer the settings the text does not state; say what is still unrecognised.

1. Names (:mod:`autoencoder.check.name_families`): the class notebook's, the tutorials', ...
   set right by order and shape (:mod:`autoencoder.check.named_reading`): weights printed
   the other way round are read transposed, a name that numbers the layers its own way or
   whose array has the wrong size is left to the values, a parameter printed only after
   what it computed is its updated value.
2. The starting parameters and input the names did not give: by shape, first printed,
   under each layout the arrays allow (:mod:`autoencoder.check.hypotheses`: no biases,
   biases at zero, (out, in) weights, a folded bias); the one that explains most is taken.
3. The input, where still not given: from the forward arrays
   (:mod:`autoencoder.check.infer_settings`).
4. Every other array, by what it matches (:mod:`autoencoder.check.value_labels`), under the
   activation the code states, or else under each: the one under which most arrays are the
   rule's is inferred. The learning rate, where not stated, from an updated parameter.
5. What neither the text nor the numbers settle is assumed (plain sigmoid, lr 0.1).

Nothing is evaluated. Every refusal is a ValueError with a one-line message.
"""

from dataclasses import dataclass, field, replace

import numpy as np

from autoencoder.check.check_input import batch_or_one, start_params
from autoencoder.check.hypotheses import apply, hypotheses
from autoencoder.check.infer_settings import FORWARD, infer_input
from autoencoder.check.leftovers import leftovers
from autoencoder.check.name_families import label_hint
from autoencoder.check.named_reading import read_by_names
from autoencoder.check.phase_arrays import DEFAULT_DECIMALS, PhaseInputs, printed_to
from autoencoder.check.value_labels import DEFAULT_LR, Label, by_value, flat
from autoencoder.core.activations import ACTIVATIONS, get_activation
from autoencoder.core.losses import LOGISTIC
from autoencoder.core.model import SHAPES, bits_to_str
from autoencoder.core.rules import DEFAULT_ACTIVATION, get_rule
from autoencoder.io.textarrays import printed_decimals

FLOAT32_DECIMALS = 6  # numbers computed in float32 are judged as if printed to 6 decimals
MAX_ITEMS = 200  # arrays looked at by value (a step prints ~30); more: said in a note
SHOWN_NAMES = 8  # names listed in a one-line message


@dataclass
class Recognition:
    """``values``: a check input; the rest go into the report beside the verdicts."""

    values: dict
    recognised: list[dict]  # {"variable", "as", "cell", "shape", "by"}
    notes: list[str]
    inferred: list[dict] = field(default_factory=list)  # {"setting", "value", "from"}
    labels: list[dict] = field(default_factory=list)  # {"array", "cell", "shape", "as", ...}
    unrecognised: list[dict] = field(default_factory=list)  # {"array", "cell", "shape", "hint"}
    assumed: list[dict] = field(default_factory=list)  # {"setting", "value", "why"}


def _names(reading, labels) -> str:
    names = [r["variable"] for r in reading.recognised if r["variable"] != "activation"]
    names += [label.item.name for label in labels if label.item.name]
    names = list(dict.fromkeys(names))
    more = f", and {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES else ""
    return ", ".join(names[:SHOWN_NAMES]) + more if names else "none"


def _refusal(reading, labels, values) -> str:
    """One line: what is missing, the names found, how to label the starting values."""
    count = sum(r["variable"] != "activation" for r in reading.recognised)
    count += sum(item.array.size > 1 for item in reading.items)
    if not count:
        single = " (only single numbers)" if reading.items else ""
        return f"no arrays found{single} (expected a check JSON or a notebook's printed text)"
    missing = [f"{k} ({'x'.join(map(str, s))})" for k, s in SHAPES.items() if k not in values]
    late = [k for k in SHAPES if k not in values and k in values.get("after", {})]
    only_after = f"; {', '.join(late)} only after the update" if late else ""
    return (
        f"no starting {', '.join(missing)} among the {count} arrays found (names: "
        f"{_names(reading, labels)}{only_after}); print each before the step under its "
        'name, e.g. print("W1", W1) or W1 = [[...]]'
    )


def recognise(text: str) -> Recognition:
    """The check input in a notebook's printed text, however it names its arrays (judged
    to the decimals it was printed with, where fewer than numpy's 8)."""
    decimals = printed_decimals(text)
    decimals = decimals if decimals is not None and decimals < DEFAULT_DECIMALS else None
    if "float32" in text:  # single precision: about 7 significant digits, not 16
        decimals = min(decimals or FLOAT32_DECIMALS, FLOAT32_DECIMALS)
    with printed_to(decimals):
        found = _recognise(text)
    if decimals is not None:
        found.values["decimals"] = decimals
        how = "computed in float32" if "float32" in text else "printed"
        found.notes.append(
            f"the numbers are {how} to {decimals} decimals: each is judged to half its "
            "last decimal (print more to have slips smaller than that found)"
        )
    return found


def _recognise(text: str) -> Recognition:
    reading = read_by_names(text)
    values, notes = reading.values, reading.notes
    items = [item for item in reading.items if item.array.size > 1]
    if len(items) > MAX_ITEMS:
        notes.append(f"{len(items)} arrays not named: only the first {MAX_ITEMS} were read")
    labels = [Label(item) for item in items[:MAX_ITEMS]]
    best, refusal = None, None
    for hyp in hypotheses(values, labels):
        tried_values, tried_labels = apply(hyp, values, labels)
        try:
            outcome = _under(tried_values, tried_labels, reading)
        except ValueError as exc:
            refusal = refusal or str(exc)
            continue
        outcome[1].extend(hyp.said())
        if best is None or outcome[0] > best[0]:
            best = outcome
        if _perfect(outcome):  # every array placed, each the rule's: no need to try more
            break
    if best is None:
        raise ValueError(refusal)
    _, inferred, assumed, values, labels = best
    if values.pop("loss_code", None) and values["activation"] in LOGISTIC:
        values.setdefault("loss", "cross-entropy")  # the code takes the log of the outputs
    found = _report(reading, values, notes, inferred, labels)
    found.assumed = assumed
    return found


def _perfect(outcome) -> bool:
    """Whether every array is placed exactly: a start by shape, the rest the rule's by
    value (or by name), or a value printed again; nothing nearly, nothing left over."""
    (rule, fitting), _, _, _, labels = outcome

    def exact(label) -> bool:
        if label.key is None:
            return bool(label.matches) and not label.matches.startswith("an intermediate")
        if label.by == "shape":
            return not label.key.startswith("after.")
        return label.by == "name" or (label.by == "value" and "mistake" not in label.matches)

    return 0 < fitting == rule and all(map(exact, labels))


def _under(values, labels, reading):
    """``(score, inferred, assumed, values, labels)``: the printout read with the starting
    parameters in ``values`` (one hypothesis's); ValueError if they are not all there or
    the input cannot be found. ``score``: how many arrays are the rule's (then: how many
    are the rule's or a known mistake's) under the activation taken."""
    if any(key not in values for key in SHAPES):
        raise ValueError(_refusal(reading, labels, values))
    start = start_params(values)
    inferred, assumed = [], []
    shape = flat(values["input"]).shape if "input" in values else (8,)
    if shape != (8,) and not (len(shape) == 2 and shape[1] == 8):
        batch_or_one("input", np.asarray(flat(values["input"])))  # says why (X's columns)
        raise ValueError(f"input: expected 8 numbers, got shape {np.shape(values['input'])}")
    if "input" not in values:
        named = {k: values[k] for k in FORWARD if k in values}
        unnamed = [(label.array_name, label.item.array) for label in labels if not label.key]
        found = infer_input(start, named, unnamed)
        if found is None:
            raise ValueError(
                "the input is not in the text and the arrays do not determine it: print it "
                'under its name, e.g. input_layer = [[1, 1, 0, 1, 1, 1, 0, 1]] or print("x", x)'
            )
        values["input"] = found[0]
        inferred.append({"setting": "input", "value": bits_to_str(found[0]), "from": found[1]})
    stated = values.get("activation")
    trials = {
        act: _label_with(act, values, labels, reading.seqs, start)
        for act in ([stated] if isinstance(stated, str) else ACTIVATIONS)
    }
    # the activation under which most arrays are the rule's (then: are a known mistake)
    score = {act: (sum(rule for _, rule in t[3]), len(t[3])) for act, t in trials.items()}
    best = max(score.values())
    winners = [act for act in trials if score[act] == best]
    if len(trials) == 1:
        act_name = stated
    elif len(winners) == 1 and best[0]:
        act_name = winners[0]
        said = _listed([name for name, rule in trials[act_name][3] if rule])
        inferred.append(
            {
                "setting": "activation",
                "value": act_name,
                "from": f"the only one under which {said} are the rule's",
            }
        )
    else:
        act_name = DEFAULT_ACTIVATION["exact"]
        assumed.append(
            {
                "setting": "activation",
                "value": act_name,
                "why": "the plain sigmoid: not in the text, and the arrays fit "
                "more than one activation equally (or none)",
            }
        )
    values, labels, lr_inferred, _ = trials[act_name]
    values["activation"] = act_name
    inferred += lr_inferred
    if "lr" not in values:
        values["lr"] = DEFAULT_LR
        assumed.append(
            {
                "setting": "lr",
                "value": DEFAULT_LR,
                "why": "not in the text, and no updated parameter determines it "
                "(it enters only the updates)",
            }
        )
    return score[act_name], inferred, assumed, values, labels


def _label_with(act_name, values, labels, seqs, start):
    """(values, labels, inferred, fitting): the arrays labelled by value under ``act_name``,
    on copies (so that each activation can be tried)."""
    values = {**values, "after": dict(values.get("after", {}))}
    labels = [replace(label) for label in labels]
    lr = values.get("lr")  # None: to be inferred; a bad one is refused by the checker
    lr = lr if lr is None or isinstance(lr, float) and np.isfinite(lr) else DEFAULT_LR
    act, rule = get_activation(act_name), get_rule(values.get("rule", "exact"))
    c = PhaseInputs(flat(values["input"]), *start.as_dict().values(), lr, act, rule)
    if values.get("loss_code") and act_name in LOGISTIC:  # the code takes a log: its d_o is e
        c.loss = "cross-entropy"
    with np.errstate(all="ignore"):
        inferred, fitting = by_value(values, labels, seqs, c)
        leftovers(values, labels, c)
    if not values["after"]:
        del values["after"]
    return values, labels, inferred, fitting


def _listed(names: list[str], most: int = 6) -> str:
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def _report(reading, values, notes, inferred, labels) -> Recognition:
    recognised = list(reading.recognised)
    for label in labels:
        if label.key:
            recognised.append(
                {
                    "variable": label.array_name,
                    "as": label.key,
                    "cell": label.item.cell,
                    "shape": list(label.item.array.shape),
                    "by": label.by,
                    "matches": label.matches,
                }
            )
    as_dicts = [
        {**label.as_dict(), "as": label.key, "by": label.by, "matches": label.matches}
        for label in labels
    ]
    unrecognised = [
        {**label.as_dict(), "hint": label_hint(label.item.array.size)}
        for label in labels
        if label.key is None and label.matches is None
    ]
    return Recognition(values, recognised, notes, inferred, as_dicts, unrecognised)
