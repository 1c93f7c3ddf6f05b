"""A real aiohttp server on 127.0.0.1 that misbehaves in every way a link checker meets."""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiohttp import web

HUGE_BYTES = 200 * 1024 * 1024


@dataclass
class Loopback:
    base: str
    reset_url: str
    hits: Counter[str] = field(default_factory=Counter)
    huge_bytes_sent: int = 0


def _app(state: Loopback) -> web.Application:
    async def count(request: web.Request) -> None:
        state.hits[request.path] += 1
        state.hits[f"{request.method} {request.path}"] += 1

    async def ok(request: web.Request) -> web.StreamResponse:
        await count(request)
        return web.Response(text="ok")

    async def status(request: web.Request) -> web.StreamResponse:
        await count(request)
        return web.Response(status=int(request.match_info["code"]))

    async def moved(request: web.Request) -> web.StreamResponse:
        await count(request)
        raise web.HTTPMovedPermanently("/ok")

    async def loop_a(request: web.Request) -> web.StreamResponse:
        await count(request)
        raise web.HTTPFound("/loop-b")

    async def loop_b(request: web.Request) -> web.StreamResponse:
        await count(request)
        raise web.HTTPFound("/loop-a")

    async def once_then_ok(request: web.Request) -> web.StreamResponse:
        await count(request)
        first = state.hits[request.path] == 1
        kind = request.match_info["kind"]
        if first and kind == "ratelimited":
            return web.Response(status=429, headers={"Retry-After": "1"})
        if first and kind == "flaky":
            return web.Response(status=503)
        return web.Response(text="ok")

    async def no_head(request: web.Request) -> web.StreamResponse:
        await count(request)
        if request.method == "HEAD":
            return web.Response(status=405)
        return web.Response(text="ok")

    async def hang(request: web.Request) -> web.StreamResponse:
        await count(request)
        await asyncio.sleep(3600)
        return web.Response(text="late")

    async def huge(request: web.Request) -> web.StreamResponse:
        await count(request)
        if request.method == "HEAD":
            return web.Response(status=405)
        response = web.StreamResponse(headers={"Content-Length": str(HUGE_BYTES)})
        await response.prepare(request)
        chunk = b"x" * 65536
        try:
            while state.huge_bytes_sent < HUGE_BYTES:
                await response.write(chunk)
                state.huge_bytes_sent += len(chunk)
        except (ConnectionResetError, ConnectionError):
            pass
        return response

    app = web.Application()
    app.router.add_route("*", "/ok", ok)
    app.router.add_route("*", "/status/{code}", status)
    app.router.add_route("*", "/moved", moved)
    app.router.add_route("*", "/loop-a", loop_a)
    app.router.add_route("*", "/loop-b", loop_b)
    app.router.add_route("*", "/once/{kind}", once_then_ok)
    app.router.add_route("*", "/nohead", no_head)
    app.router.add_route("*", "/hang", hang)
    app.router.add_route("*", "/huge", huge)
    app.router.add_route("*", "/page/{n}", ok)
    return app


async def _reset_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


@contextmanager
def loopback_server() -> Iterator[Loopback]:
    """Serve on two ephemeral 127.0.0.1 ports (HTTP, and one that resets connections)."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict[str, object] = {}

    async def start() -> None:
        state = Loopback("", "")
        runner = web.AppRunner(_app(state), shutdown_timeout=0.1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        reset = await asyncio.start_server(_reset_connection, "127.0.0.1", 0)
        reset_port = reset.sockets[0].getsockname()[1]
        state.base = f"http://127.0.0.1:{port}"
        state.reset_url = f"http://127.0.0.1:{reset_port}/reset"
        holder.update(state=state, runner=runner, reset=reset)
        ready.set()

    thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()), daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield holder["state"]  # type: ignore[misc]
    finally:

        async def stop() -> None:
            holder["reset"].close()  # type: ignore[attr-defined]
            await holder["runner"].cleanup()  # type: ignore[attr-defined]
            # handlers still waiting (the /hang route) are cancelled, not left to be destroyed
            pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
