"""Project checks that no single notebook can make: notebooks and package agree, the layering rule holds,
the docs build, README matches the landing notebook, the console script answers, and the built wheel
works when installed apart from the checkout."""
import ast, filecmp, json, re, shutil, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT/'tools'))

def _copy_project(dst):
    for name in ('settings.ini', 'setup.py'): shutil.copy(ROOT/name, dst/name)
    shutil.copytree(ROOT/'nbs', dst/'nbs', symlinks=True, ignore=shutil.ignore_patterns('.ipynb_checkpoints'))
    shutil.copytree(ROOT/'gridalpha', dst/'gridalpha', ignore=shutil.ignore_patterns('__pycache__'))

def _diff_tree(a, b, pattern):
    fa = {p.relative_to(a) for p in a.rglob(pattern) if '__pycache__' not in p.parts and '.ipynb_checkpoints' not in p.parts}
    fb = {p.relative_to(b) for p in b.rglob(pattern) if '__pycache__' not in p.parts and '.ipynb_checkpoints' not in p.parts}
    return sorted(str(p) for p in fa ^ fb) + sorted(str(p) for p in fa & fb if not filecmp.cmp(a/p, b/p, shallow=False))

def test_package_matches_notebooks(tmp_path):
    "nbdev_export on a copy of the project must not change the package: run `nbdev_export` and commit."
    _copy_project(tmp_path)
    r = subprocess.run([str(BIN/'nbdev_export')], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    diff = _diff_tree(ROOT/'gridalpha', tmp_path/'gridalpha', '*.py')
    assert not diff, f"gridalpha/ is out of sync with nbs/ in {diff}: run `nbdev_export` and commit"

def test_notebooks_are_clean(tmp_path):
    "nbdev_clean on a copy must not change any notebook: run `nbdev_clean` and commit."
    _copy_project(tmp_path)
    r = subprocess.run([str(BIN/'nbdev_clean'), '--fname', str(tmp_path/'nbs')], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    diff = _diff_tree(ROOT/'nbs', tmp_path/'nbs', '*.ipynb')
    assert not diff, f"notebooks not clean: {diff}: run `nbdev_clean` and commit"

def _nb_number(nb_name):
    "Reading order of a notebook: `21_x` < `21a_y` < `21b_z` < `22_w` (split notebooks keep their number)."
    m = re.match(r'(\d+)([a-z]?)_', nb_name); return (int(m.group(1)), m.group(2)) if m else None

def _fmt(n): return f"{n[0]:02d}{n[1]}"

def module_numbers():
    "Map each exported module (dotted, without the package) to the number of the notebook that exports it."
    out = {}
    for nb in (ROOT/'nbs').rglob('*.ipynb'):
        if '.ipynb_checkpoints' in nb.parts: continue
        m = re.search(r'#\|\s*default_exp\s+([\w.]+)', nb.read_text(encoding='utf-8'))
        if m and _nb_number(nb.name) is not None: out[m.group(1)] = _nb_number(nb.name)
    return out

def layering_violations(numbers=None, pkg=ROOT/'gridalpha'):
    "Imports of gridalpha modules from a module of the same or a higher notebook number."
    numbers = numbers or module_numbers(); bad = []
    for mod, n in numbers.items():
        f = pkg.joinpath(*mod.split('.')).with_suffix('.py')
        if not f.exists(): continue
        for node in ast.walk(ast.parse(f.read_text(encoding='utf-8'))):
            names = []
            if isinstance(node, ast.Import): names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:   # relative import: resolve against the module's package
                    base = mod.split('.')[:len(mod.split('.')) - node.level]
                    tgt = '.'.join(base + ([node.module] if node.module else []))
                    names = [f"gridalpha.{tgt}.{a.name}".replace('..', '.').strip('.') for a in node.names] + [f"gridalpha.{tgt}".rstrip('.')]
                else: names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                if not name or not name.startswith('gridalpha.'): continue
                tgt = name[len('gridalpha.'):]
                if tgt in numbers and tgt != mod and numbers[tgt] >= n:
                    bad.append(f"{mod} (nb {_fmt(n)}) imports {tgt} (nb {_fmt(numbers[tgt])})")
    return sorted(set(bad))

def test_layering():
    "An exported module imports only modules of lower-numbered notebooks (ARCHITECTURE.md, Layers)."
    assert module_numbers().get('core') == (0, '')
    bad = layering_violations()
    assert not bad, "layering rule broken:\n" + '\n'.join(bad)

def test_layering_check_catches_violation(tmp_path):
    "The check itself must fail on a module that imports upward."
    (tmp_path/'core.py').write_text('from gridalpha.cli import main\n')
    (tmp_path/'cli.py').write_text('from .core import *\n')
    assert layering_violations({'core': (0, ''), 'cli': (52, '')}, tmp_path) == ['core (nb 00) imports cli (nb 52)']
    (tmp_path/'a.py').write_text('from gridalpha.b import x\n')   # 21_a may not import its split sibling 21a_b
    (tmp_path/'b.py').write_text('from gridalpha.a import y\n')   # but 21a_b may import 21_a
    assert layering_violations({'a': (21, ''), 'b': (21, 'a')}, tmp_path) == ['a (nb 21) imports b (nb 21a)']

def test_docs_build(tmp_path):
    """The Quarto-free docs fallback renders an index and one page per notebook, with an API reference (signature
    and parameter table) and a local MathJax; in headless Chromium no page shows raw TeX, a stray `$`, a MathJax
    error or a network load (tools/check_docs.py)."""
    import render_docs, check_docs
    pages = render_docs.render_site(tmp_path/'site')
    names = {p.name for p in pages}
    assert 'index.html' in names and 'core.html' in names
    assert len(pages) == len(render_docs.notebooks())
    html = (tmp_path/'site'/'core.html').read_text()
    assert 'seed_everything' in html and 'default_exp' not in html and 'href="index.html"' in html
    opf = (tmp_path/'site'/'opf.html').read_text()
    assert 'id="solve_dcopf"' in opf and 'id="DCOPF.solve"' in opf and 'load_scale' in opf   # show_doc entries
    assert 'LNone' not in opf and re.search(r'opf\.py#L\d+"', opf)               # links to the def line
    assert (tmp_path/'site'/'mathjax'/'MathJax.js').exists() and 'cdn.' not in opf
    bad = check_docs.check_site(pages)
    assert not bad, 'rendered docs read badly:\n' + '\n'.join(bad)

def test_checker_catches_bad_pages(tmp_path):
    """The browser check flags raw TeX, prose a stray `$` typeset as maths and a literal backslash in maths (it
    can fail); the renderer reads `$` as pandoc does, so the same prose in a notebook renders cleanly."""
    import render_docs, check_docs, nbformat, jupyter_server_mathjax
    site = tmp_path/'s'; site.mkdir()
    shutil.copytree(Path(jupyter_server_mathjax.__file__).parent/'static', site/'mathjax')
    def page(name, body):
        (site/name).write_text(render_docs.PAGE.format(title='t', site='t', nav='', body=body)); return site/name
    bad = check_docs.problems(page('bad.html', r"<p>A price of $3.887 and $4 scrambles; $\text{a\_b}$ shows a "
                                               r"backslash; \alpha stays raw.</p>"
                                               r'<p><a href="x">source</a>{target="_blank"}</p>'))
    assert any('backslash' in b for b in bad) and any('stray' in b for b in bad), bad
    assert any('raw TeX' in b for b in bad) and any('Quarto attribute' in b for b in bad), bad
    md = r"# t" "\n\nCosts \\$3.8/MMBtu; a price of $3.887 and $4, gas $3/MMBtu is $10/MWh; $x_t^2$ is maths."
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(md)])
    html, _ = render_docs.HTMLExporter(template_name='basic').from_notebook_node(render_docs.docs_cells(nb))
    assert check_docs.problems(page('good.html', html)) == []
    assert 'MathJax' in (dom := check_docs.dump(site/'good.html')) and dom.count('math/tex') == 1

