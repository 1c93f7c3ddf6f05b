"""A real aiohttp server on 127.0.0.1 whose ``/chain/{n}`` redirects n times before a 200.

tests/loopback.py has one redirect (``/moved``) and a loop; a chain of any length needs its own
route, served the same way (a thread running its own event loop)."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class ChainServer:
    base: str = ""
    hits: Counter[str] = field(default_factory=Counter)

    def chain(self, redirects: int) -> str:
        """A URL that answers 302 ``redirects`` times, then 200."""
        return f"{self.base}/chain/{redirects}"


def _app(state: ChainServer) -> web.Application:
    async def chain(request: web.Request) -> web.StreamResponse:
        state.hits[request.path] += 1
        left = int(request.match_info["n"])
        if left == 0:
            return web.Response(text="arrived")
        raise web.HTTPFound(f"/chain/{left - 1}")

    app = web.Application()
    app.router.add_route("*", "/chain/{n:\\d+}", chain)
    return app


@contextmanager
def chain_server() -> Iterator[ChainServer]:
    loop = asyncio.new_event_loop()
    state = ChainServer()
    runner = web.AppRunner(_app(state), shutdown_timeout=0.1)

    async def start() -> None:
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        state.base = f"http://127.0.0.1:{runner.addresses[0][1]}"

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop).result(10)
    try:
        yield state
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
