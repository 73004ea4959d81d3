#!/usr/bin/env python3
"""Sum the results of all TRX files under a directory.

Usage: test-summary.py RESULTS_DIR

Prints the names of failed tests (if any), then, as its last line,
exactly "N passed, N failed, N skipped".

Exit status: 0 if at least one test ran (passed + failed > 0) and none
failed; 1 otherwise; 2 on bad usage or an unreadable TRX file.

Counting rules (per top-level UnitTestResult of each TRX):
  Passed, PassedButRunAborted, Warning            -> passed
  NotExecuted, Inconclusive, NotRunnable, Pending  -> skipped
  anything else (Failed, Error, Timeout, Aborted,
  Disconnected, InProgress, ...)                   -> failed
When a TRX holds no UnitTestResult at all but its ResultSummary/Counters
report failures or errors (e.g. a test host that crashed), those count as
failed too. Errors the run reports outside any test (RunInfo with outcome
Error other than xunit's "[FAIL]" line of a failed test, e.g. a fixture whose
cleanup threw) count as one failure per file, so that the last line never says
"0 failed" of a run that failed.
"""
import os
import sys
import xml.etree.ElementTree as ET

PASSED = {"passed", "passedbutrunaborted", "warning"}
SKIPPED = {"notexecuted", "inconclusive", "notrunnable", "pending"}
MAX_LISTED = 50


def local(tag):
    return tag.rsplit("}", 1)[-1]


def children(elem, name):
    return [c for c in elem if local(c.tag) == name]


def summarize_file(path):
    passed = failed = skipped = 0
    failures = []
    root = ET.parse(path).getroot()
    results = [r for res in children(root, "Results") for r in children(res, "UnitTestResult")]
    for r in results:
        outcome = (r.get("outcome") or "").lower()
        if outcome in PASSED:
            passed += 1
        elif outcome in SKIPPED:
            skipped += 1
        else:
            failed += 1
            failures.append((r.get("testName") or "<unnamed test>", outcome or "no outcome"))
    # xunit also reports each failed test here ("... [FAIL]"), already counted above; anything else is an error of
    # the run itself, counted once per file however many lines it took.
    run_errors = []
    for summary in children(root, "ResultSummary"):
        for infos in children(summary, "RunInfos"):
            for info in children(infos, "RunInfo"):
                if (info.get("outcome") or "").lower() == "error":
                    text = " ".join("".join(t.itertext()) for t in children(info, "Text")).strip()
                    if text and not text.endswith("[FAIL]"):
                        run_errors.append(text.splitlines()[0])
    if run_errors:
        failed += 1
        more = f" (and {len(run_errors) - 1} more lines)" if len(run_errors) > 1 else ""
        failures.append((f"<run error> {run_errors[0]}{more}", "run error"))
    if not results:
        # No per-test results: fall back on the run's counters for failures.
        for summary in children(root, "ResultSummary"):
            for counters in children(summary, "Counters"):
                bad = sum(int(counters.get(k, "0") or 0) for k in ("failed", "error", "timeout", "aborted"))
                if bad:
                    failed += bad
                    failures.append((f"<{bad} unnamed failure(s) in {os.path.basename(path)}>", "counters"))
    return passed, failed, skipped, failures


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    results_dir = argv[1]
    trx_files = []
    for dirpath, _dirs, files in os.walk(results_dir):
        trx_files.extend(os.path.join(dirpath, f) for f in files if f.lower().endswith(".trx"))
    trx_files.sort()

    passed = failed = skipped = 0
    failures = []
    status = 0
    for path in trx_files:
        try:
            p, f, s, fl = summarize_file(path)
        except (ET.ParseError, OSError, ValueError) as exc:
            print(f"cannot read {path}: {exc}", file=sys.stderr)
            status = 2
            continue
        passed += p
        failed += f
        skipped += s
        # A run kept in a subdirectory (e.g. postgresql/) names its failures with it.
        run = os.path.relpath(os.path.dirname(path), results_dir).split(os.sep)[0]
        failures.extend((name if run == "." else f"[{run}] {name}", outcome) for name, outcome in fl)

    print(f"Test result files: {len(trx_files)} in {results_dir}")
    if failures:
        print(f"Failed tests ({len(failures)}):")
        for name, outcome in failures[:MAX_LISTED]:
            suffix = "" if outcome == "failed" else f" [{outcome}]"
            print(f"  FAILED {name}{suffix}")
        if len(failures) > MAX_LISTED:
            print(f"  ... and {len(failures) - MAX_LISTED} more")
    sys.stdout.flush()

    if status == 0 and (failed > 0 or passed + failed == 0):
        status = 1
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
