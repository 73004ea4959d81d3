#!/usr/bin/env bash
# Benchmarks Fulmen's invoke path against the bare Runtime API loop (see docs/benchmarks.md).
#
#   bench/run.sh [--quick] [--runtimes provided,nodejs] [--concurrency N] [--work-dir DIR] [--install-deps]
#   bench/run.sh --async [--quick] [--work-dir DIR]
#
# Needs: the .NET 10 SDK, a C compiler (gcc + libc6-dev) and, for the Node.js case, node >= 20 on PATH.
# --install-deps installs the last two with apt-get (Debian/Ubuntu, as root). Run it as a user who may
# write cgroups (root) to measure Fulmen with its memory limits, as it is deployed.
#
# It builds the Fulmen server (Release) and the no-op runtime (bench/runtimes/noop-bootstrap.c), copies
# both into a work directory (so a rebuild of the tree during the run cannot change what is measured),
# then runs bench/Fulmen.Bench: a bare Runtime API stand-in and a Fulmen server, each on a free
# loopback port with its own data under the work directory. Results are printed as Markdown tables
# and saved to WORK/results.md and WORK/results.json, with a calibration of the machine's kernel
# (bench/runtimes/calibrate.c). A full run takes about 4 minutes on an idle 2-core machine, --quick
# about 1.5; on a busy machine each phase waits up to 10 s for quiet and is measured once more when
# other work took over 15% of the CPU during it, so it can take a few minutes longer.
#
# --async benchmarks asynchronous invocation instead (docs/benchmarks.md, "Asynchronous invocation"):
# durable enqueue into the SQLite store in-process and over HTTP, and the drain rate of a backlog against
# synchronous invokes of the same warm no-op function. It writes WORK/async-results.md and .json and
# takes about 2.5 minutes (--quick: about 1). Put the work directory on the disk you deploy on: fsync is
# what it measures (a tmpfs work directory would make every commit free).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=()
extra=()
mode=()
work=""
install_deps=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=(--quick); shift ;;
    --async) mode=(--async); shift ;;
    --runtimes|--concurrency) extra+=("$1" "$2"); shift 2 ;;
    --work-dir) work="$2"; shift 2 ;;
    --install-deps) install_deps=1; shift ;;
    -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

if [[ $install_deps -eq 1 ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev nodejs >/dev/null
fi
command -v dotnet >/dev/null || { echo "bench/run.sh: the .NET 10 SDK (dotnet) is required." >&2; exit 1; }
cc="$(command -v cc || command -v gcc || true)"
[[ -n "$cc" ]] || { echo "bench/run.sh: a C compiler is required: apt-get install gcc libc6-dev (or run with --install-deps)." >&2; exit 1; }
command -v node >/dev/null || echo "bench/run.sh: node is not on PATH; the nodejs20.x case will be skipped (apt-get install nodejs)." >&2

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work="${work:-$(mktemp -d "${TMPDIR:-/tmp}/fulmen-bench.XXXXXX")}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
echo "Work directory: $work" >&2

echo "Building the Fulmen server (Release) and the benchmark…" >&2
dotnet build "$root/src/Fulmen.Server/Fulmen.Server.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$root/bench/Fulmen.Bench/Fulmen.Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
rm -rf "$work/server" "$work/bench"
cp -r "$root/artifacts/bin/Fulmen.Server/release" "$work/server"
cp -r "$root/artifacts/bin/Fulmen.Bench/release" "$work/bench"

echo "Compiling the no-op bootstrap and the calibration…" >&2
"$cc" -O2 -Wall -o "$work/noop-bootstrap" "$root/bench/runtimes/noop-bootstrap.c"
"$cc" -O2 -Wall -o "$work/calibrate" "$root/bench/runtimes/calibrate.c"

exec dotnet "$work/bench/Fulmen.Bench.dll" run \
  --server-dir "$work/server" \
  --bootstrap "$work/noop-bootstrap" \
  --node-function "$root/bench/functions/nodejs-noop" \
  --work-dir "$work" \
  --calibrate "$work/calibrate" \
  ${quick[@]+"${quick[@]}"} ${mode[@]+"${mode[@]}"} ${extra[@]+"${extra[@]}"}
