"""The command line's arguments (``python -m autoencoder COMMAND [options]``, see cli.py):
the parser, the checks argparse cannot make, and the one-line usage errors.

Every bad argument raises UsageError with one line in argparse's form, the command named:
``autoencoder COMMAND: error: MESSAGE``.
"""

import argparse
import sys

import numpy as np

from autoencoder.core.activations import ACTIVATIONS
from autoencoder.core.losses import LOSS_NAMES, check_loss
from autoencoder.core.model import parse_bits, patterns_for
from autoencoder.core.phases import MODES
from autoencoder.core.rules import DEFAULT_ACTIVATION, RULES
from autoencoder.core.training import DEFAULTS

PROG = "python -m autoencoder"  # how the usage lines say to run it
NAME = "autoencoder"  # how the error lines name it
DEFAULT_EPOCHS = 1000
COMMAND_LINES = {
    "notebook": "replay the class notebook's worked example phase by phase",
    "step": "one training step on one example from a weights file",
    "train": "train a fresh network from a seed",
    "gradcheck": "the exact rule's gradient vs central finite differences",
    "check": "check a student's arrays (a check JSON or a notebook's printed text)",
}


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
    _step_options(add("step"))
    _train_options(add("train"))
    _gradcheck_options(add("gradcheck"))
    _check_options(add("check"))
    return parser


def _step_options(p):
    p.add_argument("--weights", required=True, help="weights JSON file")
    p.add_argument("--input", required=True, type=_bits, help="8 bits, e.g. 11011101")
    _rule_options(p, 0.1)


def _train_options(p):
    p.add_argument("--patterns", default="onehot", help="onehot, notebook or BITS,BITS,...")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--epochs", type=_count, help=f"number of epochs (default {DEFAULT_EPOCHS})")
    group.add_argument("--until-learned", action="store_true")
    p.add_argument("--seed", type=_count, default=0)
    p.add_argument("--momentum", type=_finite, default=DEFAULTS["momentum"])
    p.add_argument("--mode", choices=list(MODES), default=DEFAULTS["mode"])
    _rule_options(p, DEFAULTS["lr"])


def _gradcheck_options(p):
    p.add_argument("--weights", required=True)
    p.add_argument("--input", required=True, type=_bits)
    p.add_argument("--activation", choices=list(ACTIVATIONS))
    _loss_option(p)


def _check_options(p):
    p.add_argument("file", help="a check JSON file or a notebook's printed text")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _rule_options(p, lr):
    p.add_argument("--lr", type=_finite, default=lr, help=f"learning rate (default {lr})")
    p.add_argument("--rule", choices=list(RULES), default="exact")
    p.add_argument(
        "--activation",
        choices=list(ACTIVATIONS),
        help="default: sigmoid for the exact rule, shifted-sigmoid for the notebook rule",
    )
    _loss_option(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _loss_option(p):
    p.add_argument(
        "--loss",
        choices=list(LOSS_NAMES),
        default="squared",
        help="squared (default, the notebook's) or cross-entropy (sigmoid outputs only)",
    )


def parse_args(argv) -> argparse.Namespace:
    """The arguments of ``argv`` (None: sys.argv), checked; UsageError if they are bad. No
    command at all prints the help on stderr first."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        print(parser.format_help(), file=sys.stderr)
        raise UsageError(error_line(None, "no command given: choose one of the commands above"))
    if args.command == "train":
        _check_train(args)
    if args.command in ("step", "train", "gradcheck"):
        try:
            check_loss(args.loss, activation(args))
        except ValueError as exc:
            raise UsageError(error_line(args.command, f"--loss: {exc}")) from None
    return args


def _check_train(args):
    if args.epochs is None and not args.until_learned:
        args.epochs = DEFAULT_EPOCHS
    try:
        patterns_for(args.patterns)
    except ValueError as exc:
        raise UsageError(error_line("train", f"--patterns: {exc}")) from None
    if not 0 <= args.momentum < 1:
        raise UsageError(error_line("train", "--momentum must be in [0, 1)"))


def activation(args) -> str:
    """The activation asked for, or the default: the rule's (step, train), or sigmoid
    (gradcheck: the exact rule's gradient)."""
    if args.activation:
        return args.activation
    return "sigmoid" if args.command == "gradcheck" else DEFAULT_ACTIVATION[args.rule]


def rule_settings(args) -> dict:
    """The keyword settings of a step or a training run: lr, rule, activation, loss."""
    return {"lr": args.lr, "rule": args.rule, "activation": activation(args), "loss": args.loss}
