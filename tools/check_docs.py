#!/usr/bin/env python
"""Open rendered docs pages in headless Chromium and report what a reader would see wrong.

Each page is loaded from disk with JavaScript on (MathJax typesets), its DOM dumped after the scripts ran,
and the visible prose checked: no MathJax error, no raw TeX (a backslash command or `^{`/`_{` outside
typeset maths), no `$` that starts unrendered maths (a `$` followed by a letter, `\\` or `{`), no Quarto
attribute text (`{target=...}`), no script or stylesheet loaded from the network. Code blocks are not
prose and are skipped.
Usage: python tools/check_docs.py SITE_DIR"""
import re, shutil, subprocess, sys, tempfile
from html.parser import HTMLParser
from pathlib import Path

FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--allow-file-access-from-files', '--virtual-time-budget=20000', '--dump-dom']
SKIP = {'script', 'style', 'pre', 'code', 'nav', 'svg', 'math'}
RAW_TEX = re.compile(r'\\[A-Za-z]{2,}|[\^_]\{')
QUARTO_ATTR = re.compile(r'\{(?:target|style|\.[a-z])[^}]*\}')   # `{target="_blank"}` only pandoc reads
BAD_DOLLAR = re.compile(r'\$(?=[A-Za-z\\{])')
# inline maths a stray `$` made: pandoc (and so Quarto) never opens `$` before a space or closes it after
# one, and a number followed by a word ("$3.887 and $4") is a price, not maths
STRAY_MATHS = re.compile(r'^\s|\s$|^\d[\d.,]*\s+[A-Za-z]{2,}\b')

def chromium() -> str:
    exe = shutil.which('chromium') or shutil.which('chromium-browser')
    if not exe: raise RuntimeError("Chromium not found: `make test` installs Debian's chromium (see the Makefile)")
    return exe

class _Text(HTMLParser):
    "Visible prose of a page, and its MathJax errors and remote resources."
    def __init__(self):
        super().__init__(); self.stack, self.text, self.errors, self.remote = [], [], 0, []
        self.math, self.math_text = [], []      # inside typeset maths (not its hidden preview): what shows
        self.tex, self.inline = [], False        # TeX sources of inline maths, as MathJax found them
    def handle_starttag(self, tag, attrs):
        a = dict(attrs); cls = a.get('class') or ''
        if 'MathJax_Error' in cls or 'merror' in cls or tag == 'merror': self.errors += 1
        hidden = tag in SKIP or 'MathJax' in cls or 'MJX' in cls or 'highlight' in cls or 'jp-InputArea' in cls
        self.inline = tag == 'script' and a.get('type') == 'math/tex'
        if self.inline: self.tex.append('')
        if tag in ('script', 'link') and re.match(r'https?://', a.get('src') or a.get('href') or ''):
            self.remote.append(a.get('src') or a.get('href'))
        if tag not in ('br', 'img', 'meta', 'link', 'input', 'hr'):
            self.stack.append(hidden)
            self.math.append(('MathJax' in cls and 'Preview' not in cls and 'MathML' not in cls)
                             if tag not in ('script', 'style', 'math') else None)
    def handle_endtag(self, tag):
        if tag == 'script': self.inline = False
        if tag not in ('br', 'img', 'meta', 'link', 'input', 'hr') and self.stack: self.stack.pop(); self.math.pop()
    def handle_data(self, data):
        if self.inline: self.tex[-1] += data
        if not any(self.stack): self.text.append(data)
        elif self.math and None not in self.math and any(self.math): self.math_text.append(data)

def dump(page: Path) -> str:
    with tempfile.TemporaryDirectory() as prof:
        r = subprocess.run([chromium(), *FLAGS, f'--user-data-dir={prof}', page.resolve().as_uri()],
                           capture_output=True, text=True, timeout=120)
    if r.returncode != 0 or '<body' not in r.stdout: raise RuntimeError(f"Chromium failed on {page}: {r.stderr[-500:]}")
    return r.stdout

def problems(page: Path) -> list:
    "What is wrong on one rendered page, as readable lines (empty when it reads well)."
    dom = dump(page); p = _Text(); p.feed(dom); text = ' '.join(p.text)
    out = [f"{page.name}: {p.errors} MathJax errors"] if p.errors else []
    out += [f"{page.name}: loads {u} from the network" for u in p.remote]
    if 'MathJax' not in dom: out.append(f"{page.name}: MathJax did not run")
    if '\\' in (shown := ''.join(p.math_text)):   # e.g. \text{a\_b} shows its backslash
        i = shown.index('\\'); out.append(f"{page.name}: a backslash shows in typeset maths: {shown[max(i - 30, 0):i + 30]!r}")
    for tex in [t for t in p.tex if STRAY_MATHS.search(t)][:3]:   # an unescaped `$` pair made prose maths
        out.append(f"{page.name}: prose typeset as maths (a stray $): ${tex}$")
    for rx, what in ((RAW_TEX, 'raw TeX'), (BAD_DOLLAR, 'a stray $'), (QUARTO_ATTR, 'Quarto attribute text')):
        for m in list(rx.finditer(text))[:3]:
            out.append(f"{page.name}: {what} in the prose: ...{text[max(m.start() - 40, 0):m.end() + 40]!r}...")
    return out

def check_site(pages, workers: int = 4) -> list:
    "`problems` of every page, a few Chromiums at a time (each mostly waits on its page's scripts)."
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(workers) as ex: return [l for ls in ex.map(problems, pages) for l in ls]

if __name__ == '__main__':
    site = Path(sys.argv[1]); bad = check_site(sorted(site.glob('*.html')))
    print('\n'.join(bad) or f"{len(list(site.glob('*.html')))} pages read cleanly"); sys.exit(1 if bad else 0)
