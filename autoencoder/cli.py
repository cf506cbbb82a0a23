"""Command line: ``python -m autoencoder notebook|step|train|gradcheck|check``.

Bad arguments or files exit with status 2 and one line naming what is wrong, always in
argparse's form with the command named: ``autoencoder COMMAND: error: MESSAGE``. No
command at all lists the commands (on stderr, status 2: argparse's own answer to a missing
required argument, so a script sees that nothing ran; ``--help`` lists them on stdout with
status 0). Output cut short by a closed pipe (``... notebook | head``) ends quietly with
status 141, what the shell reports for any program a pipe's reader stopped early.
"""

import argparse
import json
import os
import sys

import numpy as np

from autoencoder.check.checker import check_text
from autoencoder.check.report import format_report
from autoencoder.core.activations import ACTIVATIONS
from autoencoder.core.class_notebook import NOTEBOOK_START, notebook_input, notebook_settings
from autoencoder.core.gradcheck import gradcheck
from autoencoder.core.losses import LOSS_NAMES, check_loss
from autoencoder.core.model import init_params, parse_bits, patterns_for
from autoencoder.core.phases import PHASE_NAMES, next_phase, phase_result, start_step
from autoencoder.core.rules import DEFAULT_ACTIVATION, RULES
from autoencoder.core.training import DEFAULTS, codes_distinct, hidden_code_bits, train
from autoencoder.io import weights_file as weights_io
from autoencoder.io.numbers import loss_number, notebook_number, scientific

MAX_CHECK_BYTES = 2_000_000
PROG = "python -m autoencoder"  # how the usage lines say to run it
NAME = "autoencoder"  # how the error lines name it
BROKEN_PIPE_STATUS = 141  # 128 + SIGPIPE, as the shell reports a program a pipe cut short


class UsageError(Exception):
    """Raised instead of argparse's exit so every failure prints one line and exits 2."""


def error_line(command, message) -> str:
    """The one line every failure prints: ``autoencoder COMMAND: error: MESSAGE``."""
    return f"{NAME}{' ' + command if command else ''}: error: {message}"


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(error_line(self.prog.removeprefix(PROG).strip(), message))


