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
import random
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urljoin, urlsplit

from learnlog.config import LinksConfig
from learnlog.links.outcome import Status

if TYPE_CHECKING:
    import aiohttp

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HEAD_REFUSED = frozenset({400, 403, 405, 501})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})


@dataclass(frozen=True)
class UrlVerdict:
    """What checking one URL found; ``code`` and ``message`` say why when it is not OK."""

    url: str
    status: Status
    code: str = ""
    message: str = ""


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
    return f"refused: {reason} (set [tool.learnlog.links] allow_private = true to check it)"


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


def _connection_problem(exc: BaseException) -> str:
    """What went wrong, in words: aiohttp's own text names its TLS context (``ssl:default``)
    even for ``http://`` URLs."""
    import aiohttp

    if isinstance(exc, aiohttp.ClientConnectorError):
        reason = exc.os_error.strerror or str(exc.os_error) if exc.os_error else "no answer"
        return f"cannot connect to {exc.host}:{exc.port}: {reason}"
    return str(exc) or type(exc).__name__


class UrlChecker:
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
        while True:
            host = urlsplit(current).hostname or ""
            reason = self._literal_private_reason(host)
            if reason:
                return UrlVerdict(url, Status.BROKEN, "LL209", refusal(reason))
            status, location, error = await self._request(session, current, host)
            if error is not None:
                code, message = error
                return UrlVerdict(url, Status.BROKEN, code, message)
            assert status is not None
            if status in REDIRECTS and location:
                target = urljoin(current, location)
                if status in PERMANENT and len(seen) == 1:
                    permanent_to = target
                if target in seen:
                    return UrlVerdict(url, Status.BROKEN, "LL207", f"redirect loop: {' -> '.join([*seen, target])}")
                if len(seen) > self.config.max_redirects:
                    return UrlVerdict(url, Status.BROKEN, "LL207", f"more than {self.config.max_redirects} redirects")
                seen.append(target)
                current = target
                continue
            return self._verdict(url, status, permanent_to)

    def _verdict(self, url: str, status: int, moved: str | None) -> UrlVerdict:
        if status in self.config.accept_status or 200 <= status < 300:
            if moved:
                return UrlVerdict(
                    url, Status.REDIRECTED, "LL206", f"permanently redirected; update the link to {moved}"
                )
            return UrlVerdict(url, Status.OK)
        if status in self.config.warn_status:
            message = f"HTTP {status} (accepted as a warning: many sites refuse bots; warn_status)"
            return UrlVerdict(url, Status.WARNED, "LL210", message)
        return UrlVerdict(url, Status.BROKEN, "LL205", f"HTTP {status}")

    def _give_up(self, exc: BaseException, attempt: int) -> tuple[str, str] | None:
        """The (code, message) that ends the tries after ``exc``, or None to try again."""
        import aiohttp

        config = self.config
        if isinstance(exc, TimeoutError):
            if attempt > min(config.retries, 1):
                return "LL208", f"timed out after {config.total_timeout:g} s ({attempt} attempts)"
            return None
        if isinstance(exc, aiohttp.ClientConnectorError) and isinstance(exc.os_error, PrivateAddressError):
            return "LL209", refusal(str(exc.os_error))
        if attempt > config.retries:
            return "LL208", f"connection failed: {_connection_problem(exc)} ({attempt} attempts)"
        return None

    def _backoff(self, attempt: int, retry_after: str | None = None) -> float:
        wait = _retry_after(retry_after, self.config.max_retry_after)
        return wait if wait is not None else self.config.backoff * (2 ** (attempt - 1)) * (1 + random.random() / 4)

    async def _request(
        self, session: aiohttp.ClientSession, url: str, host: str
    ) -> tuple[int | None, str | None, tuple[str, str] | None]:
        """One URL, with retries: (status, Location, (code, message) of an error). HEAD first,
        GET when HEAD is refused; a timeout is retried once at most (a host that hangs would
        otherwise cost minutes)."""
        import aiohttp

        method = "HEAD"
        attempt = 0
        while True:
            attempt += 1
            retry_after: str | None = None
            try:
                async with self.global_limit, self._host_limit(host):
                    async with session.request(method, url, allow_redirects=False) as response:
                        status, headers = response.status, response.headers
                if method == "HEAD" and status in HEAD_REFUSED:
                    method, attempt = "GET", attempt - 1
                    continue
                if status not in RETRY_STATUSES or attempt > self.config.retries:
                    return status, headers.get("Location"), None
                retry_after = headers.get("Retry-After")
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                error = self._give_up(exc, attempt)
                if error is not None:
                    return None, None, error
            await asyncio.sleep(self._backoff(attempt, retry_after))


async def check_urls(
    urls: list[str], config: LinksConfig, progress: Callable[[int, int], None] | None = None
) -> list[UrlVerdict]:
    """Check every URL; the order of the verdicts is the order of ``urls``."""
    import aiohttp

    checker = UrlChecker(config, progress)
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


def periodic_progress(every: float = 10.0, stream: TextIO | None = None) -> Callable[[int, int], None]:
    """A progress line now and then, for logs without a terminal (CI): a long run is not silent."""
    out = stream or sys.stderr
    last = [time.monotonic()]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= every or (done == total and now - last[0] >= every / 2):
            last[0] = now
            out.write(f"learnlog: checked {done} of {total} URLs\n")
            out.flush()

    return show