def _exported_lines():
    for nb in (ROOT/'nbs').glob('*.ipynb'):
        for c in json.loads(nb.read_text(encoding='utf-8'))['cells']:
            src = ''.join(c['source'])
            if c['cell_type'] == 'code' and src.lstrip().startswith('#| export'): yield from src.split('\n')

def test_code_width():
    "Exported code wraps at about 100 columns: under 5% of lines over 100, under fastcore's 2.4% over 120."
    lines = list(_exported_lines()); n = len(lines)
    over100, over120 = sum(len(l) > 100 for l in lines)/n, sum(len(l) > 120 for l in lines)/n
    assert over100 < 0.05 and over120 < 0.024, f"{over100:.1%} of {n} exported lines exceed 100, {over120:.1%} exceed 120"

def test_notebooks_store_outputs():
    "Every notebook with code stores teaching outputs for the docs site (which renders, not executes), kept small."
    empty, big = [], []
    for nb in sorted((ROOT/'nbs').glob('*.ipynb')):
        cells = [c for c in json.loads(nb.read_text(encoding='utf-8'))['cells'] if c['cell_type'] == 'code']
        outs = [o for c in cells for o in c.get('outputs', [])]
        if cells and not outs: empty.append(nb.name)
        if nb.stat().st_size > 2_000_000: big.append(f"{nb.name} ({nb.stat().st_size/1e6:.1f} MB)")
    assert not empty, f"notebooks stored without outputs (the docs would show code only): {empty}"
    assert not big, f"notebooks over 2 MB: {big}"

