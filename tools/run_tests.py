#!/usr/bin/env python
"""The project's test suite: the project checks (pytest, `tests/`) and every notebook under
`nbdev_test`.

Each notebook runs in its own `nbdev_test` process (two at a time): the embedded store (chdb) allows
one data folder per process, and a fresh process per notebook also keeps notebooks from leaking
state into each other. The longest notebooks start first (`tools/test_times.json`, seconds measured
by an earlier run; `--save-times` rewrites it), so that no long one starts last and runs alone.
Each notebook's line gives its wall time and the CPU time of its process tree. Ends with one line
`N passed, N failed` counting notebooks and tests.
Usage: python tools/run_tests.py [--flags slow] [--workers 2] [--only PATTERN] [--save-times]"""
import argparse, json, os, re, signal, subprocess, sys, threading, time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

def notebooks(pattern=None):
    "Every notebook nbdev_test would run: nbs/**/*.ipynb, skipping names starting '_' or '.'."
    skip = lambda p: any(part.startswith(('_', '.')) for part in p.relative_to(ROOT/'nbs').parts)
    nbs = sorted(p for p in (ROOT/'nbs').rglob('*.ipynb') if not skip(p))
    return [p for p in nbs if pattern is None or re.search(pattern, p.name)]

TIMES = ROOT/'tools'/'test_times.json'

def known_times() -> dict:
    "Notebook name -> seconds, as an earlier run measured them (`--save-times`)."
    return json.loads(TIMES.read_text()) if TIMES.exists() else {}

def longest_first(nbs):
    "`nbs` with the longest (by `TIMES`) first; a notebook not timed yet counts as the longest."
    known = known_times()
    return sorted(nbs, key=lambda p: -known.get(p.name, float('inf')))

def run_notebook(nb, flags, timeout):
    "(nb, passed, wall s, CPU s of the process tree, output) of one notebook under nbdev_test."
    cmd = [str(BIN/'nbdev_test'), '--path', str(nb)] + (['--flags', flags] if flags else [])
    t, chunks, killed = time.time(), [], False
    p = subprocess.Popen(cmd, cwd=ROOT/'nbs', stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, start_new_session=True)   # its own group: a kill ends it all
    reader = threading.Thread(target=lambda: chunks.append(p.stdout.read())); reader.start()
    while True:               # os.wait4, not Popen.wait: it also returns the child's CPU time
        pid, status, use = os.wait4(p.pid, os.WNOHANG)
        if pid: break
        if time.time() - t > timeout and not killed:
            os.killpg(p.pid, signal.SIGKILL); killed = True
        time.sleep(0.2)
    p.returncode = os.waitstatus_to_exitcode(status)
    reader.join(); p.stdout.close()
    out = ''.join(chunks) + (f"\ntimed out after {timeout}s" if killed else '')
    return nb, p.returncode == 0 and not killed, time.time() - t, use.ru_utime + use.ru_stime, out

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
    ap.add_argument('--save-times', action='store_true',
                    help='write the measured notebook times to tools/test_times.json')
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
    nbs = longest_first(notebooks(a.only))
    print(f"\nnbdev_test: {len(nbs)} notebooks, {a.workers} at a time with the project tests, "
          f"flags={a.flags or '(default)'}, OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}",
          flush=True)
    nb_pass, nb_fail, times, cpu = 0, 0, {}, 0.0
    with ThreadPoolExecutor(a.workers) as ex:
        # the project tests (mostly one thread) take a worker first; the notebooks share the rest
        py = None if a.no_pytest else ex.submit(run_pytest, a.flags)
        for nb, ok, secs, used, out in ex.map(lambda p: run_notebook(p, a.flags, a.timeout), nbs):
            rel = nb.relative_to(ROOT/'nbs')
            print(f"{'PASS' if ok else 'FAIL'} {rel} ({secs:.1f}s, cpu {used:.1f}s)", flush=True)
            times[nb.name], cpu = round(secs, 1), cpu + used
            if ok: nb_pass += 1
            else: nb_fail += 1; print(out[-6000:], flush=True)
        py_pass, py_fail = (0, 0) if py is None else py.result()
    if a.save_times:          # merged: a run of some notebooks (--only) keeps the others' times
        merged = dict(sorted({**known_times(), **times}.items()))
        TIMES.write_text(json.dumps(merged, indent=1) + '\n')
    print(f"\nnotebooks: {nb_pass} passed, {nb_fail} failed ({sum(times.values()):.0f}s wall, "
          f"{cpu:.0f}s cpu in all); project tests: {py_pass} passed, {py_fail} failed; "
          f"{time.time()-t0:.0f}s")
    print(f"{nb_pass + py_pass} passed, {nb_fail + py_fail} failed")
    sys.exit(1 if (nb_fail + py_fail) or (nb_pass + py_pass) == 0 else 0)

if __name__ == '__main__': main()
