"""The notebook checker: exact arrays match, the class notebook's two departures are named,
every catalogued mistake is recognised as itself, and a slip is found where it happened."""

import builtins
import json
from dataclasses import replace

import numpy as np
import pytest
from golden import GOLDEN
from hypothesis import given, settings
from hypothesis import strategies as st

from autoencoder.check.check_input import CheckInput, read_check_dict
from autoencoder.check.checker import check, check_text
from autoencoder.check.mistakes import MISTAKES, fix_for
from autoencoder.check.phase_arrays import REFERENCE, STUDENT_KEYS, PhaseInputs
from autoencoder.check.student_step import student_steps
from autoencoder.cli import main
from autoencoder.core.activations import get_activation
from autoencoder.core.class_notebook import NOTEBOOK_START, notebook_input
from autoencoder.core.losses import cross_entropy
from autoencoder.core.model import SHAPES, init_params
from autoencoder.core.phases import PHASE_ARRAYS, PHASE_NAMES, run_step
from autoencoder.core.rules import get_rule
from autoencoder.io.notebook_code import ACTIVATION_CODE, phase_code
from autoencoder.io.notebook_text import NOTEBOOK_NAMES, example_text, read_notebook_text

CHAINED = PHASE_NAMES[:7]


def exact_arrays(params, x, lr, activation):
    """The phases' arrays from the core's own step (not the checker's reference)."""
    step = run_step(params, x, lr=lr, rule="exact", activation=activation)
    act = get_activation(activation)
    arrays = {name: getattr(step, name) for name in CHAINED}
    arrays["slope_out"] = act.slope_from_value(step.output_a)
    arrays["slope_hidden"] = act.slope_from_value(step.hidden_a)
    return arrays, step.params.as_dict()


def statuses(report):
    return {phase: verdict["status"] for phase, verdict in report["phases"].items()}


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    bits=st.lists(st.integers(0, 1), min_size=8, max_size=8),
    lr=st.floats(0.01, 5.0),
    activation=st.sampled_from(["sigmoid", "shifted-sigmoid", "tanh"]),
    as_rows=st.booleans(),
)
def test_exact_arrays_match_in_every_phase(seed, bits, lr, activation, as_rows):
    params, x = init_params(seed), np.array(bits, dtype=float)
    arrays, after = exact_arrays(params, x, lr, activation)
    if as_rows:  # the notebook keeps (1, n) rows
        arrays = {k: v[None, :] for k, v in arrays.items()}
    report = check(CheckInput(params, x, lr, activation, "exact", arrays, after))
    assert set(statuses(report).values()) == {"match"}
    assert report["first_mismatch"] is None
    for verdict in report["phases"].values():
        assert all(a["status"] == "match" for a in verdict["arrays"].values())


# --- the class notebook's text ----------------------------------------------------------

RECOGNISED = {
    ("input_layer", "input", "In [63]"),
    ("lr", "lr", "In [46]"),
    ("hidden_weight", "W1", "In [64]"),
    ("hidden_weight", "after.W1", "In [81]"),
    ("hidden_bias", "b1", "In [65]"),
    ("hidden_bias", "after.b1", "In [82]"),
    ("output_weight", "W2", "In [69]"),
    ("output_weight", "after.W2", "In [78]"),
    ("output_bias", "b2", "In [70]"),
    ("output_bias", "after.b2", "In [82]"),
    ("hidden_z", "hidden_z", "In [66]"),
    ("hidden_activation", "hidden_a", "In [68]"),
    ("output_z", "output_z", "In [71]"),
    ("output_activation", "output_a", "In [72]"),
    ("error", "error", "In [73]"),
    ("slope_out", "slope_out", "In [74]"),
    ("slope_hidden", "slope_hidden", "In [75]"),
    ("delta_out", "output_delta", "In [76]"),
    ("delta_hidden", "hidden_delta", "In [80]"),
    ("activation", "shifted-sigmoid", "In [17]"),
}


