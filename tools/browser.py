#!/usr/bin/env python
"""Drive headless Chromium over the DevTools protocol: open a page, wait until a JavaScript condition holds
(widgets rendered, say), then take a screenshot and the DOM as the browser shows them.

`--dump-dom` and `--screenshot` take the page when the browser's virtual clock runs out, which says nothing
about a page that renders its widgets over a kernel websocket (Voila). Here the check polls the page itself.
Usage: python tools/browser.py URL CONDITION_JS OUT.png"""
import base64, json, os, shutil, signal, subprocess, sys, tempfile, time, urllib.request
from dataclasses import dataclass
from pathlib import Path

FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync',
         '--disable-background-networking', '--disable-component-update', '--remote-allow-origins=*',
         '--remote-debugging-port=0', '--window-size=1400,1100', '--hide-scrollbars']

@dataclass
class Page:
    "What the browser showed: the DOM after the condition held, the screenshot, and the seconds it took."
    dom: str
    png: Path
    seconds: float

def chromium() -> str:
    exe = shutil.which('chromium') or shutil.which('chromium-browser')
    if not exe: raise RuntimeError("Chromium not found: `make test` installs Debian's chromium (see the Makefile)")
    return exe

class _CDP:
    "A minimal DevTools client: one websocket to one page target."
    def __init__(self, ws_url):
        import websocket   # websocket-client, a jupyter_server dependency
        self.ws, self.n = websocket.create_connection(ws_url, timeout=60, suppress_origin=True), 0
    def __call__(self, method, **params):
        self.n += 1; self.ws.send(json.dumps(dict(id=self.n, method=method, params=params)))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get('id') == self.n:
                if 'error' in msg: raise RuntimeError(f"{method}: {msg['error']}")
                return msg['result']
    def eval(self, js):
        r = self('Runtime.evaluate', expression=js, returnByValue=True)
        return r.get('result', {}).get('value')

def _port(profile: Path, proc, timeout=30) -> int:
    f, t = profile/'DevToolsActivePort', time.time()
    while time.time() - t < timeout:
        if f.exists() and f.read_text().strip(): return int(f.read_text().split()[0])
        if proc.poll() is not None: raise RuntimeError(f"Chromium exited: {proc.stderr.read()[-500:]}")
        time.sleep(0.1)
    raise RuntimeError("Chromium did not open its DevTools port")

def open_page(url: str, ready_js: str, png, timeout: float = 120) -> Page:
    "Load `url`, poll `ready_js` until truthy (or raise after `timeout` s), screenshot it to `png`."
    t0 = time.time()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as prof:
        # its own process group, so that ending it ends its renderers too (they write the profile)
        proc = subprocess.Popen([chromium(), *FLAGS, f'--user-data-dir={prof}', 'about:blank'],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            port = _port(Path(prof), proc)
            targets = json.load(urllib.request.urlopen(f'http://127.0.0.1:{port}/json/list', timeout=10))
            cdp = _CDP(next(t for t in targets if t['type'] == 'page')['webSocketDebuggerUrl'])
            cdp('Page.enable'); cdp('Page.navigate', url=url)
            while not cdp.eval(f'Boolean({ready_js})'):
                if time.time() - t0 > timeout:
                    dom = cdp.eval('document.body ? document.body.innerText : ""') or ''
                    raise TimeoutError(f"{url}: `{ready_js}` still false after {timeout:.0f}s; "
                                       f"the page shows: {dom[:800]!r}")
                time.sleep(0.5)
            time.sleep(1.0)   # let images decode and layout settle before the picture
            shot = cdp('Page.captureScreenshot', format='png', captureBeyondViewport=True)
            Path(png).write_bytes(base64.b64decode(shot['data']))
            return Page(cdp.eval('document.documentElement.outerHTML'), Path(png), time.time() - t0)
        finally:
            os.killpg(proc.pid, signal.SIGKILL); proc.wait()

if __name__ == '__main__':
    p = open_page(sys.argv[1], sys.argv[2], sys.argv[3])
    print(f"{p.png}: {len(p.dom):,} characters of DOM after {p.seconds:.1f}s")
