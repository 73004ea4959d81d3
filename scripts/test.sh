#!/usr/bin/env bash
# Runs the whole Fulmen test suite. Works from any directory.
#
#   1. installs the test dependencies (scripts/install-test-deps.sh),
#   2. starts a throw-away PostgreSQL cluster (scripts/postgres.sh, stopped by its PID at the end),
#   3. builds once (`dotnet build Fulmen.slnx -c Release`), then runs side by side:
#      - `dotnet test Fulmen.slnx` with a TRX logger into artifacts/test-results (cleared first): every test,
#        the storage contract on SQLite and on PostgreSQL;
#      - the server tests marked [Trait("Backend", "Both")] again with every server on PostgreSQL
#        (results in artifacts/test-results/postgresql, its console output printed when it ends).
#      The second pass mostly waits on child processes, so on 2 cores the two together take little more than
#      the first alone,
#   4. lists failed tests and prints, as its very last line,
#      "N passed, N failed, N skipped" summed over all TRX files of this run.
#
# Exits non-zero if a test failed, if `dotnet test` failed, or if no test ran.
# Extra arguments are passed to the first `dotnet test` (e.g. --filter "FullyQualifiedName~Storage");
# FULMEN_TEST_SKIP_POSTGRES_PASS=1 leaves out the PostgreSQL pass.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"
RESULTS_DIR="artifacts/test-results"

scripts/install-test-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Paths the tests may use for the external test tools.
export FULMEN_TEST_AWS_CLI=/usr/bin/aws
export FULMEN_TEST_JS_DIR="$REPO_ROOT/tests/js"
# Never let an AWS CLI/SDK started by a test look for credentials on the EC2
# metadata endpoint (169.254.169.254): tests talk to loopback only.
export AWS_EC2_METADATA_DISABLED=true
export AWS_PAGER=""

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

PG_DIR="$(mktemp -d /tmp/fulmen-test-pg.XXXXXX)"
stop_postgres() { scripts/postgres.sh stop "$PG_DIR" >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
trap stop_postgres EXIT
FULMEN_TEST_POSTGRES_URL="$(scripts/postgres.sh start "$PG_DIR" | tail -n 1)"
export FULMEN_TEST_POSTGRES_URL
echo "PostgreSQL for the tests: ${FULMEN_TEST_POSTGRES_URL//:*@/:***@}"

set +e
dotnet build Fulmen.slnx -c Release
build_rc=$?
if [[ $build_rc -ne 0 ]]; then
    echo "dotnet build exited with code $build_rc: no test ran"
    /usr/bin/python3 scripts/test-summary.py "$RESULTS_DIR"
    exit "$build_rc"
fi
pg_pid=""
if [[ -z "${FULMEN_TEST_SKIP_POSTGRES_PASS:-}" ]]; then
    mkdir -p "$RESULTS_DIR/postgresql"
    FULMEN_TEST_BACKEND=postgresql dotnet test tests/Fulmen.Server.Tests -c Release --no-build --filter "Backend=Both" \
        --logger "trx" --results-directory "$RESULTS_DIR/postgresql" >"$RESULTS_DIR/postgresql/console.log" 2>&1 &
    pg_pid=$!
fi
dotnet test Fulmen.slnx -c Release --no-build --logger "trx" --results-directory "$RESULTS_DIR" "$@"
dotnet_rc=$?
if [[ -n "$pg_pid" ]]; then
    wait "$pg_pid"
    pg_rc=$?
    echo
    echo "Server tests again, every server on PostgreSQL:"
    cat "$RESULTS_DIR/postgresql/console.log"
    [[ $dotnet_rc -ne 0 ]] || dotnet_rc=$pg_rc
fi
set -e

echo
if [[ $dotnet_rc -ne 0 ]]; then
    echo "dotnet test exited with code $dotnet_rc"
fi

set +e
/usr/bin/python3 scripts/test-summary.py "$RESULTS_DIR"
summary_rc=$?
set -e

if [[ $dotnet_rc -ne 0 ]]; then
    exit "$dotnet_rc"
fi
exit "$summary_rc"
