"""External links (LL205-LL210): concurrent, polite, cached checks over aiohttp.

Every URL gets a verdict; none is dropped. HEAD first, GET when HEAD is refused, and never a
body read beyond the headers. 429 and 5xx and connection errors are retried with backoff and
``Retry-After`` (capped); redirects are followed by hand so loops, chains that are too long
and permanent moves can be reported. Requests to private, loopback and link-local addresses
are refused unless ``allow_private`` is set.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import random
import socket
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urljoin, urlsplit

from learnlog.config import LinksConfig

if TYPE_CHECKING:
    import aiohttp

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HEAD_REFUSED = frozenset({400, 403, 405, 501})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})


@dataclass(frozen=True)
class UrlVerdict:
    """What checking one URL found. ``level`` is ok, warning or error."""

    url: str
    level: str
    code: str = ""
    message: str = ""
    status: int | None = None
    final_url: str | None = None
    attempts: int = 1
    cached: bool = False


class LinkCache:
    """URLs found OK recently, so a re-run within the TTL sends no request for them."""

    def __init__(self, path: Path | None, ttl_hours: float) -> None:
        self.path = path
        self.ttl = ttl_hours * 3600
        self.entries: dict[str, float] = {}
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.entries = {str(k): float(v) for k, v in data.get("ok", {}).items()}
            except (ValueError, OSError, AttributeError):
                self.entries = {}

    def fresh(self, url: str, now: float) -> bool:
        checked = self.entries.get(url)
        return checked is not None and now - checked < self.ttl

    def record(self, verdicts: Iterable[UrlVerdict], now: float) -> None:
        for verdict in verdicts:
            if verdict.cached:
                continue
            if verdict.level == "ok":
                self.entries[verdict.url] = now
            else:
                self.entries.pop(verdict.url, None)

    def save(self) -> None:
        if self.path is None:
            return
        from learnlog.textfiles import write_cache

        payload = {"version": 1, "ok": dict(sorted(self.entries.items()))}
        write_cache(self.path, (json.dumps(payload, indent=1) + "\n").encode("utf-8"))


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError):
            return None
    return max(0.0, min(seconds, cap))


class PrivateAddressError(OSError):
    """A name resolved to an address learnlog will not contact."""


def private_reason(host: str, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
        if host == str(address):
            return f"{address} is a private or loopback address"
        return f"{host} resolves to {address}, a private or loopback address"
    return None


def refusal(reason: str) -> str:
    return f"refused: {reason} (set allow_private to check it)"


def public_only_resolver() -> aiohttp.abc.AbstractResolver:
    """aiohttp's own resolver, refusing private answers: the address checked is the address
    connected to, so a name cannot answer differently to a second lookup (DNS rebinding)."""
    import aiohttp
    from aiohttp.abc import AbstractResolver, ResolveResult

    class PublicOnlyResolver(AbstractResolver):
        def __init__(self) -> None:
            self._inner = aiohttp.DefaultResolver()

        async def resolve(
            self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
        ) -> list[ResolveResult]:
            answers = await self._inner.resolve(host, port, family)
            for answer in answers:
                reason = private_reason(host, ipaddress.ip_address(answer["host"]))
                if reason:
                    raise PrivateAddressError(reason)
            return answers

        async def close(self) -> None:
            await self._inner.close()

    return PublicOnlyResolver()


class Checker:
    """Checks many URLs with a global and a per-host limit."""

    def __init__(self, config: LinksConfig, progress: Callable[[int, int], None] | None = None) -> None:
        self.config = config
        self.global_limit = asyncio.Semaphore(config.concurrency)
        self.host_limits: dict[str, asyncio.Semaphore] = {}
        self.progress = progress
        self.done = 0
        self.total = 0

    def _host_limit(self, host: str) -> asyncio.Semaphore:
        if host not in self.host_limits:
            self.host_limits[host] = asyncio.Semaphore(self.config.per_host)
        return self.host_limits[host]

    def _literal_private_reason(self, host: str) -> str | None:
        """Why an IP-literal host must not be contacted, or None. (aiohttp does not resolve
        literals, so they are checked here; names are checked by the resolver.)"""
        if self.config.allow_private:
            return None
        try:
            address = ipaddress.ip_address(host)  # urlsplit's hostname has no [brackets]
        except ValueError:
            return None
        return private_reason(host, address)

    async def check(self, session: aiohttp.ClientSession, url: str) -> UrlVerdict:
        try:
            return await self._check(session, url)
        finally:
            self.done += 1
            if self.progress is not None:
                self.progress(self.done, self.total)

    async def _check(self, session: aiohttp.ClientSession, url: str) -> UrlVerdict:

        seen: list[str] = [url]
        current = url
        permanent_to: str | None = None
        attempts = 0
        while True:
            host = urlsplit(current).hostname or ""
            reason = self._literal_private_reason(host)
            if reason:
                return UrlVerdict(url, "error", "LL209", refusal(reason))
            status, location, tries, error = await self._request(session, current, host)
            attempts += tries
            if error is not None:
                code, message = error
                return UrlVerdict(url, "error", code, message, attempts=attempts)
            assert status is not None
            if status in REDIRECTS and location:
                target = urljoin(current, location)
                if status in PERMANENT and len(seen) == 1:
                    permanent_to = target
                if target in seen:
                    return UrlVerdict(
                        url,
                        "error",
                        "LL207",
                        f"redirect loop: {' -> '.join([*seen, target])}",
                        status,
                        attempts=attempts,
                    )
                if len(seen) > self.config.max_redirects:
                    return UrlVerdict(
                        url,
                        "error",
                        "LL207",
                        f"more than {self.config.max_redirects} redirects",
                        status,
                        attempts=attempts,
                    )
                seen.append(target)
                current = target
                continue
            return self._verdict(url, status, current, permanent_to, attempts)

    def _verdict(self, url: str, status: int, final: str, moved: str | None, attempts: int) -> UrlVerdict:
        if status in self.config.accept_status or 200 <= status < 300:
            if moved:
                return UrlVerdict(
                    url,
                    "warning",
                    "LL206",
                    f"permanently redirected; update the link to {moved}",
                    status,
                    final,
                    attempts,
                )
            return UrlVerdict(url, "ok", status=status, final_url=final, attempts=attempts)
        if status in self.config.warn_status:
            return UrlVerdict(
                url,
                "warning",
                "LL210",
                f"HTTP {status} (accepted as a warning: many sites refuse bots)",
                status,
                final,
                attempts,
            )
        return UrlVerdict(url, "error", "LL205", f"HTTP {status}", status, final, attempts)

    async def _request(
        self, session: aiohttp.ClientSession, url: str, host: str
    ) -> tuple[int | None, str | None, int, tuple[str, str] | None]:
        """One URL, with retries: (status, Location, attempts, (code, message) of an error)."""
        import aiohttp

        config = self.config
        method = "HEAD"
        attempt = 0
        while True:
            attempt += 1
            wait: float | None = None
            try:
                async with self.global_limit, self._host_limit(host):
                    async with session.request(method, url, allow_redirects=False) as response:
                        status = response.status
                        location = response.headers.get("Location")
                        retry_after = response.headers.get("Retry-After")
                if method == "HEAD" and status in HEAD_REFUSED:
                    method = "GET"
                    attempt -= 1
                    continue
                if status in RETRY_STATUSES and attempt <= config.retries:
                    wait = _retry_after(retry_after, config.max_retry_after)
                    if wait is None:
                        wait = config.backoff * (2 ** (attempt - 1)) * (1 + random.random() / 4)
                else:
                    return status, location, attempt, None
            except TimeoutError:
                if attempt > config.retries:
                    timed_out = f"timed out after {config.total_timeout:g} s ({attempt} attempts)"
                    return None, None, attempt, ("LL208", timed_out)
            except aiohttp.ClientConnectorError as exc:
                if isinstance(exc.os_error, PrivateAddressError):
                    return None, None, attempt, ("LL209", refusal(str(exc.os_error)))
                if attempt > config.retries:
                    return None, None, attempt, ("LL208", f"connection failed: {exc} ({attempt} attempts)")
            except (aiohttp.ClientError, OSError) as exc:
                if attempt > config.retries:
                    detail = str(exc) or type(exc).__name__
                    return None, None, attempt, ("LL208", f"connection failed: {detail} ({attempt} attempts)")
            await asyncio.sleep(wait if wait is not None else config.backoff * (2 ** (attempt - 1)))


async def check_urls(
    urls: list[str], config: LinksConfig, progress: Callable[[int, int], None] | None = None
) -> list[UrlVerdict]:
    """Check every URL; the order of the verdicts is the order of ``urls``."""
    import aiohttp

    checker = Checker(config, progress)
    checker.total = len(urls)
    timeout = aiohttp.ClientTimeout(total=config.total_timeout, sock_connect=config.connect_timeout)
    connector = aiohttp.TCPConnector(
        limit=config.concurrency,
        limit_per_host=config.per_host,
        ttl_dns_cache=300,
        resolver=None if config.allow_private else public_only_resolver(),
    )
    headers = {"User-Agent": config.user_agent, "Accept": "*/*"}
    async with aiohttp.ClientSession(
        timeout=timeout, connector=connector, headers=headers, auto_decompress=False
    ) as session:
        return list(await asyncio.gather(*(checker.check(session, url) for url in urls)))


def terminal_progress(stream: TextIO | None = None) -> Callable[[int, int], None]:
    """A one-line progress bar on stderr (used only when stderr is a terminal)."""
    out = stream or sys.stderr

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            out.write("\n")
        out.flush()

    return show