def test_class_notebook_text_is_recognised_with_the_values_printed_before_use():
    reading = read_notebook_text(example_text())
    assert {(r["variable"], r["as"], r["cell"]) for r in reading.recognised} == RECOGNISED
    assert reading.notes == []
    values = reading.values
    # hidden_weight is printed in In[35], In[64] and In[81]: In[64] is the one In[66] used
    for name in SHAPES:
        np.testing.assert_array_equal(
            values[name].reshape(SHAPES[name]), getattr(NOTEBOOK_START, name)
        )
        np.testing.assert_array_equal(values["after"][name].ravel(), GOLDEN[name].ravel())
    np.testing.assert_array_equal(values["input"].ravel(), notebook_input())
    assert values["lr"] == 0.1 and values["activation"] == "shifted-sigmoid"


def test_class_notebook_departures_are_named_and_the_updates_match():
    report = check_text(example_text())
    assert report["first_mismatch"] == "output_delta"
    phases = report["phases"]
    assert [statuses(report)[p] for p in PHASE_NAMES[:5]] == ["match"] * 5
    assert phases["output_delta"]["status"] == "known-mistake"
    assert phases["output_delta"]["mistake"] == "slope-at-activation"
    assert phases["hidden_delta"]["status"] == "known-mistake"
    assert phases["hidden_delta"]["mistake"] == "w1-for-w2-transpose+slope-at-activation"
    assert phases["output_delta"]["arrays"]["slope_out"]["mistake"] == "slope-at-activation"
    assert phases["hidden_delta"]["arrays"]["slope_hidden"]["mistake"] == "slope-at-activation"
    # judged on the notebook's own deltas, its updates are right
    assert statuses(report)["update_output"] == statuses(report)["update_hidden"] == "match"
    assert len(report["recognised"]) == len(RECOGNISED)