def _bits(text):
    try:
        return parse_bits(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _finite(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not np.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _count(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1000000")
    return value


def _print_array(name, value):
    print(f"{name} =")
    print(np.array2string(np.asarray(value), precision=8, max_line_width=88))


def _settings(args):
    activation = args.activation or DEFAULT_ACTIVATION[args.rule]
    return {"lr": args.lr, "rule": args.rule, "activation": activation, "loss": args.loss}


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
    params, _ = weights_io.load(args.weights)
    step = start_step(params, args.input, **_settings(args))
    results = {}
    while not step.complete:
        step = next_phase(step)
        results[step.phase] = phase_result(step, step.phase)
    if args.json:
        phases = {
            name: (
                arrays[name].tolist()
                if name in arrays
                else {k: v.tolist() for k, v in arrays.items()}
            )
            for name, arrays in results.items()
        }
        phases["error"] = results["error"]["error"].tolist()
        out = {**weights_io.params_to_dict(step.params), "loss": step.loss, "phases": phases}
        print(json.dumps(out))
    else:
        for name, arrays in results.items():
            for key, value in arrays.items():
                _print_array(f"{name}: {key}", value)
        print(f"loss before the update: {notebook_number(step.loss)}")
    return 0


def cmd_train(args):
    patterns = patterns_for(args.patterns)
    settings = _settings(args)
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
        **weights_io.params_to_dict(params),
        "settings": {**settings, "momentum": args.momentum, "mode": args.mode, "seed": args.seed},
    }
    if args.json:
        print(json.dumps(summary))
        return 0
    print(f"epochs run: {result.epochs_run}   learned at: {result.learned_at[0]}")
    print(f"final loss: {loss_number(summary['final_loss'])}")
    print("hidden codes (pattern -> activations -> bits):")
    for pattern, acts, bits in zip(patterns, hidden, hidden_code_bits(hidden)):
        pat = "".join(str(int(v)) for v in pattern)
        print(f"  {pat}  {np.array2string(acts, precision=3)}  {''.join(map(str, bits))}")
    print(f"codes distinct: {'yes' if summary['codes_distinct'] else 'no'}")
    return 0


def cmd_gradcheck(args):
    params, _ = weights_io.load(args.weights)
    error = gradcheck(params, args.input, args.activation or "sigmoid", args.loss)
    print(f"largest relative error: {scientific(error, 3)}")
    return 0


def cmd_check(args):
    def bad(message):
        return UsageError(error_line("check", message))

    try:
        with open(args.file, "rb") as fh:
            data = fh.read(MAX_CHECK_BYTES + 1)
    except OSError as exc:
        raise bad(f"cannot read {args.file}: {exc.strerror or exc}") from None
    if len(data) > MAX_CHECK_BYTES:
        raise bad(f"{args.file}: file is larger than {MAX_CHECK_BYTES // 1000} kB")
    try:
        report = check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise bad(f"{args.file}: file is not UTF-8 text") from None
    except ValueError as exc:
        raise bad(f"{args.file}: {exc}") from None
    print(json.dumps(report) if args.json else format_report(report))
    return 0


COMMAND_LINES = {
    "notebook": "replay the class notebook's worked example phase by phase",
    "step": "one training step on one example from a weights file",
    "train": "train a fresh network from a seed",
    "gradcheck": "the exact rule's gradient vs central finite differences",
    "check": "check a student's arrays (a check JSON or a notebook's printed text)",
}


def build_parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  {name:<10} {text}" for name, text in COMMAND_LINES.items())
    parser = _Parser(
        prog=PROG,
        usage=f"{PROG} COMMAND [options]",
        description=f"The 8-3-8 autoencoder.\n\ncommands:\n{commands}",
        epilog=f"'{PROG} COMMAND --help' shows a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # The commands are listed in the description above (argparse's own list of subcommands
    # wraps a name as long as "gradcheck" onto a line of its own).
    sub = parser.add_subparsers(dest="command", help=argparse.SUPPRESS, parser_class=_Parser)

    def add(name):
        text = COMMAND_LINES[name]
        return sub.add_parser(name, prog=f"{PROG} {name}", help=text, description=text)

    add("notebook")

    def rule_options(p, lr):
        p.add_argument("--lr", type=_finite, default=lr, help=f"learning rate (default {lr})")
        p.add_argument("--rule", choices=list(RULES), default="exact")
        p.add_argument(
            "--activation",
            choices=list(ACTIVATIONS),
            help="default: sigmoid for the exact rule, shifted-sigmoid for the notebook rule",
        )
        loss_option(p)
        p.add_argument("--json", action="store_true", help="print one JSON object")

    def loss_option(p):
        p.add_argument(
            "--loss",
            choices=list(LOSS_NAMES),
            default="squared",
            help="squared (default, the notebook's) or cross-entropy (sigmoid outputs only)",
        )

    step = add("step")
    step.add_argument("--weights", required=True, help="weights JSON file")
    step.add_argument("--input", required=True, type=_bits, help="8 bits, e.g. 11011101")
    rule_options(step, 0.1)

    tr = add("train")
    tr.add_argument("--patterns", default="onehot", help="onehot, notebook or BITS,BITS,...")
    group = tr.add_mutually_exclusive_group()
    group.add_argument("--epochs", type=_count, help="number of epochs (default 1000)")
    group.add_argument("--until-learned", action="store_true")
    tr.add_argument("--seed", type=_count, default=0)
    tr.add_argument("--momentum", type=_finite, default=DEFAULTS["momentum"])
    tr.add_argument("--mode", choices=["online", "batch"], default=DEFAULTS["mode"])
    rule_options(tr, DEFAULTS["lr"])

    gc = add("gradcheck")
    gc.add_argument("--weights", required=True)
    gc.add_argument("--input", required=True, type=_bits)
    gc.add_argument("--activation", choices=list(ACTIVATIONS))
    loss_option(gc)

    ck = add("check")
    ck.add_argument("file", help="a check JSON file or a notebook's printed text")
    ck.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


COMMANDS = {
    "notebook": cmd_notebook,
    "step": cmd_step,
    "train": cmd_train,
    "gradcheck": cmd_gradcheck,
    "check": cmd_check,
}


def _run(parser, argv) -> int:
    args = parser.parse_args(argv)
    if args.command is None:
        print(parser.format_help(), file=sys.stderr)
        raise UsageError(error_line(None, "no command given: choose one of the commands above"))
    if args.command == "train":
        if args.epochs is None and not args.until_learned:
            args.epochs = 1000
        try:
            patterns_for(args.patterns)
        except ValueError as exc:
            raise UsageError(error_line("train", f"--patterns: {exc}")) from None
        if not 0 <= args.momentum < 1:
            raise UsageError(error_line("train", "--momentum must be in [0, 1)"))
    if args.command in ("step", "train", "gradcheck"):
        default = "sigmoid" if args.command == "gradcheck" else DEFAULT_ACTIVATION[args.rule]
        try:
            check_loss(args.loss, args.activation or default)
        except ValueError as exc:
            raise UsageError(error_line(args.command, f"--loss: {exc}")) from None
    try:
        return COMMANDS[args.command](args)
    except weights_io.WeightsError as exc:
        raise UsageError(error_line(args.command, exc)) from None


def main(argv=None) -> int:
    parser = build_parser()
    try:
        status = _run(parser, argv)
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
