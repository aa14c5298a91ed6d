#!/usr/bin/env python3
"""Loads a real ScopeGuide page in headless Chromium, ticks actions, and reports what changed.

Speaks the Chrome DevTools Protocol over a WebSocket with the standard library only (no
Selenium, no Puppeteer, no `websockets` package). Prints one JSON object:

  {"before": STATE, "after": STATE, "clicked": true, "problems": [...]}

where STATE is {"ready", "href", "url", "scopes", "checked", "images", "report", "refusedBox",
"solved", "selectionCount", "chips", "shownActions", "scopeDetails", "scopeMatches",
"variableErrors", "placeholders", "constraintsOpen", "scrollWidth"}: the page script's ready flag,
location.href (the address bar), the dynamic URL field, the "Scopes Selected" box, the ticked
action ids, each guide image's src, alt, loading and natural width once loaded (0: not shown), the
visible lines of the grant and refusal report ("key: text"), the "Cannot grant" box's text,
whether the page shows the engine's answer ("engine") or its own ("page"), the selection
summary's text and its chips' action ids, the ids of the action rows listed, each listed scope as
[name, level or null, description], the scopes the search matched (null while that box is
hidden), each variable's shown error {name: message}, the text of each `‹name›` placeholder the
script fills, whether the grant and refusal boxes are unfolded, and the page's scroll width (more
than the window's: something sticks out sideways); "problems" lists console errors, uncaught
exceptions and Content-Security-Policy violations seen while the page ran.

--map-host HOST=PORT sends Chromium's requests for HOST to 127.0.0.1:PORT and accepts that
server's self-signed certificate (scripts/https-image-server.py), so an https: image can load
with no network.

Usage: cdp-click-check.py --url URL [--action ACTION_ID[,ACTION_ID…]] [--chromium /usr/bin/chromium] [--timeout 30]
                          [--map-host HOST=PORT] [--granted SCOPES] [--refused SCOPES] [--refuse-chip SCOPE]
                          [--remove-chip ACTION_ID] [--variable NAME=VALUE]… [--search TEXT] [--width PX]

In this order, after the clicks: --remove-chip clicks the selection summary's chip of an action,
--variable types a value into a guide variable's input, --search types into the search box,
--granted / --refused type scope lists into the page's "Already granted" / "Cannot grant" boxes,
and --refuse-chip then clicks a scope's "Can't grant" button, so "after" shows the page's answer
under them. --width sets the window's width in CSS pixels (default 1280).
Exit status: 0 when the report was printed, 1 when the browser could not be driven.
"""
import argparse
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


