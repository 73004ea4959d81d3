#!/usr/bin/env bash
# Runs the whole Fulmen test suite. Works from any directory.
#
#   1. installs the test dependencies (scripts/install-test-deps.sh),
#   2. starts a throw-away PostgreSQL cluster (scripts/postgres.sh, stopped by its PID at the end),
#   3. runs `dotnet test Fulmen.slnx -c Release` with a TRX logger into
#      artifacts/test-results (cleared first): every test, the storage contract on SQLite and on PostgreSQL,
#   4. runs the server tests marked [Trait("Backend", "Both")] again with every server on PostgreSQL
#      (results in artifacts/test-results/postgresql),
#   5. lists failed tests and prints, as its very last line,
#      "N passed, N failed, N skipped" summed over all TRX files of this run.
#
# Exits non-zero if a test failed, if `dotnet test` failed, or if no test ran.
# Extra arguments are passed to the first `dotnet test` (e.g. --filter "FullyQualifiedName~Storage");
# FULMEN_TEST_SKIP_POSTGRES_PASS=1 leaves out step 4.
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
dotnet test Fulmen.slnx -c Release --logger "trx" --results-directory "$RESULTS_DIR" "$@"
dotnet_rc=$?
if [[ -z "${FULMEN_TEST_SKIP_POSTGRES_PASS:-}" ]]; then
    echo
    echo "Server tests again, every server on PostgreSQL:"
    FULMEN_TEST_BACKEND=postgresql dotnet test tests/Fulmen.Server.Tests -c Release --no-build --filter "Backend=Both" \
        --logger "trx" --results-directory "$RESULTS_DIR/postgresql"
    pg_rc=$?
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
