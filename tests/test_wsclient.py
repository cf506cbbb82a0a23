"""The benchmarks' protocol client still speaks to the page: it finds the button and its
fragment, and each click is a fragment rerun that finishes."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from benchmarks.wsclient import StreamlitSession


def test_protocol_client_clicks_next_phase(app_url):
    async def three_clicks():
        async with StreamlitSession(app_url) as session:
            assert session.view is not None and session.button_id.endswith("-stepview")
            assert session.fragment_id  # the stepping area is a fragment
            latencies = [await session.click() for _ in range(3)]
            assert session.view["phase"] == 3  # the server applied each position
            return latencies

    # in a thread of its own: Playwright's sync API keeps an event loop running in this one
    with ThreadPoolExecutor(1) as pool:
        latencies = pool.submit(asyncio.run, three_clicks()).result()
    assert len(latencies) == 3 and all(t > 0 for t in latencies)
