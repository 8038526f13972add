#!/usr/bin/env python
"""Run notebooks as `nbdev_test` does (slow cells skipped) and store their outputs in the notebook files.

The docs site renders what is stored and never executes, so a notebook keeps its small teaching outputs:
tables, printed figures and plots. Progress bars and warnings (stderr), widget state and outputs over
`--max-kb` are not stored. Run `nbdev_clean` afterwards, as before any commit.
Usage: python tools/store_outputs.py [NOTEBOOK ...]   (default: every notebook)"""
import argparse, json, os, sys, tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from render_docs import ROOT, execute, notebooks

WIDGET = 'application/vnd.jupyter.widget-view+json'

def keep(o: dict, max_bytes: int) -> dict | None:
    "The stored form of one output, or None when it is not a teaching output."
    if o.get('output_type') == 'stream' and o.get('name') == 'stderr': return None
    if o.get('output_type') == 'error': return None
    o = dict(o)
    if 'data' in o:
        o['data'] = {k: v for k, v in o['data'].items() if k != WIDGET}
        if not o['data']: return None
    if (size := len(json.dumps(o))) > max_bytes:
        print(f"  not stored: a {o.get('output_type')} output of {size/1e3:.0f} kB (over --max-kb)", flush=True)
        return None
    return o

def store(path: Path, max_kb: int = 600) -> int:
    "Execute `path` and write its outputs into the file; the number of outputs stored."
    ran = execute(path, [])
    raw = json.loads(path.read_text(encoding='utf-8'))
    if len(ran.cells) != len(raw['cells']):
        raise RuntimeError(f"{path.name}: executed {len(ran.cells)} cells, file has {len(raw['cells'])}")
    n = 0
    for c, r in zip(raw['cells'], ran.cells):
        if c['cell_type'] != 'code': continue
        outs = [k for o in r.get('outputs', []) if (k := keep(o, max_kb*1000)) is not None]
        c['outputs'], c['execution_count'] = outs, None
        n += len(outs)
    tmp = path.with_suffix('.ipynb.tmp')   # written whole, then moved: an interrupted run loses nothing
    tmp.write_text(json.dumps(raw, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
    os.replace(tmp, path)
    return n

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('paths', nargs='*')
    ap.add_argument('--max-kb', type=int, default=600, help='largest single output stored')
    a = ap.parse_args()
    os.environ.setdefault('GRIDALPHA_HOME', tempfile.mkdtemp(prefix='gridalpha-outputs-'))
    os.environ.pop('GRIDALPHA_STORE', None)
    for p in [Path(x).resolve() for x in a.paths] or notebooks():
        print(f"{p.relative_to(ROOT)}: {store(p, a.max_kb)} outputs stored", flush=True)
