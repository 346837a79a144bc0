"""A bounded load test: N clients request one URL over and over for S seconds, then it stops by itself.

    python -m rashomon.web.load --url http://127.0.0.1:8000/stories/ID --clients 50 --seconds 30

Each client is a thread with one keep-alive connection (as a browser tab would hold). Prints one JSON line:
requests/s, p50/p99/max latency in milliseconds and the error count (any status but 200, or a failed
connection). The clients run on the same machine as the server and take CPU from it, so figures are a
floor for what the server alone could do.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

TIMEOUT_S = 15.0


@dataclass
class ClientTally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    bytes: int = 0
    first_error: str | None = None


def run_load(url: str, clients: int, seconds: float) -> dict[str, object]:
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise SystemExit(f"load: {url!r} is not an http:// URL")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    tallies = [ClientTally() for _ in range(clients)]
    start = time.perf_counter()
    deadline = start + seconds
    threads = [
        threading.Thread(
            target=_client, args=(parts.hostname, parts.port or 80, path, deadline, tally), daemon=True
        )
        for tally in tallies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + TIMEOUT_S + 5)
    elapsed = time.perf_counter() - start
    return _summary(url, clients, elapsed, tallies)


def _client(host: str, port: int, path: str, deadline: float, tally: ClientTally) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_S)
    while time.perf_counter() < deadline:
        sent = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept": "text/html"})
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as error:
            tally.errors += 1
            tally.first_error = tally.first_error or f"{type(error).__name__}: {error}"
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_S)
            continue
        tally.latencies.append(time.perf_counter() - sent)
        tally.bytes += len(body)
        if response.status != 200:
            tally.errors += 1
            tally.first_error = tally.first_error or f"HTTP {response.status}"
    connection.close()


def _summary(url: str, clients: int, elapsed: float, tallies: list[ClientTally]) -> dict[str, object]:
    latencies = sorted(latency for tally in tallies for latency in tally.latencies)
    errors = sum(tally.errors for tally in tallies)
    return {
        "url": url,
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": _percentile_ms(latencies, 0.50),
        "p99_ms": _percentile_ms(latencies, 0.99),
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "errors": errors,
        "first_error": next((t.first_error for t in tallies if t.first_error), None),
        "mb_received": round(sum(tally.bytes for tally in tallies) / 1e6, 1),
    }


def _percentile_ms(ordered: list[float], share: float) -> float | None:
    if not ordered:
        return None
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rashomon.web.load", description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the page to request, e.g. a story page")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to run (default 30)")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 1000 or not 0 < args.seconds <= 3600:
        parser.error("--clients must be 1-1000 and --seconds 0-3600")
    result = run_load(args.url, args.clients, args.seconds)
    print(json.dumps(result))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
