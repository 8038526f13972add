#!/usr/bin/env python
"""Static HTML docs without Quarto: an index page plus one page per notebook, with outputs.

`make docs` uses `nbdev_docs` where Quarto is installed and this renderer elsewhere. With `--execute`
each notebook runs first (execnb, as nbdev_test runs it; cells behind test flags such as `slow` are
skipped) so pages show fresh outputs; without it pages show the outputs stored in the notebooks.
Cells marked `#| hide` are left out and `#|` directives are stripped, as nbdev's docs do. After each
`#| export` cell comes the API reference of what it exports (nbdev's `show_doc`: signature and the
docments parameter table), as nbdev_docs inserts it. Maths is typeset by a local MathJax (the pip
package jupyter-server-mathjax, copied into the site), so pages render offline.
Also writes README.md from nbs/index.ipynb (`--readme`), since nbdev_readme needs Quarto too.
Usage: python tools/render_docs.py [--out _docs] [--execute] [--readme [--execute]]"""
import argparse, ast, html, importlib, re, shutil, sys
from configparser import ConfigParser
from pathlib import Path
import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
DIRECTIVE = re.compile(r'^\s*#\s*\|\s*(.*)$')

def cfg():
    c = ConfigParser(delimiters=['=']); c.read(ROOT/'settings.ini'); return c['DEFAULT']

def notebooks():
    nbs = sorted(p for p in (ROOT/'nbs').rglob('*.ipynb')
                 if not any(s.startswith(('_', '.')) for s in p.relative_to(ROOT/'nbs').parts))
    return sorted(nbs, key=lambda p: p.name != 'index.ipynb')

def directives(src):
    return [m.group(1).strip() for m in map(DIRECTIVE.match, src.splitlines()) if m]

def strip_directives(src):
    return '\n'.join(l for l in src.splitlines() if not DIRECTIVE.match(l)).strip('\n')

def execute(path, flags):
    "Run a notebook the way nbdev_test does (same cell skipping) and return it with outputs (an nbformat node)."
    from nbdev.process import NBProcessor
    from execnb.nbio import write_nb
    from execnb.shell import CaptureShell
    from fastcore.xtras import working_directory
    skip = set(cfg()['tst_flags'].split()) - set(flags)
    nb = NBProcessor(path, rm_directives=False).nb   # keeps `#|` lines for `docs_cells`, parses them as nbdev_test does
    def no_eval(cell):
        if cell.cell_type != 'code': return True
        d = getattr(cell, 'directives_', {}) or {}
        if d.get('eval:', [''])[0].lower() == 'false': return True
        return skip & d.keys()
    with working_directory(path.parent):
        CaptureShell(path).run_all(nb, exc_stop=True, preproc=no_eval)
    tmp = ROOT/'_proc'/'executed'/path.name; tmp.parent.mkdir(parents=True, exist_ok=True)
    write_nb(nb, tmp)
    return nbformat.read(tmp, as_version=4)

def _module(nb):
    "The module a notebook exports to (its `#| default_exp`), imported; None when it exports nothing."
    for c in nb.cells:
        m = re.search(r'^#\|\s*default_exp\s+([\w.]+)', c.source, re.M) if c.cell_type == 'code' else None
        if m: return importlib.import_module(f"{cfg()['lib_path']}.{m.group(1)}")

def _exported(src, mod):
    "Public objects an export cell defines: functions, classes, methods patched onto a class."
    try: tree = ast.parse(src)
    except SyntaxError: return []
    out = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) or node.name.startswith('_'): continue
        owner = mod
        for d in getattr(node, 'decorator_list', []):
            if isinstance(d, ast.Call) and getattr(d.func, 'id', '') == 'patch_to' and d.args:
                owner = getattr(mod, getattr(d.args[0], 'id', ''), None)
            elif getattr(d, 'id', '') == 'patch' or getattr(getattr(d, 'func', None), 'id', '') == 'patch':
                a = node.args.args[0].annotation if node.args.args else None
                owner = getattr(mod, getattr(a, 'id', ''), None)
        if owner is None: continue
        if owner is mod and node.name not in getattr(mod, '__all__', []): continue
        if (obj := getattr(owner, node.name, None)) is not None: out.append(obj)
    return out

