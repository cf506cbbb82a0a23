"""Command line: ``python -m autoencoder notebook|step|train|gradcheck|check``.

Bad arguments or files exit with status 2 and one line naming what is wrong, always in
argparse's form with the command named: ``autoencoder COMMAND: error: MESSAGE``. No
command at all lists the commands (on stderr, status 2: argparse's own answer to a missing
required argument, so a script sees that nothing ran; ``--help`` lists them on stdout with
status 0). Output cut short by a closed pipe (``... notebook | head``) ends quietly with
status 141, what the shell reports for any program a pipe's reader stopped early.

The arguments and their checks live in io/command_line.py; here, what each command does.
"""

import json
import os
import sys

import numpy as np

from autoencoder.check.checker import check_text
from autoencoder.check.report import format_report
from autoencoder.core.class_notebook import NOTEBOOK_START, notebook_input, notebook_settings
from autoencoder.core.gradcheck import gradcheck
from autoencoder.core.model import init_params, patterns_for
from autoencoder.core.phases import PHASE_NAMES, next_phase, phase_result, start_step
from autoencoder.core.training import codes_distinct, hidden_code_bits, train
from autoencoder.io import weights_file
from autoencoder.io.command_line import (
    UsageError,
    activation,
    error_line,
    parse_args,
    rule_settings,
)
from autoencoder.io.numbers import loss_number, notebook_number, scientific
from autoencoder.io.text_limits import MAX_CHECK_FILE_BYTES, read_text_file

BROKEN_PIPE_STATUS = 141  # 128 + SIGPIPE, as the shell reports a program a pipe cut short


def _print_array(name, value):
    print(f"{name} =")
    print(np.array2string(np.asarray(value), precision=8, max_line_width=88))


def cmd_notebook(args):
    step = start_step(NOTEBOOK_START.copy(), notebook_input(), **notebook_settings())
    print("The class notebook's worked example: input 11011101, lr 0.1, notebook rule,")
    print("shifted-sigmoid. Each phase and the arrays it produced:\n")
    for number, name in enumerate(PHASE_NAMES, 1):
        step = next_phase(step)
        print(f"[{number}] {name}")
        for key, value in phase_result(step, name).items():
            _print_array(key, value)
        print()
    return 0


def cmd_step(args):
    params, _ = weights_file.load(args.weights)
    step = start_step(params, args.input, **rule_settings(args))
    results = {}
    while not step.complete:
        step = next_phase(step)
        results[step.phase] = phase_result(step, step.phase)
    if args.json:
        print(json.dumps(_step_json(step, results)))
        return 0
    for name, arrays in results.items():
        for key, value in arrays.items():
            _print_array(f"{name}: {key}", value)
    print(f"loss before the update: {notebook_number(step.loss)}")
    return 0


def _step_json(step, results) -> dict:
    """The updated W1 b1 W2 b2, the loss before the update, and each phase's array (the
    phase's own array, or all it produced: the updates give a weight and a bias)."""
    phases = {
        name: (
            arrays[name].tolist() if name in arrays else {k: v.tolist() for k, v in arrays.items()}
        )
        for name, arrays in results.items()
    }
    return {**weights_file.params_to_dict(step.params), "loss": step.loss, "phases": phases}


def cmd_train(args):
    patterns = patterns_for(args.patterns)
    settings = rule_settings(args)
    result = train(
        init_params(args.seed),
        patterns,
        epochs=args.epochs,
        until_learned=args.until_learned,
        momentum=args.momentum,
        mode=args.mode,
        **settings,
    )
    params, hidden = result.params[0], result.hidden[0]
    summary = {
        "epochs_run": result.epochs_run,
        "learned_at": result.learned_at[0],
        "final_loss": float(result.final_loss[0]),
        "hidden_codes": hidden.tolist(),
        "hidden_bits": hidden_code_bits(hidden).tolist(),
        "codes_distinct": codes_distinct(hidden),
        **weights_file.params_to_dict(params),
        "settings": {**settings, "momentum": args.momentum, "mode": args.mode, "seed": args.seed},
    }
    if args.json:
        print(json.dumps(summary))
    else:
        _print_training(summary, patterns, hidden)
    return 0


def _print_training(summary, patterns, hidden):
    """The summary as lines: epochs, loss, each pattern's hidden code (8 x 3 ``hidden``)."""
    print(f"epochs run: {summary['epochs_run']}   learned at: {summary['learned_at']}")
    print(f"final loss: {loss_number(summary['final_loss'])}")
    print("hidden codes (pattern -> activations -> bits):")
    for pattern, acts, bits in zip(patterns, hidden, hidden_code_bits(hidden)):
        pat = "".join(str(int(v)) for v in pattern)
        print(f"  {pat}  {np.array2string(acts, precision=3)}  {''.join(map(str, bits))}")
    print(f"codes distinct: {'yes' if summary['codes_distinct'] else 'no'}")


def cmd_gradcheck(args):
    params, _ = weights_file.load(args.weights)
    error = gradcheck(params, args.input, activation(args), args.loss)
    print(f"largest relative error: {scientific(error, 3)}")
    return 0


def cmd_check(args):
    text = _read_text(args.file)
    try:
        report = check_text(text)
    except ValueError as exc:
        raise UsageError(error_line("check", f"{args.file}: {exc}")) from None
    print(json.dumps(report) if args.json else format_report(report))
    return 0


def _read_text(path) -> str:
    """The UTF-8 text of ``path``, at most MAX_CHECK_FILE_BYTES; UsageError naming the fault."""
    try:
        return read_text_file(path, MAX_CHECK_FILE_BYTES, name=f"{path}: ")
    except ValueError as exc:
        raise UsageError(error_line("check", str(exc))) from None


COMMANDS = {
    "notebook": cmd_notebook,
    "step": cmd_step,
    "train": cmd_train,
    "gradcheck": cmd_gradcheck,
    "check": cmd_check,
}


def _run(argv) -> int:
    args = parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except weights_file.WeightsError as exc:
        raise UsageError(error_line(args.command, exc)) from None


def main(argv=None) -> int:
    try:
        status = _run(argv)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return status
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped (``| head``): send what is still buffered nowhere, so the
        # interpreter's own flush at exit does not fail again, and end without a word.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return BROKEN_PIPE_STATUS
