"""Shared by the AppTest files: start the page (optionally from a URL query) and check it."""

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from autoencoder.session.session import Session

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def new_app(query: dict | None = None, run: bool = True) -> AppTest:
    """The page in AppTest, with ``query`` as its URL parameters, after its first run."""
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    if run:
        app.run()
        assert_clean(app)
    return app


def assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]


def sess(app) -> Session:
    """The page's Session (the per-browser-session state)."""
    return app.session_state["ae_session"]


def url_params(app) -> dict[str, str]:
    """The URL's parameters as the browser holds them after the last run: the link's, with
    what the stepping view was told to write over them (AppTest runs no JavaScript)."""
    params = {k: v[-1] if isinstance(v, list) else v for k, v in app.query_params.items()}
    for name, value in stepview_data(app)["url"].items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return params


# --- the stepping view (an st.components.v2 component: AppTest runs no JavaScript) ------
STEPVIEW = "autoencoder.stepview"


def stepview_data(app) -> dict:
    """What the page handed the stepping view in its last run."""
    [element] = [e for e in app.get("bidi_component") if e.proto.component_name == STEPVIEW]
    return {"id": element.proto.id, **json.loads(element.proto.json)}


def shown(app) -> dict:
    """The position the view shows when it adopts the server's: its status, panel, ..."""
    data = stepview_data(app)
    [step] = [s for s in data["steps"] if s["id"] == data["current"]]
    return step["positions"][data["phase"]]


def send(app, position=None, trigger=None, held=(), need=None):
    """Run the page as after the browser view set its ``position`` state (absolute:
    step id and phase, and the keys of the prepared steps it ``held``), asked for steps
    it lacks (``need``), or fired ``trigger`` = (event, value)."""
    from streamlit.components.v2.bidi_component.main import _make_trigger_id
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    data = stepview_data(app)
    states = app._tree.get_widget_states()
    state = {}
    if position is not None:
        app.sent = getattr(app, "sent", 0) + 1
        state["position"] = {
            "step": position[0],
            "phase": position[1],
            "seq": app.sent,
            "held": list(held),
        }
    if need is not None:
        state["need"] = {"keys": list(need), "seq": getattr(app, "sent", 0)}
    if state:
        states.widgets.append(WidgetState(id=data["id"], json_value=json.dumps(state)))
    if trigger is not None:
        payload = json.dumps([{"event": trigger[0], "value": trigger[1]}])
        aggregator = _make_trigger_id(data["id"], "events")
        states.widgets.append(WidgetState(id=aggregator, json_trigger_value=payload))
    app._run(widget_state=states)
    assert_clean(app)
    return app


def press(app, key: str):
    """What a press of ``next_phase``, ``prev_phase`` or ``full_step`` in the view sends
    (the same choice the view's JavaScript makes from the steps it holds)."""
    data = stepview_data(app)
    order = [s["id"] for s in data["steps"]]
    here, phase = data["current"], data["phase"]
    i = order.index(here)
    before = order[i - 1] if i > 0 else None
    after = order[i + 1] if i + 1 < len(order) else None
    if key == "next_phase":
        return send(app, (here, phase + 1) if phase < 9 else (after, 1))
    if key == "full_step":
        return send(app, (here, 9) if phase < 9 else (after, 9))
    if phase >= 2 or (phase == 1 and not before):
        return send(app, (here, phase - 1))
    if before:
        return send(app, (before, 9))
    return undo(app)


def undo(app):
    """What the view sends for Undo past a step's start: its running count of such presses."""
    app.undos = getattr(app, "undos", 0) + 1
    return send(app, trigger=("undo", app.undos))


STEPPING = ("next_phase", "prev_phase", "full_step")


def click(app, key: str):
    """Click the control ``key``: a button of the stepping view or a Streamlit button."""
    if key in STEPPING:
        return press(app, key)
    app.button(key=key).click().run()
    assert_clean(app)
    return app


def verdicts(app) -> dict:
    """The report table as {phase: row dict}."""
    tables = [t.value for t in app.table if "verdict" in t.value.columns]
    assert len(tables) == 1, "exactly one verdict table"
    return {row["phase"]: row for _, row in tables[0].iterrows()}


def paste(app, text: str):
    app.text_area(key="check_input").input(text).run()
    assert_clean(app)