def api_reference(obj) -> str:
    "Markdown API entry for `obj` as nbdev's `show_doc` renders it: heading, signature, docments table."
    from nbdev.showdoc import BasicMarkdownRenderer
    import inspect
    try: md = BasicMarkdownRenderer(obj)._repr_markdown_()
    except ValueError:     # fastcore's docments compares a default with `!=`: an array default breaks it
        name = getattr(obj, '__qualname__', getattr(obj, '__name__', str(obj)))
        try: sig = str(inspect.signature(obj))
        except (TypeError, ValueError): sig = '()'
        return f"---\n\n### {name}\n\n>      {name}{sig}\n\n*{inspect.getdoc(obj) or ''}*"
    # nbdev 2.4 looks the line up under the full dotted name and finds none (`#LNone`): the real line
    try: md = md.replace('#LNone)', f'#L{inspect.getsourcelines(inspect.unwrap(obj))[1]})')
    except (TypeError, OSError): md = md.replace('#LNone)', ')')
    # the source link carries Quarto's attribute syntax, which only pandoc reads: as the HTML Quarto writes
    return re.sub(r'\[source\]\(([^)]*)\)\{[^}]*\}',
                  r'<a href="\1" target="_blank" style="float:right;font-size:smaller">source</a>', md)

_CODE = re.compile(r'(```.*?```|`[^`\n]*`)', re.S)
# pandoc's tex_math_dollars rule, the one Quarto applies: `$$...$$`, or `$...$` opened before a non-space
# and closed after one, not followed by a digit ("$20,000 and $30,000" is no maths); `\$` is a dollar
_MATH = re.compile(r'\$\$.+?\$\$|(?<![\\$])\$(?![\s$])(?:[^$\\]|\\.)*?(?<![\s\\])\$(?!\d)', re.S)
_DOLLAR = '<span class="tex2jax_ignore">&#36;</span>'

def _literal(s): return re.sub(r'\\?\$', lambda m: _DOLLAR, s)

def escaped_dollars(md: str) -> str:
    """Markdown whose every `$` that pandoc would not read as a maths delimiter is a literal dollar MathJax skips
    (MathJax's own `$` rule is looser: "$3/MMBtu is $10" would turn prose into maths). Code spans stay as written."""
    parts = _CODE.split(md)
    for i in range(0, len(parts), 2):
        seg, out, pos = parts[i], [], 0
        for m in _MATH.finditer(seg):
            out += [_literal(seg[pos:m.start()]), m.group()]; pos = m.end()
        parts[i] = ''.join(out + [_literal(seg[pos:])])
    return ''.join(parts)

def _html_dollars(h: str) -> str:
    "HTML output (a DataFrame) with the dollars of its text as literals: Quarto typesets no maths in raw HTML."
    return re.sub(r'>[^<]+<', lambda m: m.group().replace('$', _DOLLAR), h)

def docs_cells(nb):
    "Drop hidden and export-only housekeeping cells; strip directives; an API entry after each export."
    out, mod = [], _module(nb)
    for c in nb.cells:
        if c.cell_type == 'code':
            d = directives(c.source)
            if any(x.split(':')[0].strip() in ('hide', 'default_exp') for x in d) or not strip_directives(c.source):
                continue
            src = strip_directives(c.source); c = nbformat.from_dict({**c, 'source': src})
            if mod is not None and any(x.split(':')[0].strip() in ('export', 'exports') for x in d):
                out.append(c)
                out += [nbformat.v4.new_markdown_cell(api_reference(o)) for o in _exported(src, mod)]
                continue
        out.append(c)
    for c in out:
        if c.cell_type == 'markdown': c.source = escaped_dollars(c.source)
        for o in c.get('outputs', []) if c.cell_type == 'code' else []:
            d = o.get('data', {})
            if 'text/markdown' in d: d['text/markdown'] = escaped_dollars(''.join(d['text/markdown']))
            if 'text/html' in d: d['text/html'] = _html_dollars(''.join(d['text/html']))
    h1 = next((i for i, c in enumerate(out) if c.cell_type == 'markdown' and c.source.startswith('# ')), None)
    if h1: out.insert(0, out.pop(h1))   # the title leads the page, as Quarto's front matter does
    nb = nbformat.from_dict({**nb, 'cells': out}); return nb

