#!/usr/bin/env python3
"""A static file server that answers every request after a fixed delay, as a far-away server
does, and counts what a crawler does to it: requests, connections and the most requests in
flight at once. For bench/slow_bench.sh; never part of the tests.

    slow_server.py ROOT PORT DELAY_MS [STATS_FILE [SLOW_FROM SLOW_TO SLOW_MS]]

HTTP/1.1 with keep-alive, GET and HEAD, files under ROOT (a folder URL serves its
index.html). On SIGTERM it writes its counts as JSON to STATS_FILE (or stdout) and exits.
With SLOW_FROM, SLOW_TO and SLOW_MS, requests number SLOW_FROM to SLOW_TO-1 (in the order they
arrive, from 0) answer after SLOW_MS instead: a server that struggles mid-crawl and recovers.
The counts then hold "trace", the requests in flight as each request arrived (itself included).
"""
import asyncio
import json
import mimetypes
import os
import signal
import sys

root, port, delay = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) / 1000.0
stats_file = sys.argv[4] if len(sys.argv) > 4 else None
slow_from, slow_to, slow_delay = (int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]) / 1000.0) if len(sys.argv) > 7 else (0, 0, 0)
stats = {"requests": 0, "connections": 0, "max_in_flight": 0}
trace = []
in_flight = 0


def resolve(path):
    path = path.split("?", 1)[0].split("#", 1)[0]
    local = os.path.normpath(os.path.join(root, path.lstrip("/")))
    if not local.startswith(os.path.normpath(root)):
        return None
    if os.path.isdir(local):
        local = os.path.join(local, "index.html")
    return local if os.path.isfile(local) else None


async def handle(reader, writer):
    global in_flight
    stats["connections"] += 1
    try:
        while True:
            request = await reader.readline()
            if not request:
                break
            headers = {}
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b"\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            parts = request.decode("latin-1").split()
            if len(parts) < 2:
                break
            method, target = parts[0], parts[1]
            number = stats["requests"]
            stats["requests"] += 1
            in_flight += 1
            stats["max_in_flight"] = max(stats["max_in_flight"], in_flight)
            if slow_to:
                trace.append(in_flight)
            try:
                await asyncio.sleep(slow_delay if slow_from <= number < slow_to else delay)
            finally:
                in_flight -= 1
            local = resolve(target)
            if local is None:
                status, body, kind = "404 Not Found", b"<html><body>not found</body></html>", "text/html"
            else:
                with open(local, "rb") as f:
                    body = f.read()
                status, kind = "200 OK", mimetypes.guess_type(local)[0] or "application/octet-stream"
            head = f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
            close = headers.get("connection", "").lower() == "close"
            head += "Connection: close\r\n\r\n" if close else "\r\n"
            writer.write(head.encode("latin-1") + (b"" if method == "HEAD" else body))
            await writer.drain()
            if close:
                break
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with server:
        await stop.wait()
    if slow_to:
        stats["trace"] = trace
    text = json.dumps(stats)
    if stats_file:
        with open(stats_file, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


asyncio.run(main())
