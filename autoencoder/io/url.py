"""A state in the page's URL: short query parameters, exact to the last bit.

``encode(state, recipe)`` gives the query parameters; ``decode(query)`` reads them back
into a :class:`Link` (a state, or a short link's settings and recipe to replay). Making a
session of it is :mod:`autoencoder.session.transfer`'s job. Parameters::

    lr, momentum, seed, rule, activation, dataset, pattern, loss   the settings, readable
          (loss is written only when it is not the default squared error)
    mode  online (the default, not written) or batch: one step on the whole set, an epoch
    p     the 59 start-of-step parameters: float64 little-endian, urlsafe base64 (630 chars)
    v     their velocity, the same way (only when momentum > 0)
    pos   done.step.epoch.example   phases done in the step in progress, and the counters
    el    the loss summed so far in the current epoch (shortest exact decimal)
    l     the last epochs' summed losses, float64 base64 (the loss curve's tail)
    go    how the state was reached from the seed, when only by stepping and training
          (:mod:`autoencoder.io.recipe`); alone, without ``p``, it is the short link
          (:mod:`autoencoder.session.shortlink`), replayed from the seed

Floats are written so that they read back bit for bit (``repr``). A missing parameter
takes its default (an empty query is a fresh default session); unknown ones are ignored.
Anything else that is wrong raises :class:`StateError` naming the parameter; values are
length-checked before they are decoded, and only finite numbers within ``MAX_ABS`` and
settings within ``LIMITS`` are accepted.
"""

import base64
import binascii
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from autoencoder.core.model import N_PARAMS, Params, init_params
from autoencoder.core.settings import FLOAT_SETTINGS, SETTING_NAMES, Settings, State, StateError
from autoencoder.io import recipe as recipes

URL_LOSSES = 100  # epochs of the loss curve that encode() puts in the URL
MAX_URL_LOSSES = 1000  # the most decode() accepts
_PARAMS_CHARS = math.ceil(N_PARAMS * 8 * 4 / 3)  # 630
MAX_VALUE_CHARS = math.ceil(MAX_URL_LOSSES * 8 * 4 / 3)
ADDED_LATER = ("loss", "mode")  # settings a link carries only when they are not the default
KEYS = (*SETTING_NAMES, "p", "v", "pos", "el", "l", "go")  # every query parameter this module owns
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?", re.ASCII)
_INTEGER = re.compile(r"\d{1,13}", re.ASCII)  # ASCII: no fullwidth or other Unicode digits
_BASE64 = re.compile(r"[A-Za-z0-9_-]*")


def _b64(values) -> str:
    raw = np.asarray(values, dtype="<f8").tobytes()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _floats_from_b64(name: str, text: str) -> np.ndarray:
    if not _BASE64.fullmatch(text) or len(text) % 4 == 1:
        raise StateError(f"URL parameter {name!r}: not urlsafe base64")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise StateError(f"URL parameter {name!r}: not urlsafe base64") from None
    if len(raw) % 8:
        raise StateError(f"URL parameter {name!r}: not a whole number of float64 values")
    return np.frombuffer(raw, dtype="<f8").astype(float)


def _params_from_b64(name: str, text: str) -> Params:
    if len(text) != _PARAMS_CHARS:
        raise StateError(f"URL parameter {name!r}: expected {_PARAMS_CHARS} characters")
    values = _floats_from_b64(name, text)
    return Params.from_flat(values)


def _float(name: str, text: str) -> float:
    if len(text) > 40 or not _NUMBER.fullmatch(text):
        raise StateError(f"URL parameter {name!r}: {text[:40]!r} is not a number")
    value = float(text)
    if not math.isfinite(value):
        raise StateError(f"URL parameter {name!r}: {text[:40]!r} is not a finite number")
    return value


def _int(name: str, text: str) -> int:
    if not _INTEGER.fullmatch(text):
        raise StateError(f"URL parameter {name!r}: {text[:40]!r} is not a whole number")
    return int(text)


