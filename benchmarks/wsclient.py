"""A minimal Streamlit client over the websocket protocol: load generation for benchmarks.

A headless browser costs far more CPU than the server it loads; this client speaks the
page's own protocol (protobuf BackMsg / ForwardMsg on `/_stcore/stream`), so many sessions
can click "next phase" from one core. It clicks as the browser does: the button's trigger
value, within its fragment when it is in one.
"""

import asyncio
import json
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


STEPVIEW = "autoencoder.stepview"


class StreamlitSession:
    """One browser-like session: connect, run the page, click a button by its key."""

    def __init__(self, url: str, button_key: str = "next_phase"):
        self.ws_url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.button_key = button_key
        self.button_id = self.fragment_id = None
        self.view = None  # the stepping view's data, on the app
        self.sent = 0
        self.page_hash = ""
        self.ws = None

    async def __aenter__(self):
        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], max_size=None, compression=None
        )
        await self._run(ClientState(query_string="", page_script_hash=""))
        if self.button_id is None:
            raise RuntimeError(f"no button with key {self.button_key!r} on the page")
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def click(self) -> float:
        """Click the button (or, on the app, press Next phase in the stepping view: its
        absolute position message); seconds until the server finished the rerun."""
        state = ClientState(page_script_hash=self.page_hash, fragment_id=self.fragment_id or "")
        if self.view is None:
            widget = WidgetState(id=self.button_id, trigger_value=True)
        else:
            widget = WidgetState(id=self.button_id, json_value=json.dumps(self._next_position()))
        state.widget_states.widgets.append(widget)
        start = time.perf_counter()
        await self._run(state)
        return time.perf_counter() - start

    async def _run(self, state: ClientState):
        back = BackMsg()
        back.rerun_script.CopyFrom(state)
        await self.ws.send(back.SerializeToString())
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                if element.WhichOneof("type") == "button":
                    if element.button.id.endswith(f"-{self.button_key}"):
                        self.button_id = element.button.id
                        self.fragment_id = msg.delta.fragment_id or None
                elif element.WhichOneof("type") == "bidi_component":
                    if element.bidi_component.component_name == STEPVIEW:
                        self.button_id = element.bidi_component.id
                        self.view = json.loads(element.bidi_component.json)
                        self.fragment_id = msg.delta.fragment_id or None
            elif kind == "script_finished":
                if msg.script_finished in FINISHED:
                    return
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("the page did not compile")

    def _next_position(self) -> dict:
        """What the view sends for Next phase: the step in progress at the next phase, or
        the next step's first phase."""
        data, order = self.view, [s["id"] for s in self.view["steps"]]
        here, phase = data["current"], data["phase"]
        self.sent += 1
        if phase < 9:
            return {"position": {"step": here, "phase": phase + 1, "seq": self.sent}}
        after = order[order.index(here) + 1]
        return {"position": {"step": after, "phase": 1, "seq": self.sent}}


async def click_for(url: str, seconds: float) -> list[float]:
    """One session clicking as fast as the server answers, for ``seconds``."""
    async with StreamlitSession(url) as session:
        stop = time.monotonic() + seconds
        latencies = []
        while time.monotonic() < stop:
            latencies.append(await session.click())
        return latencies


async def load(url: str, sessions: int, seconds: float) -> list[float]:
    results = await asyncio.gather(*(click_for(url, seconds) for _ in range(sessions)))
    return [t for r in results for t in r]
