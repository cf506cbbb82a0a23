"""Cross-entropy as a second loss (issue 14 item 3): core, CLI, URL, file, checker, page."""

import json

import numpy as np
import pytest

from autoencoder.check.checker import check, read_check_dict
from autoencoder.cli import main
from autoencoder.core.gradcheck import gradcheck, loss, numeric_gradient, rule_gradient
from autoencoder.core.losses import cross_entropy, get_loss
from autoencoder.core.model import NOTEBOOK_PATTERN, ONE_HOT, init_params
from autoencoder.core.phases import PHASE_NAMES, next_phase, run_step, start_step
from autoencoder.core.training import train
from autoencoder.io import url as urlstate
from autoencoder.io import weights_file as weights_io
from autoencoder.io.state_file import import_state
from autoencoder.session import transfer
from autoencoder.session.session import Session, Settings, StateError

CE = "cross-entropy"
INPUTS = [NOTEBOOK_PATTERN, ONE_HOT[0], ONE_HOT[5], np.ones(8)]


@pytest.mark.parametrize("activation", ["sigmoid", "shifted-sigmoid"])
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_exact_rule_with_cross_entropy_agrees_with_finite_differences(seed, activation):
    params = init_params(seed)
    for x in INPUTS:
        assert gradcheck(params, x, activation, CE) < 1e-7


def test_finite_differences_are_of_the_cross_entropy_not_the_squared_error():
    params, x = init_params(3), NOTEBOOK_PATTERN
    ce = numeric_gradient(params, x, loss_name=CE)
    assert np.allclose(ce, rule_gradient(params, x, loss_name=CE), rtol=1e-7, atol=1e-12)
    assert not np.allclose(ce, rule_gradient(params, x), rtol=1e-3)  # the f' term matters


def test_cross_entropy_phases_error_shows_E_and_output_delta_is_e():
    params, x = init_params(2), ONE_HOT[3]
    step = start_step(params, x, loss=CE)
    for _ in PHASE_NAMES[:6]:
        step = next_phase(step)
    a = step.output_a
    expected = -np.sum(x * np.log(a) + (1 - x) * np.log(1 - a))
    assert step.loss == pytest.approx(expected, rel=1e-14)
    assert step.loss == pytest.approx(loss(params, x, loss_name=CE), rel=1e-14)
    assert np.array_equal(step.output_delta, step.error)  # no f' factor
    squared = run_step(params, x)
    assert not np.allclose(squared.output_delta, step.output_delta)


@pytest.mark.parametrize("rule", ["exact", "notebook"])
def test_training_follows_the_loss_as_the_phases_do(rule):
    params, lr = init_params(5), 0.7
    result = train(params, ONE_HOT, epochs=1, lr=lr, rule=rule, loss=CE)
    stepped, total = params, 0.0
    for x in ONE_HOT:
        step = run_step(stepped, x, lr=lr, rule=rule, loss=CE)
        stepped, total = step.params, total + step.loss
    assert result.params[0].allclose(stepped, rtol=0, atol=1e-14)
    assert result.loss_history[0, 0] == pytest.approx(total, rel=1e-13)
    out = result.outputs[0]
    assert result.final_loss[0] == pytest.approx(cross_entropy(ONE_HOT, out).sum(), rel=1e-13)


def test_cross_entropy_is_refused_without_sigmoid_outputs():
    with pytest.raises(ValueError, match="only with sigmoid outputs"):
        start_step(init_params(0), ONE_HOT[0], activation="tanh", loss=CE)
    with pytest.raises(ValueError, match="only with sigmoid outputs"):
        train(init_params(0), ONE_HOT, activation="tanh", loss=CE)
    s = Session(Settings(loss=CE))
    with pytest.raises(StateError, match="loss: cross-entropy is offered only with sigmoid"):
        s.update_settings(activation="tanh")
    assert s.settings.activation == "sigmoid"
    with pytest.raises(StateError, match="unknown 'hinge'"):
        Session().update_settings(loss="hinge")


def test_the_setting_restarts_the_step_with_the_loss():
    s = Session()
    for _ in range(6):
        s.next_phase()
    s.update_settings(loss=CE)
    assert s.step.done == 0 and s.step.loss_name == CE
    for _ in range(6):
        s.next_phase()
    assert np.array_equal(s.step.output_delta, s.step.error)
    for _ in range(7):  # six phases, then the setting
        s.undo()
    assert s.settings.loss == "squared"