class WebSocket:
    """A minimal RFC 6455 client: text frames out (masked), text/continuation/ping/close in."""

    def __init__(self, url, timeout):
        assert url.startswith("ws://"), url
        host_port, _, path = url[len("ws://"):].partition("/")
        host, _, port = host_port.partition(":")
        self.sock = socket.create_connection((host, int(port or 80)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("WebSocket handshake: connection closed")
            response += chunk
        head, _, self.buffer = response.partition(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 101"):
            raise ConnectionError("WebSocket handshake refused: " + head.split(b"\r\n")[0].decode(errors="replace"))

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("WebSocket closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send_frame(self, opcode, payload):
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, text):
        self._send_frame(0x1, text.encode())

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            opcode, n = first & 0x0F, second & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:  # ping
                self._send_frame(0xA, payload)
                continue
            if opcode == 0x8:
                raise ConnectionError("WebSocket closed by the browser")
            if opcode in (0x0, 0x1):
                message += payload
                if first & 0x80:
                    return message.decode()

    def close(self):
        try:
            self._send_frame(0x8, b"")
        except OSError:
            pass
        self.sock.close()


class DevTools:
    """CDP commands by id; events are kept so that waits and the problem report can read them."""

    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for_event(self, method, deadline):
        while time.monotonic() < deadline:
            if any(event["method"] == method for event in self.events):
                return True
            self.ws.sock.settimeout(max(0.1, deadline - time.monotonic()))
            message = json.loads(self.ws.receive())
            if "method" in message:
                self.events.append(message)
        return False

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError("evaluate failed: " + json.dumps(result["exceptionDetails"])[:500])
        return result["result"].get("value")


STATE = """(() => {
  const field = document.querySelector('[data-guide-url]');
  const output = document.querySelector('[data-guide-scopes-output]');
  return {
    ready: document.documentElement.dataset.guideReady || null,
    href: location.href,
    url: field ? field.value : null,
    scopes: output ? output.textContent : null,
    checked: Array.from(document.querySelectorAll('[data-guide-action] input[type=checkbox]')).filter(b => b.checked).map(b => b.value),
    images: Array.from(document.querySelectorAll('main img')).map(i => ({src: i.getAttribute('src'), alt: i.alt, loading: i.getAttribute('loading'), width: i.complete ? i.naturalWidth : 0})),
    refusedBox: (document.querySelector('[data-guide-refused]') || {}).value ?? null,
    solved: document.documentElement.getAttribute('data-guide-solved'),
    report: Array.from(document.querySelectorAll('[data-guide-report]')).filter(p => !p.hidden).map(p => p.getAttribute('data-guide-report') + ': ' + (p.querySelector('[data-guide-report-text]') || p).textContent),
    selectionCount: (document.querySelector('[data-guide-selection-count]') || {}).textContent ?? null,
    chips: Array.from(document.querySelectorAll('[data-guide-selection-chips] [data-guide-deselect]')).map(c => c.getAttribute('data-guide-deselect')),
    shownActions: Array.from(document.querySelectorAll('[data-guide-action-list] [data-guide-action]')).filter(r => !r.hidden).map(r => r.getAttribute('data-guide-action')),
    scopeDetails: Array.from(document.querySelectorAll('[data-guide-scope-details] [data-guide-scope-detail]')).map(i => [
      i.getAttribute('data-guide-scope-detail'),
      i.querySelector('.sg-level') ? Number(i.querySelector('.sg-level').getAttribute('data-level')) : null,
      (i.querySelector('.sg-scope-description') || {}).textContent ?? ''
    ]),
    scopeMatches: (() => {
      const box = document.querySelector('[data-guide-scope-matches]');
      return !box || box.hidden ? null : Array.from(box.querySelectorAll('[data-guide-scope-detail]')).map(i => i.getAttribute('data-guide-scope-detail'));
    })(),
    variableErrors: Object.fromEntries(Array.from(document.querySelectorAll('[data-guide-variable-error]')).filter(e => !e.hidden).map(e => [e.getAttribute('data-guide-variable-error'), e.textContent])),
    placeholders: Array.from(document.querySelectorAll('[data-guide-variable-text]')).map(s => s.textContent),
    constraintsOpen: Array.from(document.querySelectorAll('details[data-guide-constraints]')).some(d => d.open),
    scrollWidth: document.documentElement.scrollWidth,
  };
})()"""


def problems(events):
    found = []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            found.append("exception: " + json.dumps(params.get("exceptionDetails", {}))[:300])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            found.append("console: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            text = entry.get("text", "")
            if entry.get("level") == "error" and "favicon" not in text and "favicon" not in entry.get("url", ""):
                found.append(f"log ({entry.get('source')}): {text}")
            elif "Content Security Policy" in text:
                found.append(f"csp: {text}")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--action", default="", help="comma-separated action ids whose checkboxes to click")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--map-host", help="HOST=PORT: resolve HOST to 127.0.0.1:PORT, accepting its certificate")
    parser.add_argument("--granted", help="after ticking, type this into the \"Already granted\" box")
    parser.add_argument("--refused", help="after ticking, type this into the \"Cannot grant\" box")
    parser.add_argument("--refuse-chip", help="then click the \"Can't grant\" button of this scope")
    parser.add_argument("--remove-chip", help="click the selection summary's chip of this action")
    parser.add_argument("--variable", action="append", default=[], help="NAME=VALUE: type VALUE into the variable's input")
    parser.add_argument("--search", help="type this into the search box")
    parser.add_argument("--width", type=int, default=1280, help="the window's width in CSS pixels")
    args = parser.parse_args()

    mapping = []
    if args.map_host:
        host, _, port = args.map_host.partition("=")
        mapping = [f"--host-resolver-rules=MAP {host} 127.0.0.1:{port}", "--ignore-certificate-errors"]
    profile = tempfile.mkdtemp(prefix="sg-cdp-")
    browser = subprocess.Popen(
        [args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", f"--user-data-dir={profile}"] + mapping + ["about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ws = None
    try:
        deadline = time.monotonic() + args.timeout
        port_file = os.path.join(profile, "DevToolsActivePort")
        while not (os.path.exists(port_file) and open(port_file).read().count("\n") >= 1):
            if time.monotonic() > deadline or browser.poll() is not None:
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.05)
        port = int(open(port_file).read().split("\n")[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=args.timeout) as response:
            targets = json.load(response)
        page = next(t for t in targets if t.get("type") == "page")
        ws = WebSocket(page["webSocketDebuggerUrl"], timeout=args.timeout)
        tools = DevTools(ws)
        for domain in ("Page", "Runtime", "Log"):
            tools.call(f"{domain}.enable")
        tools.call("Emulation.setDeviceMetricsOverride", width=args.width, height=900, deviceScaleFactor=1, mobile=False)
        tools.events.clear()
        tools.call("Page.navigate", url=args.url)
        if not tools.wait_for_event("Page.loadEventFired", deadline):
            raise RuntimeError("the page did not load")
        before = tools.evaluate(STATE)
        while before.get("ready") != "1" and time.monotonic() < deadline:
            time.sleep(0.05)
            before = tools.evaluate(STATE)
        # Comma-separated ids are clicked in turn (the same id twice ticks and unticks it).
        clicked = True
        for action in filter(None, args.action.split(",")):
            clicked = tools.evaluate(f"""(() => {{
              const box = Array.from(document.querySelectorAll('[data-guide-action] input[type=checkbox]')).find(b => b.value === {json.dumps(action)});
              if (!box) return false;
              box.click();
              return true;
            }})()""") and clicked
        if args.remove_chip is not None:
            clicked = tools.evaluate(f"""(() => {{
              const chip = Array.from(document.querySelectorAll('[data-guide-selection-chips] [data-guide-deselect]')).find(c => c.getAttribute('data-guide-deselect') === {json.dumps(args.remove_chip)});
              if (!chip) return false;
              chip.click();
              return true;
            }})()""") and clicked
        # Typed as a person would: the value, then an input event.
        def type_into(selector, text):
            return tools.evaluate(f"""(() => {{
              const box = document.querySelector({json.dumps(selector)});
              if (!box) return false;
              box.focus();
              box.value = {json.dumps(text)};
              box.dispatchEvent(new Event('input', {{bubbles: true}}));
              return true;
            }})()""")
        for assignment in args.variable:
            name, _, value = assignment.partition("=")
            clicked = type_into(f"input[data-guide-variable={json.dumps(name)}]", value) and clicked
        if args.search is not None:
            clicked = type_into("[data-guide-action-search]", args.search) and clicked
        # Then type into the "Already granted" and "Cannot grant" boxes and wait past the
        # script's pause before it solves again.
        typed = False
        for selector, text in (("[data-guide-granted]", args.granted), ("[data-guide-refused]", args.refused)):
            if text is None:
                continue
            typed = type_into(selector, text)
        if typed:
            time.sleep(0.8)
        if args.refuse_chip is not None:
            tools.evaluate(f"""(() => {{
              const chip = Array.from(document.querySelectorAll('button[data-guide-refuse]')).find(b => b.getAttribute('data-guide-refuse') === {json.dumps(args.refuse_chip)});
              if (chip) chip.click();
            }})()""")
        # Guide images load lazily: bring each into view and wait (bounded) until it loaded or failed.
        tools.evaluate("""Promise.all(Array.from(document.querySelectorAll('main img')).map(i => new Promise(done => {
          i.scrollIntoView();
          if (i.complete) return done();
          i.addEventListener('load', done);
          i.addEventListener('error', done);
          setTimeout(done, 5000);
        })))""")
        after = tools.evaluate(STATE)
        json.dump({"before": before, "after": after, "clicked": clicked, "problems": problems(tools.events)}, sys.stdout, indent=2, sort_keys=True)
        print()
        return 0
    except Exception as error:  # report, never hang
        print(f"cdp-click-check: {error}", file=sys.stderr)
        return 1
    finally:
        if ws:
            ws.close()
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
