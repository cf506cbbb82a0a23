"""What the stepping view is handed: a pure function of the session, checked against the
core (the same statuses, numbers and step ids as pressing Next phase on a Session)."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autoencoder.figures.layout import WEIGHT_RANGE, weight_colours, weight_scale
from autoencoder.figures.stepview import position_view
from autoencoder.page.stepview_data import step_data, step_list, view_payload
from autoencoder.session.session import Session, Settings, replay_step

LOOK = {"theme": "light", "large": False, "selected": None}


def payload(s: Session, look=LOOK) -> dict:
    steps = [
        step_data(start, counters, settings, look) for start, counters, settings in step_list(s)
    ]
    return view_payload(s, steps, 0, look)


def full_views(step: dict) -> list[dict]:
    views, view = [], {}
    for position in step["positions"]:
        view = {**view, **position["view"]}
        views.append(view)
    return views


@pytest.mark.parametrize("settings", [Settings(), Settings(rule="notebook", momentum=0.5)])
def test_every_position_of_the_steps_at_hand_is_the_cores(settings):
    s = Session(settings)
    for _ in range(12):  # into the second step: previous, current and next are at hand
        s.next_phase()
    data = payload(s)
    assert [st["id"] for st in data["steps"]][1:] == [s.step_id, s.next_step_id()]
    assert data["current"] == s.step_id and data["phase"] == s.step.done == 3
    replay = Session(settings)
    for step in data["steps"]:
        for done, (position, view) in enumerate(zip(step["positions"], full_views(step))):
            if done == 0 and step is not data["steps"][0]:
                continue  # a step entered by Next phase shows its phase 1 after the last
            assert position["status"] == replay.status_text()
            assert view == position_view(replay.step, "light", False)
            assert "<math" in position["panel"] or done == 0
            replay.next_phase()


def test_the_payload_is_a_pure_function_of_the_session():
    s = Session()
    s.go_to(5)
    first, second = payload(s), payload(s)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert len(first["steps"]) == 2  # no previous step reachable by Undo yet
    with_inspector = payload(s, {**LOOK, "selected": "W1[0,2]"})
    assert all("inspector" in p for p in with_inspector["steps"][0]["positions"])


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _hex(colour: str) -> str:
    if colour.startswith("#"):
        return colour
    r, g, b = (round(float(v)) for v in colour[colour.index("(") + 1 : -1].split(",")[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


@pytest.mark.parametrize("theme,background", [("light", "#ffffff"), ("dark", "#0e1117")])
def test_the_widest_edges_keep_3_to_1_contrast_in_both_themes(theme, background):
    for colour in weight_colours([-WEIGHT_RANGE, WEIGHT_RANGE, -9.0, 9.0], weight_scale(theme)):
        assert _contrast(_hex(colour), background) >= 3.0, (theme, colour)


def test_steps_the_browser_holds_are_named_not_sent_again():
    from autoencoder.page.stepview_data import without_held

    s = Session()
    s.go_to(2)
    full = payload(s)
    keys = {step["key"] for step in full["steps"]} | {full["static"]["key"]}
    lean = without_held(full, keys)
    assert all(
        step == {"id": step["id"], "key": step["key"], "held": True} for step in lean["steps"]
    )
    assert lean["static"] == {"key": full["static"]["key"], "held": True}
    assert len(json.dumps(lean)) < 2000 < 100_000 < len(json.dumps(full))
    assert without_held(full, set()) == full
    # another look (a selected element) is another key: sent in full
    other = payload(s, {**LOOK, "selected": "h1"})
    assert not any(step.get("held") for step in without_held(other, keys)["steps"])


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.text(),
        st.lists(st.one_of(st.text(), st.integers(), st.none())),
    )
)
def test_what_the_browser_says_it_holds_is_checked(value):
    from autoencoder.page.stepview_data import read_held, read_position

    held = read_held(value)
    assert isinstance(held, set) and all(isinstance(k, str) and len(k) <= 64 for k in held)
    assert read_position(value) is None or isinstance(value, dict)


def test_positions_stop_before_the_first_that_blows_up():
    from autoencoder.core.model import Params
    from autoencoder.core.phases import start_step
    from autoencoder.core.settings import step_is_sane

    params = Session().params  # an update that runs away: momentum on a huge last update
    huge = Params(*(np.full_like(a, 2e6) for a in params.as_dict().values()))
    setup = Settings(momentum=0.9)
    start = start_step(params, np.eye(8)[0], velocity=huge, **setup.step_settings())
    data = step_data(start, (0, 0, 0), setup, LOOK)
    replayed = [start]
    for _ in range(9):
        replayed.append(replay_step(replayed[-1], 1))
    sane = [step_is_sane(s) for s in replayed]
    assert not all(sane) and len(data["positions"]) == sane.index(False)


def test_steps_that_differ_in_counters_or_training_set_have_different_keys():
    onehot, custom = Session(), Session(Settings(dataset="custom", pattern="10000000"))
    assert onehot.step_id == custom.step_id  # the same start and count...
    keys = {payload(s)["steps"][0]["key"] for s in (onehot, custom)}
    assert len(keys) == 2  # ...but not the same step to show


positions = st.fixed_dictionaries(
    {"step": st.text(max_size=20), "phase": st.integers(-3, 12), "seq": st.integers(-2, 9)},
    optional={"held": st.lists(st.text(max_size=70), max_size=40)},
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(positions, st.dictionaries(st.text(max_size=5), st.integers())))
def test_a_position_from_the_browser_is_read_only_when_well_formed(value):
    from autoencoder.page.stepview_data import read_held, read_position

    read = read_position(value)
    if read is not None:
        step, phase, seq = read
        assert len(step) == 16 and 0 <= phase <= 9 and seq >= 0
    assert all(len(k) <= 64 for k in read_held(value.get("held")))


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_an_update_phases_edge_labels_are_the_change_the_panel_prints(momentum):
    """At update_output and update_hidden the edges show ΔW, the change applied (η a·δ, with
    momentum μ v + η a·δ): the panel's ΔW, not the update direction a·δ alone."""
    from autoencoder.core.model import init_params
    from autoencoder.core.phases import advance, finish_step, start_step
    from autoencoder.io.numbers import label_number

    x = np.eye(8)[2]
    velocity = None
    if momentum:  # a previous step's velocity, so that μ v is not zero
        velocity = finish_step(start_step(init_params(1), x, lr=2.0, momentum=momentum)).velocity
    step = start_step(init_params(1), x, lr=2.0, momentum=momentum, velocity=velocity)
    step = advance(step, 8)  # through update_output
    view = position_view(step)
    assert view["edge_text"][24:] == [label_number(v) for v in step.velocity.W2.ravel()]
    plain = label_number(step.lr * np.outer(step.hidden_a, step.output_delta)[0, 0])
    assert (view["edge_text"][24] == plain) == (momentum == 0)
    assert ("μ v" in view["key"][0]) == bool(momentum)