def test_url_and_file_carry_the_loss_and_old_ones_mean_squared():
    s = Session(Settings(loss=CE, lr=0.5))
    s.train(3)
    s.next_phase()
    query = transfer.query_of(s)
    assert query["loss"] == CE
    back = transfer.session_from_query(query)
    assert back.to_state().key() == s.to_state(max_losses=urlstate.URL_LOSSES).key()
    assert back.step.loss_name == CE
    assert "loss" not in transfer.query_of(Session())  # the default adds nothing to links
    old = {k: v for k, v in transfer.query_of(Session()).items()}
    assert transfer.session_from_query(old).settings.loss == "squared"
    doc = json.loads(transfer.export_file(s))
    assert doc["settings"]["loss"] == CE
    assert import_state(transfer.export_file(s)).key() == s.to_state(max_losses=None).key()
    del doc["settings"]["loss"]
    assert import_state(json.dumps(doc)).settings.loss == "squared"
    with pytest.raises(StateError, match="loss"):
        transfer.session_from_query({**query, "activation": "tanh"})


def test_checker_reference_follows_the_loss():
    params, x, lr = init_params(1), NOTEBOOK_PATTERN, 0.1
    step = run_step(params, x, lr=lr, loss=CE)
    obj = {**weights_io.params_to_dict(params), "input": "11011101", "lr": lr, "loss": CE}
    obj["output_delta"] = step.output_delta.tolist()
    obj["after"] = weights_io.params_to_dict(step.params)
    report = check(read_check_dict(obj))
    assert report["first_mismatch"] is None
    assert report["phases"]["output_delta"]["status"] == "match"
    assert report["settings"]["loss"] == CE
    # unstated, d_o = e is read as cross-entropy (and said); stated squared, it is not
    unstated = check(read_check_dict({k: v for k, v in obj.items() if k != "loss"}))
    assert unstated["phases"]["output_delta"]["status"] == "match"
    assert unstated["settings"]["loss"] == CE
    squared = check(read_check_dict({**obj, "loss": "squared"}))
    assert squared["phases"]["output_delta"]["status"] != "match"


# --- the command line ----------------------------------------------------------------


@pytest.fixture
def weights_file(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(weights_io.dumps(init_params(4)))
    return path


def test_cli_step_and_gradcheck_take_the_loss(weights_file, capsys):
    argv = ["step", "--weights", str(weights_file), "--input", "11011101", "--json"]
    assert main([*argv, "--loss", CE]) == 0
    out = json.loads(capsys.readouterr().out)
    expected = run_step(init_params(4), NOTEBOOK_PATTERN, lr=0.1, loss=CE)
    assert out["loss"] == expected.loss
    assert out["phases"]["output_delta"] == out["phases"]["error"]
    assert main(argv) == 0
    assert (
        json.loads(capsys.readouterr().out)["loss"]
        == run_step(init_params(4), NOTEBOOK_PATTERN).loss
    )
    gc = ["gradcheck", "--weights", str(weights_file), "--input", "11011101", "--loss", CE]
    assert main(gc) == 0
    assert float(capsys.readouterr().out.split(":")[1]) < 1e-7


def test_cli_train_takes_the_loss(capsys):
    argv = ["train", "--epochs", "5", "--json", "--lr", "0.5"]
    assert main([*argv, "--loss", CE]) == 0
    out = json.loads(capsys.readouterr().out)
    result = train(init_params(0), ONE_HOT, epochs=5, lr=0.5, loss=CE)
    assert out["final_loss"] == float(result.final_loss[0])
    assert out["settings"]["loss"] == CE


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "--loss", CE, "--activation", "tanh"],
        ["train", "--loss", "hinge"],
        [
            "gradcheck",
            "--weights",
            "w.json",
            "--input",
            "11011101",
            "--loss",
            CE,
            "--activation",
            "tanh",
        ],
    ],
)
def test_cli_refuses_cross_entropy_where_it_is_not_exact(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"autoencoder {argv[0]}: error:") and "\n" not in err
    assert "loss" in err


def test_phase_panel_equations_follow_the_loss():
    from autoencoder.figures.equations import phase_equation_html
    from autoencoder.page.phase_text import phase_latex

    steps = {}
    for name in ("squared", CE):
        step = start_step(init_params(0), ONE_HOT[0], loss=name)
        for _ in range(5):
            step = next_phase(step)
        steps[name] = [step, next_phase(step)]
    error, delta = steps[CE]
    assert get_loss(CE).latex in phase_latex(error) and r"\ln" in phase_latex(error)
    assert f"{error.loss:.6f}" in phase_latex(error)
    assert "<mi>ln</mi>" in phase_equation_html(error)
    assert "f'" not in phase_latex(delta).split("aligned")[1]
    assert r"\delta_o = e" in phase_latex(delta)
    assert "cross-entropy" in phase_equation_html(delta)
    sq_error, sq_delta = steps["squared"]
    assert r"\tfrac12" in phase_latex(sq_error) and "f'(z^o_k)" in phase_latex(sq_delta)
