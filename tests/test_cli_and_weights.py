"""The weights file and the command line: round trips, and every bad input exits 2."""

import json
import os
import shlex
import subprocess
import sys

import numpy as np
import pytest

from autoencoder.cli import main
from autoencoder.core.model import init_params
from autoencoder.core.phases import PHASE_NAMES, run_step
from autoencoder.io import weights_file as weights_io
from autoencoder.io.command_line import COMMAND_LINES


@pytest.fixture
def weights_file(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(weights_io.dumps(init_params(4)))
    return path


def test_json_round_trip_is_exact(tmp_path):
    params = init_params(11)
    back, obj = weights_io.loads(weights_io.dumps(params, settings={"lr": 0.5}))
    np.testing.assert_array_equal(back.flat(), params.flat())
    assert obj["settings"] == {"lr": 0.5}


BAD = {
    "not json": "W1 = 3",
    "array": "[1, 2]",
    "missing key": json.dumps({"W1": [[0] * 3] * 8, "b1": [0] * 3, "W2": [[0] * 8] * 3}),
    "short row": json.dumps(
        {"W1": [[0] * 2] * 8, "b1": [0] * 3, "W2": [[0] * 8] * 3, "b2": [0] * 8}
    ),
    "string": json.dumps(
        {"W1": [[0] * 3] * 8, "b1": ["a", 0, 0], "W2": [[0] * 8] * 3, "b2": [0] * 8}
    ),
    "nan": '{"W1": [[0,0,0]], "b1": [NaN, 0, 0], "W2": [], "b2": []}',
    "bool": json.dumps(
        {"W1": [[0] * 3] * 8, "b1": [True, 0, 0], "W2": [[0] * 8] * 3, "b2": [0] * 8}
    ),
    "huge": json.dumps(
        {"W1": [[1e300] * 3] * 8, "b1": [0] * 3, "W2": [[0] * 8] * 3, "b2": [0] * 8}
    ),
    "nested": "[" * 100000 + "]" * 100000,
    "big int": '{"W1": [[1' + "0" * 400 + ', 0, 0]], "b1": [0, 0, 0], "W2": [], "b2": []}',
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_weights_text_names_the_fault(name):
    with pytest.raises(weights_io.WeightsError) as info:
        weights_io.loads(BAD[name])
    assert str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_weights_file_exits_2_with_one_line(tmp_path, capsys, name):
    path = tmp_path / "bad.json"
    path.write_text(BAD[name])
    assert main(["step", "--weights", str(path), "--input", "11011101"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("autoencoder step: error: "), err


@pytest.mark.parametrize(
    "argv",
    [
        ["fly"],
        ["--bogus"],
        ["step", "--input", "11011101"],
        ["step", "--weights", "WEIGHTS", "--input", "1101"],
        ["step", "--weights", "WEIGHTS", "--input", "11011101", "--lr", "nan"],
        ["step", "--weights", "WEIGHTS", "--input", "11011101", "--rule", "magic"],
        ["step", "--weights", "no-such-file.json", "--input", "11011101"],
        ["train", "--epochs", "-3"],
        ["train", "--epochs", "10", "--until-learned"],
        ["train", "--patterns", "1234"],
        ["train", "--momentum", "1.5"],
        ["train", "--activation", "softmax"],
        ["gradcheck", "--weights", "WEIGHTS", "--input", "2"],
        ["gradcheck", "--weights", "no-such-file.json", "--input", "11011101"],
        ["check"],
        ["check", "no-such-file.txt"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv, weights_file, capsys):
    argv = [str(weights_file) if a == "WEIGHTS" else a for a in argv]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1, captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    command = f" {argv[0]}" if argv[0] in COMMAND_LINES else ""
    assert captured.err.startswith(f"autoencoder{command}: error: "), captured.err


def test_no_command_lists_the_commands_and_exits_2(capsys):
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    for name, text in COMMAND_LINES.items():
        assert f"  {name:<10} {text}" in lines  # each command on one line with what it does
    assert lines[-1].startswith("autoencoder: error: no command given")
    run = subprocess.run(
        [sys.executable, "-m", "autoencoder", "--help"], capture_output=True, text=True
    )
    assert run.returncode == 0 and run.stderr == ""
    for name, text in COMMAND_LINES.items():
        assert f"  {name:<10} {text}" in run.stdout.splitlines()


@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_output_into_a_closed_pipe_ends_quietly(unbuffered):
    """``python -m autoencoder notebook | head``: the reader is gone before the output."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # closed early: every write to the pipe fails with EPIPE
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    try:
        run = subprocess.run(
            [sys.executable, "-m", "autoencoder", "notebook"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    finally:
        os.close(write_end)
    assert run.stderr == ""  # no BrokenPipeError traceback, no "Exception ignored"
    assert run.returncode == 141  # 128 + SIGPIPE, as for any program a pipe cut short


def test_notebook_into_head_ends_quietly():
    run = subprocess.run(
        f"{shlex.quote(sys.executable)} -m autoencoder notebook | head -n 2",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert run.stdout.startswith("The class notebook's worked example")
    assert run.stdout.count("\n") == 2 and run.stderr == ""


def test_step_json_contract(weights_file, capsys):
    assert main(["step", "--weights", str(weights_file), "--input", "11011101", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    expected = run_step(init_params(4), np.array([1, 1, 0, 1, 1, 1, 0, 1.0]), lr=0.1)
    np.testing.assert_allclose(out["W1"], expected.params.W1, rtol=1e-15)
    assert out["loss"] == pytest.approx(expected.loss, rel=1e-15)
    assert list(out["phases"]) == list(PHASE_NAMES)  # every phase, in order
    np.testing.assert_allclose(out["phases"]["hidden_delta"], expected.hidden_delta, rtol=1e-15)


def test_step_notebook_rule_defaults_to_shifted_sigmoid(weights_file, capsys):
    main(
        [
            "step",
            "--weights",
            str(weights_file),
            "--input",
            "11011101",
            "--json",
            "--rule",
            "notebook",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    expected = run_step(
        init_params(4),
        np.array([1, 1, 0, 1, 1, 1, 0, 1.0]),
        lr=0.1,
        rule="notebook",
        activation="shifted-sigmoid",
    )
    np.testing.assert_allclose(out["b1"], expected.params.b1, rtol=1e-15)


def test_train_json_contract(capsys):
    assert main(["train", "--until-learned", "--json", "--seed", "0"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("epochs_run", "learned_at", "final_loss", "hidden_codes", "W1", "b1", "W2", "b2"):
        assert key in out
    assert out["learned_at"] == out["epochs_run"] > 0
    assert np.array(out["hidden_codes"]).shape == (8, 3)


def test_gradcheck_prints_a_small_error(weights_file, capsys):
    assert main(["gradcheck", "--weights", str(weights_file), "--input", "10101010"]) == 0
    value = float(capsys.readouterr().out.split(":")[1])
    assert value < 1e-7


def test_module_entry_point_and_help():
    for sub in ([], ["notebook"], ["step"], ["train"], ["gradcheck"]):
        run = subprocess.run(
            [sys.executable, "-m", "autoencoder", *sub, "--help"], capture_output=True, text=True
        )
        assert run.returncode == 0 and "usage" in run.stdout
    run = subprocess.run(
        [sys.executable, "-m", "autoencoder", "train", "--epochs", "x"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and run.stderr.count("\n") == 1