def test_reading_never_evaluates_the_text(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the checker evaluated text")

    text = example_text() + "\nIn [90]:\nhidden_z = __import__('os').system('false')\nhidden_z\n"
    with monkeypatch.context() as patched:
        for name in ("eval", "exec", "compile"):
            patched.setattr(builtins, name, refuse)
        report = check_text(text)
    assert report["first_mismatch"] == "output_delta"


def test_text_without_cell_headers():
    arrays, _ = exact_arrays(NOTEBOOK_START, notebook_input(), 0.1, "sigmoid")
    start = {k: np.array2string(v, separator=", ") for k, v in NOTEBOOK_START.as_dict().items()}
    text = "\n".join(
        [
            "lr = 0.1",
            "input_layer = np.array([[1, 1, 0, 1, 1, 1, 0, 1]])",
            f"hidden_weight = np.array({start['W1']})",
            f"hidden_bias\narray({start['b1']})",
            f"output_weight\n{start['W2']}",
            f"output_bias\n{start['b2']}",
            f"delta_out = error * slope_out\ndelta_out\n{arrays['output_delta'] + 0.01!r}",
        ]
    )
    report = check_text(text)
    assert {r["variable"] for r in report["recognised"]} == {
        "lr",
        "input_layer",
        "hidden_weight",
        "hidden_bias",
        "output_weight",
        "output_bias",
        "delta_out",
    }
    assert report["first_mismatch"] == "output_delta"
    assert statuses(report)["hidden_z"] == "missing"


# --- every catalogued mistake is named as itself --------------------------------------


# The mistakes that are mistakes only under another loss than squared error.
LOSS_OF = {"slope-kept-with-cross-entropy": "cross-entropy"}


def made_with(params, x, lr, activation, phase=None, change=None, loss="squared"):
    """The arrays of a student who follows the rule except that ``change(c, arrays)``
    alters what they got in ``phase``; later phases use the altered arrays."""
    c = PhaseInputs(
        x, *params.as_dict().values(), lr, get_activation(activation), get_rule("exact")
    )
    c.loss = loss
    arrays, after = {}, {}
    for name in PHASE_NAMES:
        out = REFERENCE[name](c)
        if name == phase:
            out = {**out, **change(c, out)}
        for key, value in out.items():
            (after if key in SHAPES else arrays)[key] = value
        if name in CHAINED:
            setattr(c, name, out[name])
    return arrays, after


@pytest.mark.parametrize("activation", ["sigmoid", "shifted-sigmoid"])
@pytest.mark.parametrize("known", MISTAKES, ids=lambda m: f"{m.phase}:{m.name}")
def test_each_mistake_is_named_as_itself_and_no_other(known, activation):
    for seed in range(5):
        params, x = init_params(seed), np.array([1, 0, 1, 1, 0, 0, 1, 0], dtype=float)
        loss = LOSS_OF.get(known.name, "squared")
        arrays, after = made_with(
            params, x, 0.3, activation, known.phase, lambda c, _: known.compute(c), loss
        )
        ci = CheckInput(params, x, 0.3, activation, "exact", arrays, after, loss=loss)
        ci.loss_stated = True  # the loss, said: d_o = e is then a missing f', not CE
        report = check(ci)
        verdicts = report["phases"]
        assert verdicts[known.phase]["status"] == "known-mistake"
        assert verdicts[known.phase]["mistake"] == known.name
        assert report["first_mismatch"] == known.phase
        others = {p: s for p, s in statuses(report).items() if p != known.phase}
        assert set(others.values()) == {"match"}


def run_lines(lines: dict, c: PhaseInputs) -> dict:
    """Our own lines of notebook code (notebook_code, a mistake's fix) run on the phase's
    inputs, as a student's notebook runs them: the variables they assign, by the checker's
    names (``delta_out`` -> ``output_delta``, ``output_weight`` -> ``W2``, ...)."""
    sig = lines.get("sig") or ACTIVATION_CODE[c.act.name]
    space = {"np": np, "lr": c.lr, "input_layer": c.x[None, :]}
    exec(
        f"def activation(x, dx=False):\n    {sig}\n    return sig * (1 - sig) if dx else sig", space
    )
    names = {v: k for k, v in NOTEBOOK_NAMES.items()}
    for key in ("W1", "b1", "W2", "b2", *STUDENT_KEYS):
        value = getattr(c, key, None)
        if value is not None:
            space[names.get(key, key)] = np.array(value, dtype=float, ndmin=2)
    assigned = [k for k, line in lines.items() if line and k != "sig"]
    for key in assigned:
        exec(lines[key], space)
    return {NOTEBOOK_NAMES.get(k, k): np.squeeze(space[k]) for k in assigned}


@pytest.mark.parametrize("rule", ["exact", "notebook"])
@pytest.mark.parametrize("activation", ["sigmoid", "shifted-sigmoid"])
@pytest.mark.parametrize("known", MISTAKES, ids=lambda m: f"{m.phase}:{m.name}")
def test_each_mistakes_fix_is_the_line_that_makes_it(known, activation, rule):
    """Run as code, the mistake's lines give the mistake's arrays and the rule's lines the
    rule's; the fix shows exactly the lines where the two differ."""
    params, x = init_params(2), np.array([1, 0, 1, 1, 0, 0, 1, 0], dtype=float)
    c = PhaseInputs(x, *params.as_dict().values(), 0.3, get_activation(activation), get_rule(rule))
    c.loss = loss = LOSS_OF.get(known.name, "squared")
    for name in PHASE_NAMES[: PHASE_NAMES.index(known.phase)]:
        out = REFERENCE[name](c)
        if name in CHAINED:
            setattr(c, name, out[name])
    rule_lines = phase_code(known.phase, rule, activation, loss)
    theirs = {**rule_lines, **known.code(activation)}
    made, right = known.compute(c), REFERENCE[known.phase](c)
    for key, value in run_lines(theirs, c).items():
        if key in PHASE_ARRAYS[known.phase]:  # what decides (a missing slope is made 1)
            np.testing.assert_allclose(value, np.squeeze(made[key]), rtol=1e-12, atol=1e-15)
    for key, value in run_lines(rule_lines, c).items():
        np.testing.assert_allclose(value, np.squeeze(right[key]), rtol=1e-12, atol=1e-15)
    fix = fix_for(known, rule, activation, loss)
    assert {(f["yours"], f["rule"]) for f in fix} == {
        (theirs.get(k), rule_lines.get(k)) for k in theirs if theirs.get(k) != rule_lines.get(k)
    }
    assert known.sentence.endswith(".") and known.name not in known.sentence
    if rule == "exact":
        assert fix  # under the exact rule every mistake changes a line


def test_the_json_report_adds_the_sentence_and_the_fix_and_keeps_the_rest():
    report = check_text(example_text())
    verdict = report["phases"]["output_delta"]
    assert verdict["status"] == "known-mistake" and verdict["mistake"] == "slope-at-activation"
    assert verdict["why"] == "f' evaluated at a_o instead of at z_o"  # as before
    assert verdict["sentence"].startswith("The slope f' is taken at the outputs' activations")
    assert verdict["fix"] == [
        {
            "yours": "slope_out = activation(output_activation, dx=True)",
            "rule": "slope_out = activation(output_z, dx=True)",
        }
    ]
    assert report["phases"]["hidden_delta"]["fix"][1]["rule"] == (
        "delta_hidden = np.dot(delta_out, output_weight.T) * slope_hidden"
    )


# --- a slip is a mismatch where it happened, and later phases are judged on it ---------


@pytest.mark.parametrize("phase", CHAINED)
def test_perturbed_array_is_a_mismatch_at_its_element(phase):
    params, x = init_params(3), np.array([0, 1, 1, 0, 1, 0, 0, 1], dtype=float)

    def slip(c, out):
        value = out[phase].copy()
        value[1] += 0.0123
        return {phase: value}

    arrays, after = made_with(params, x, 0.5, "sigmoid", phase, slip)
    report = check(CheckInput(params, x, 0.5, "sigmoid", "exact", arrays, after))
    verdict = report["phases"][phase]
    assert verdict["status"] == "mismatch" and verdict["array"] == phase
    assert verdict["index"] == [1]
    assert verdict["got"] - verdict["expected"] == pytest.approx(0.0123)
    assert report["first_mismatch"] == phase
    assert {s for p, s in statuses(report).items() if p != phase} == {"match"}


def test_later_phases_use_the_students_arrays_not_the_rules():
    params, x = init_params(5), np.ones(8)
    arrays, after = exact_arrays(params, x, 0.5, "sigmoid")
    arrays["output_z"] = arrays["output_z"] + 0.1  # the later arrays do not follow from it
    report = check(CheckInput(params, x, 0.5, "sigmoid", "exact", arrays, after))
    assert statuses(report)["output_z"] == statuses(report)["output_a"] == "mismatch"
    assert statuses(report)["error"] == "match"


def test_a_wrongly_shaped_update_is_a_mismatch():
    arrays, after = exact_arrays(NOTEBOOK_START, notebook_input(), 0.1, "sigmoid")
    after["W2"] = after["W2"][:, :4]
    report = check(CheckInput(NOTEBOOK_START, notebook_input(), 0.1, "sigmoid", "exact", {}, after))
    assert report["phases"]["update_output"]["status"] == "mismatch"
    assert "shape" in report["phases"]["update_output"]["why"]
    assert statuses(report)["hidden_z"] == "missing" and report["first_mismatch"] == "update_output"


# --- the check JSON and the command line ----------------------------------------------


def check_json(params, x, lr, activation, notebook_names=False):
    arrays, after = exact_arrays(params, x, lr, activation)
    obj = {**{k: v.tolist() for k, v in params.as_dict().items()}, "input": "11011101"}
    obj.update(lr=lr, activation=activation, after={k: v.tolist() for k, v in after.items()})
    obj.update({k: v.tolist() for k, v in arrays.items()})
    if notebook_names:
        obj["hidden_activation"] = obj.pop("hidden_a")
        obj["delta_out"] = obj.pop("output_delta")
        obj["after"]["output_weight"] = obj["after"].pop("W2")
        obj["hidden_weight"] = obj.pop("W1")
    return obj


@pytest.mark.parametrize("notebook_names", [False, True])
def test_cli_check_json(tmp_path, capsys, notebook_names):
    path = tmp_path / "check.json"
    obj = check_json(init_params(8), notebook_input(), 0.1, "sigmoid", notebook_names)
    path.write_text(json.dumps(obj))
    assert main(["check", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["first_mismatch"] is None
    assert set(PHASE_NAMES) == set(report["phases"])
    assert {v["status"] for v in report["phases"].values()} == {"match"}


def test_cli_check_notebook_text(tmp_path, capsys):
    path = tmp_path / "notebook.txt"
    path.write_text(example_text())
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("  6 output_delta   known mistake: "))
    assert line.index("The slope f' is taken at") < line.index("(slope-at-activation)")
    assert (
        "  6 output_delta   known mistake: The slope f' is taken at the outputs' activations "
        "a_o; it belongs at their sums z_o. (slope-at-activation)\n"
        "                   - slope_out = activation(output_activation, dx=True)\n"
        "                   + slope_out = activation(output_z, dx=True)\n"
    ) in out
    assert "First phase that is not a match: output_delta" in out
    assert "hidden_weight      In [64]  as W1 8x3" in out


GOOD = check_json(init_params(1), notebook_input(), 0.1, "sigmoid")
BAD_FILES = {
    "not utf-8": b"\xff\xfe{",
    "bad json": b'{"W1": [1, 2',
    "nan": json.dumps(GOOD).replace("0.1,", "NaN,", 1).encode(),
    "missing keys": json.dumps({"W1": GOOD["W1"]}).encode(),
    "wrong shape": json.dumps({**GOOD, "W1": GOOD["W2"]}).encode(),
    "bad bits": json.dumps({**GOOD, "input": "1101"}).encode(),
    "bad activation": json.dumps({**GOOD, "activation": "relu9"}).encode(),
    "string number": json.dumps({**GOOD, "hidden_z": ["a", 1, 2]}).encode(),
    "bad array text": json.dumps({**GOOD, "hidden_z": "array([1, 2"}).encode(),
    "no arrays": b"just some words",
    "twice": json.dumps({**GOOD, "hidden_weight": GOOD["W1"]}).encode(),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES) + ["no such file", "a directory"])
def test_cli_check_bad_file_exits_2_with_one_line(tmp_path, capsys, name):
    path = tmp_path / "in.txt"
    if name in BAD_FILES:
        path.write_bytes(BAD_FILES[name])
    elif name == "a directory":
        path = tmp_path
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("autoencoder check: error: ")
    assert captured.err.count("\n") == 1


def test_printed_array_text_is_accepted_in_the_json():
    obj = {**GOOD, "hidden_z": "array([[0.1, 0.2, 0.3]])"}
    check_input = read_check_dict(obj)
    np.testing.assert_array_equal(check_input.arrays["hidden_z"], [[0.1, 0.2, 0.3]])


def test_weights_beyond_a_sane_size_are_refused_not_judged():
    """Weights near -1e308 would overflow to inf and make every tolerance infinite."""
    obj = check_json(init_params(0), np.array([1, 1, 0, 1, 1, 1, 0, 1.0]), 0.1, "sigmoid")
    obj["W1"] = [[-1e308] * 3] * 8
    with pytest.raises(ValueError, match="sane"):
        read_check_dict(obj)
    obj["W1"], obj["hidden_z"] = init_params(0).W1.tolist(), [1e7, 0, 0]
    with pytest.raises(ValueError, match="hidden_z"):
        read_check_dict(obj)


def test_the_students_step_follows_the_checked_loss():
    """The student's step (which the checker judges along and the page draws) uses the
    check's loss: with cross-entropy the rule's output delta is the bare error."""
    params, x = init_params(2), np.array([1, 0, 1, 1, 0, 0, 1, 0], dtype=float)
    ci = CheckInput(params, x, 0.5, "sigmoid", "exact", loss="cross-entropy")
    _, correct = student_steps(ci, "output_delta")
    np.testing.assert_array_equal(correct.output_delta, correct.error)
    theirs, _ = student_steps(replace(ci, arrays={"error": correct.error + 0.01}), "error")
    assert theirs.loss == pytest.approx(float(np.sum(cross_entropy(x, theirs.output_a))))
    assert check(ci)["phases"]["output_delta"]["status"] == "missing"


def test_under_cross_entropy_the_rules_code_is_delta_out_equals_error():
    """The lines a student is shown for the output delta follow the check's loss."""
    params, x = init_params(2), np.array([1, 0, 1, 1, 0, 0, 1, 0.0])
    step = run_step(params, x, lr=0.5, loss="cross-entropy")
    obj = {k: v.tolist() for k, v in params.as_dict().items()}
    obj |= {"input": "10110010", "lr": 0.5, "loss": "cross-entropy"}
    obj["output_delta"] = (step.output_delta + 0.01).tolist()
    verdict = check_text(json.dumps(obj))["phases"]["output_delta"]
    assert verdict["status"] == "mismatch" and verdict["rule_code"] == ["delta_out = error"]