def title_of(nb, fallback):
    for c in nb.cells:
        if c.cell_type == 'markdown':
            m = re.search(r'^#\s+(.+)$', c.source, re.M)
            if m: return m.group(1).strip()
    return fallback

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} - {site}</title>
<style>body{{font-family:system-ui,sans-serif;margin:0;display:flex}}nav{{width:15rem;padding:1rem;background:#f5f7fa;min-height:100vh}}
nav a{{display:block;color:#1a4d8f;text-decoration:none;margin:.2rem 0}}main{{padding:1rem 2rem;max-width:60rem;overflow-x:auto}}
pre{{background:#f6f8fa;padding:.5rem;overflow-x:auto}}table{{border-collapse:collapse}}td,th{{border:1px solid #ddd;padding:2px 6px}}
.prompt,.jp-InputPrompt,.jp-OutputPrompt{{display:none}}</style>
<script type="text/x-mathjax-config">MathJax.Hub.Config({{tex2jax:{{inlineMath:[['$','$']],
processEscapes:true}},messageStyle:'none',
'HTML-CSS':{{availableFonts:[],preferredFont:null,webFont:'STIX-Web',imageFont:null}}}});</script>
<script src="mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"></script></head>
<body><nav><strong>{site}</strong>{nav}</nav><main>{body}</main></body></html>"""

def render_site(out, execute_nbs=False, flags=''):
    out = Path(out); shutil.rmtree(out, ignore_errors=True); out.mkdir(parents=True)
    site, pages = cfg()['title'], []
    import jupyter_server_mathjax        # MathJax 2.7 in a pip package: the site needs no network
    shutil.copytree(Path(jupyter_server_mathjax.__file__).parent/'static', out/'mathjax')
    ex = HTMLExporter(template_name='basic')
    for p in notebooks():
        nb = execute(p, flags.split()) if execute_nbs else nbformat.read(p, as_version=4)
        rel = p.relative_to(ROOT/'nbs').with_suffix('.html')
        name = 'index.html' if p.name == 'index.ipynb' else re.sub(r'^\d+[a-z]?_', '', str(rel)).replace('/', '_')
        nb = docs_cells(nb)
        body, _ = ex.from_notebook_node(nb)
        pages.append((name, title_of(nb, p.stem), body))
    nav = ''.join(f'<a href="{n}">{html.escape(t)}</a>' for n, t, _ in pages)
    for n, t, body in pages:
        (out/n).write_text(PAGE.format(title=html.escape(t), site=site, nav=nav, body=body), encoding='utf-8')
    return [out/n for n, _, _ in pages]

def readme_text():
    "README.md rendered from nbs/index.ipynb: markdown as is, code cells as python blocks with text outputs."
    nb = docs_cells(nbformat.read(ROOT/'nbs'/'index.ipynb', as_version=4))
    parts = ['<!-- generated from nbs/index.ipynb by tools/render_docs.py --readme: edit the notebook, not this file -->']
    for c in nb.cells:
        if c.cell_type == 'markdown': parts.append(c.source.strip())
        elif c.cell_type == 'code':
            parts.append(f"```python\n{c.source.strip()}\n```")
            txt = ''.join(o.get('text', '') or o.get('data', {}).get('text/plain', '') for o in c.get('outputs', []))
            if txt.strip(): parts.append(f"```\n{txt.rstrip()}\n```")
    return '\n\n'.join(parts) + '\n'

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default=str(ROOT/'_docs'))
    ap.add_argument('--execute', action='store_true', help='run notebooks first for fresh outputs')
    ap.add_argument('--flags', default='', help='test flags to run when executing, e.g. slow')
    ap.add_argument('--readme', action='store_true', help='only write README.md from nbs/index.ipynb')
    a = ap.parse_args()
    if a.readme:
        if a.execute:   # refresh the outputs stored in the landing notebook first, then clean it as nbdev_clean does
            import subprocess
            idx = ROOT/'nbs'/'index.ipynb'
            nbformat.write(execute(idx, a.flags.split()), idx)
            subprocess.run([str(Path(sys.executable).parent/'nbdev_clean'), '--fname', str(idx)], cwd=ROOT, check=True)
        (ROOT/'README.md').write_text(readme_text(), encoding='utf-8'); print('wrote README.md'); return
    pages = render_site(a.out, a.execute, a.flags)
    print(f"wrote {len(pages)} pages to {a.out} (open {Path(a.out)/'index.html'})")

if __name__ == '__main__': main()
