#!/usr/bin/env python3
"""What starting a browser to check a page costs, two ways, interleaved (medians in ms):
  pipe   devskyy's way: Chromium with --remote-debugging-pipe (the DevTools protocol on fds 3 and 4),
         timed to its first answer, then to a page loaded in a new target;
  driver WebDriver: chromedriver started, a session with webSocketUrl (WebDriver BiDi) created,
         then the same page loaded (what Selenium and other WebDriver clients do underneath).
Usage: startup.py ROUNDS CHROMIUM [CHROMEDRIVER]"""
import json, os, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

PAGE = "data:text/html,<p>hi"
FLAGS = ["--headless", "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync"] + (["--no-sandbox"] if os.geteuid() == 0 else [])


def pipe_run(chromium):
    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    start = time.monotonic()
    browser = subprocess.Popen(["/bin/sh", "-c", 'exec "$@" 3<&0 4>&1 </dev/null >/dev/null 2>&1', "sh", chromium,
                                "--remote-debugging-pipe", "--user-data-dir=" + profile, *FLAGS, "about:blank"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    pending = b""

    def send(ident, method, params=None, session=None):
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        browser.stdin.write(json.dumps(message).encode() + b"\0")
        browser.stdin.flush()

    def until(match):
        nonlocal pending
        while True:
            while b"\0" in pending:
                raw, pending = pending.split(b"\0", 1)
                message = json.loads(raw)
                if match(message):
                    return message
            chunk = os.read(browser.stdout.fileno(), 1 << 16)
            if not chunk:
                raise SystemExit("Chromium closed its pipe")
            pending += chunk

    try:
        send(1, "Browser.getVersion")
        until(lambda m: m.get("id") == 1)
        ready = time.monotonic()
        send(2, "Target.createTarget", {"url": "about:blank"})
        target = until(lambda m: m.get("id") == 2)["result"]["targetId"]
        send(3, "Target.attachToTarget", {"targetId": target, "flatten": True})
        session = until(lambda m: m.get("id") == 3)["result"]["sessionId"]
        send(4, "Page.enable", session=session)
        until(lambda m: m.get("id") == 4)
        send(5, "Page.navigate", {"url": PAGE}, session)
        until(lambda m: m.get("method") == "Page.loadEventFired")
        loaded = time.monotonic()
        send(6, "Browser.close")
        browser.wait(10)
        return (ready - start) * 1000, (loaded - start) * 1000
    finally:
        browser.kill()
        shutil.rmtree(profile, ignore_errors=True)


def driver_run(chromium, chromedriver):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    base = f"http://127.0.0.1:{port}"
    start = time.monotonic()
    driver = subprocess.Popen([chromedriver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def call(method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.load(answer)

    try:
        while True:
            try:
                call("GET", "/status")
                break
            except OSError:
                time.sleep(0.005)
        options = {"binary": chromium, "args": ["--user-data-dir=" + profile, *FLAGS]}
        session = call("POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options, "webSocketUrl": True}}})["value"]["sessionId"]
        ready = time.monotonic()
        call("POST", f"/session/{session}/url", {"url": PAGE})
        loaded = time.monotonic()
        call("DELETE", f"/session/{session}")
        return (ready - start) * 1000, (loaded - start) * 1000
    finally:
        driver.terminate()
        driver.wait(10)
        shutil.rmtree(profile, ignore_errors=True)


def main():
    rounds, chromium = int(sys.argv[1]), sys.argv[2]
    chromedriver = sys.argv[3] if len(sys.argv) > 3 else None
    pipe_run(chromium)  # warm the page cache: not counted
    pipe, driver = [], []
    for _ in range(rounds):
        pipe.append(pipe_run(chromium))
        if chromedriver:
            driver.append(driver_run(chromium, chromedriver))
    print(f"{'how':<52} {'ready':>8} {'page loaded':>12}")
    row = lambda name, runs: print(f"{name:<52} {statistics.median(r[0] for r in runs):8.0f} "
                                   f"{statistics.median(r[1] for r in runs):12.0f}")
    row("DevTools protocol on a pipe (devskyy)", pipe)
    if chromedriver:
        row("chromedriver, W3C session with BiDi (WebDriver)", driver)
    else:
        print("chromedriver: not installed (apt-get install chromium-driver to compare)")


main()