def encode(state: State, recipe: str | None = None) -> dict[str, str]:
    """The query parameters that :func:`decode` reads back as this state (and ``recipe``,
    the text of how it was reached, when there is one that fits a link)."""
    query = {}
    for name in SETTING_NAMES:
        value = getattr(state.settings, name)
        if name in ADDED_LATER and value == getattr(Settings, name):
            continue  # the default, not written: links made before it look the same
        query[name] = repr(float(value)) if name in FLOAT_SETTINGS else str(value)
    query["p"] = _b64(state.params.flat())
    query["pos"] = f"{state.done}.{state.step_count}.{state.epoch}.{state.example}"
    query["el"] = repr(float(state.epoch_loss))
    if state.velocity is not None:
        query["v"] = _b64(state.velocity.flat())
    if state.losses:
        query["l"] = _b64(state.losses)
    if recipe is not None:
        query["go"] = recipe
    return query


def _single(query: Mapping, name: str) -> str | None:
    """The value of ``name`` (the last one if repeated), None if absent, length-checked."""
    try:
        value = query.get(name)
    except Exception:  # a mapping that cannot even be read is not a URL we can use
        raise StateError("the URL's query could not be read") from None
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    if value is None:
        return None
    if not isinstance(value, str):
        raise StateError(f"URL parameter {name!r}: expected text")
    if len(value) > MAX_VALUE_CHARS:
        raise StateError(f"URL parameter {name!r}: longer than {MAX_VALUE_CHARS} characters")
    return value


@dataclass(frozen=True)
class Link:
    """What a URL names: a state (``state``; its parts are checked when a session is made
    of it), or, for the short link, only ``settings`` and the ``recipe`` to replay from the
    seed (``state`` None). ``recipe``: how the state was reached, unchecked, or None."""

    settings: Settings
    state: State | None
    recipe: recipes.Recipe | None


def decode(query: Mapping) -> Link:
    """The link in query parameters (values str or lists of str, as
    ``st.query_params.to_dict()`` or a ``get_all`` mapping gives them).

    StateError, a ValueError with a one-line message naming the parameter, if any known
    parameter is not usable. Nothing else is raised, and nothing outside is changed.
    """
    if not isinstance(query, Mapping):
        raise StateError("the URL's query could not be read")
    values = {name: _single(query, name) for name in KEYS}
    defaults = Settings()
    settings = {}
    for name in SETTING_NAMES:
        text = values[name]
        if text is None:  # not in the link (older links have no loss or mode)
            settings[name] = getattr(defaults, name)
        elif name in FLOAT_SETTINGS:
            settings[name] = _float(name, text)
        elif name == "seed":
            settings[name] = _int(name, text)
        else:
            settings[name] = text
    settings = Settings(**settings)
    recipe = None
    if values["go"] is not None:
        try:
            recipe = recipes.parse(values["go"])
        except ValueError as exc:
            raise StateError(f"URL parameter 'go': {exc}") from None
        if values["p"] is None:  # the short link: replayed from the seed
            return Link(settings, None, recipe)
    done = step_count = epoch = example = 0
    if values["pos"] is not None:
        parts = values["pos"].split(".")
        if len(parts) != 4:
            raise StateError("URL parameter 'pos': expected done.step.epoch.example")
        done, step_count, epoch, example = (_int("pos", part) for part in parts)
    if values["p"] is None:
        params = None
    else:
        params = _params_from_b64("p", values["p"])
    velocity = None
    if values["v"] is not None and settings.momentum != 0:  # v is unused without momentum
        velocity = _params_from_b64("v", values["v"])
    epoch_loss = 0.0 if values["el"] is None else _float("el", values["el"])
    losses = () if values["l"] is None else tuple(_floats_from_b64("l", values["l"]).tolist())
    if len(losses) > MAX_URL_LOSSES:
        raise StateError(f"URL parameter 'l': more than {MAX_URL_LOSSES} losses")
    if params is None and recipe is None:  # the seed's network: the phases done name it
        recipe = recipes.add_phases(recipes.Recipe(checked=False), done)
    if params is None:  # no network in the URL: the seed's fresh one
        seed = settings.seed
        if isinstance(seed, int) and 0 <= seed < 2**32:
            params = init_params(seed)
        else:
            params = init_params(0)  # the seed is rejected by the check below
    state = State(settings, params, velocity, done, step_count, epoch, example, epoch_loss, losses)
    return Link(settings, state, recipe)


def url_name(message: str) -> str:
    """'parameters: ...' -> "'p': ..." (the URL's names for the parts of a State)."""
    name, _, why = message.partition(": ")
    url = {"parameters": "p", "velocity": "v", "done": "pos", "step": "pos", "epoch": "pos"}
    url.update({"example": "pos", "losses": "l", "epoch_loss": "el"})
    return f"{url.get(name, name)!r}: {why}"