def test_readme_matches_index():
    "README.md is generated from nbs/index.ipynb: run `python tools/render_docs.py --readme`."
    import render_docs
    assert (ROOT/'README.md').read_text(encoding='utf-8') == render_docs.readme_text(), \
        "README.md is out of date: run `python tools/render_docs.py --readme` and commit"

def test_cli_help_and_list():
    r = subprocess.run([str(BIN/'gridalpha'), '--help'], capture_output=True, text=True)
    assert r.returncode == 0 and 'demo' in r.stdout and 'bench' in r.stdout
    r = subprocess.run([str(BIN/'gridalpha'), 'bench', '--list'], capture_output=True, text=True)
    assert r.returncode == 0 and 'metrics' in r.stdout
    r = subprocess.run([str(BIN/'gridalpha'), 'bench', 'nope'], capture_output=True, text=True)
    assert r.returncode == 2 and "unknown benchmark 'nope'" in r.stderr

WHEEL_SMOKE = """
import gridalpha, pathlib, sys
assert pathlib.Path(gridalpha.__file__).is_relative_to(sys.argv[1]), gridalpha.__file__   # the wheel, not the checkout
from gridalpha.grid import Grid
from gridalpha.opf import DCOPF
from gridalpha.sim import simulate
from gridalpha.iso import load_pefcodebench
from gridalpha.store import open_store
from gridalpha.core import get_config
res = DCOPF(Grid.from_pglib('case14_ieee')).solve()
assert res.status == 'optimal', res.status
md = simulate('2020-07-01 08:00', '2020-07-02 08:00', seed=0, markets=('DA',), nodes=False, cache=False, progress=False)
assert len(md.hub_prices('DA')) == 24
de = load_pefcodebench('DE'); assert len(de.prices) > 50_000
with open_store(get_config()) as st: assert 'prices' in st.tables()
print('wheel ok')
"""

def test_wheel_outside_repo(tmp_path):
    "The built wheel, installed apart from the checkout, reads its shipped data and runs from another folder."
    r = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-w',
                        str(tmp_path/'dist'), str(ROOT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    noisy = [l for l in (r.stdout + r.stderr).splitlines() if 'Warning' in l or 'warning:' in l.lower()]
    assert not noisy, f"the wheel build warns: {noisy[:5]}"
    site = tmp_path/'site'; whl = next((tmp_path/'dist').glob('gridalpha-*.whl'))
    r = subprocess.run([sys.executable, '-m', 'pip', 'install', '--no-deps', '--no-index', '--quiet',
                        '--target', str(site), str(whl)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    env = {**__import__('os').environ, 'PYTHONPATH': str(site), 'GRIDALPHA_HOME': str(tmp_path/'home')}
    work = tmp_path/'elsewhere'; work.mkdir()
    r = subprocess.run([sys.executable, '-c', WHEEL_SMOKE, str(site)], cwd=work, env=env, capture_output=True, text=True)
    assert r.returncode == 0 and 'wheel ok' in r.stdout, r.stderr[-3000:]
    for args, want in ((['--help'], 'bench'), (['--version'], 'gridalpha ')):
        r = subprocess.run([str(site/'bin'/'gridalpha'), *args], cwd=work, env=env, capture_output=True, text=True)
        assert r.returncode == 0 and want in r.stdout, (args, r.stdout, r.stderr[-1000:])
