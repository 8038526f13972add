#!/usr/bin/env python
"""The project's test suite: the project checks (pytest, `tests/`) and every notebook under
`nbdev_test`.

Each notebook runs in its own `nbdev_test` process (two at a time): the embedded store (chdb) allows
one data folder per process, and a fresh process per notebook also keeps notebooks from leaking
state into each other. Ends with one line `N passed, N failed` counting notebooks and tests.
Usage: python tools/run_tests.py [--flags slow] [--workers 2] [--only PATTERN]"""
import argparse, os, re, subprocess, sys, time, xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

def notebooks(pattern=None):
    "Every notebook nbdev_test would run: nbs/**/*.ipynb, skipping names starting '_' or '.'."
    skip = lambda p: any(part.startswith(('_', '.')) for part in p.relative_to(ROOT/'nbs').parts)
    nbs = sorted(p for p in (ROOT/'nbs').rglob('*.ipynb') if not skip(p))
    return [p for p in nbs if pattern is None or re.search(pattern, p.name)]

def run_notebook(nb, flags, timeout):
    cmd = [str(BIN/'nbdev_test'), '--path', str(nb)] + (['--flags', flags] if flags else [])
    t = time.time()
    try:
        r = subprocess.run(cmd, cwd=ROOT/'nbs', capture_output=True, text=True, timeout=timeout)
        ok, out = r.returncode == 0, r.stdout + r.stderr
    except subprocess.TimeoutExpired as e:
        ok, out = False, f"timed out after {timeout}s\n{e.stdout or ''}{e.stderr or ''}"
    return nb, ok, time.time() - t, out

def run_pytest(flags):
    xml = ROOT/'_proc'/'pytest.xml'; xml.parent.mkdir(exist_ok=True)
    env = {**os.environ, 'GRIDALPHA_TEST_FLAGS': flags or ''}
    cmd = [sys.executable, '-m', 'pytest', '-q', 'tests', f'--junitxml={xml}',
           '-p', 'no:cacheprovider']
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    print(f"\npytest tests/ (beside the notebooks):\n{r.stdout[-6000:]}{r.stderr[-3000:]}",
          flush=True)
    if not xml.exists(): return 0, 1
    s = ET.parse(xml).getroot()
    s = s if s.tag == 'testsuite' else s.find('testsuite')
    n, fail, err, skip = (int(s.get(k, 0)) for k in ('tests', 'failures', 'errors', 'skipped'))
    bad = fail + err + (r.returncode not in (0, 5) and fail + err == 0)
    return n - fail - err - skip, int(bad)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--flags', default='', help="nbdev test flags to enable, e.g. 'slow'")
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--only', default=None, help='regex on notebook file names')
    ap.add_argument('--timeout', type=int, default=900, help='seconds per notebook')
    ap.add_argument('--no-pytest', action='store_true')
    a = ap.parse_args()
    t0 = time.time()
    # one throw-away GRIDALPHA_HOME per run: tests never touch the user's runs, store or cache, and
    # the notebooks of one run share its simulation cache (written atomically, and locked per key)
    import tempfile
    os.environ['GRIDALPHA_HOME'] = tempfile.mkdtemp(prefix='gridalpha-test-')
    os.environ.pop('GRIDALPHA_STORE', None)
    # share the cores out between the workers: torch, OpenMP and BLAS otherwise start one thread
    # per core in every worker, and two notebooks oversubscribing 2 cores ran torch 2.5x slower
    per = str(max(1, (os.cpu_count() or 1) // a.workers))
    for v in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'NUMEXPR_NUM_THREADS'):
        os.environ.setdefault(v, per)
    nbs = notebooks(a.only)
    print(f"\nnbdev_test: {len(nbs)} notebooks, {a.workers} at a time with the project tests, "
          f"flags={a.flags or '(default)'}, OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}",
          flush=True)
    nb_pass, nb_fail = 0, 0
    with ThreadPoolExecutor(a.workers) as ex:
        # the project tests (mostly one thread) take a worker first; the notebooks share the rest
        py = None if a.no_pytest else ex.submit(run_pytest, a.flags)
        for nb, ok, secs, out in ex.map(lambda p: run_notebook(p, a.flags, a.timeout), nbs):
            rel = nb.relative_to(ROOT/'nbs')
            print(f"{'PASS' if ok else 'FAIL'} {rel} ({secs:.1f}s)", flush=True)
            if ok: nb_pass += 1
            else: nb_fail += 1; print(out[-6000:], flush=True)
        py_pass, py_fail = (0, 0) if py is None else py.result()
    print(f"\nnotebooks: {nb_pass} passed, {nb_fail} failed; project tests: {py_pass} passed, "
          f"{py_fail} failed; {time.time()-t0:.0f}s")
    print(f"{nb_pass + py_pass} passed, {nb_fail + py_fail} failed")
    sys.exit(1 if (nb_fail + py_fail) or (nb_pass + py_pass) == 0 else 0)

if __name__ == '__main__': main()
