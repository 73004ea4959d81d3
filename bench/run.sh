#!/usr/bin/env bash
# Benchmarks Fulmen's invoke path against the bare Runtime API loop (see docs/benchmarks.md).
#
#   bench/run.sh [--quick] [--runtimes provided,nodejs] [--concurrency N] [--work-dir DIR] [--install-deps]
#   bench/run.sh --async [--quick] [--work-dir DIR]
#   bench/run.sh --http-trigger [--quick] [--work-dir DIR] [--install-deps]
#   bench/run.sh --dotnet-cold-start [--quick] [--dotnet-phases bare,hostcpu,nopool,pool] [--work-dir DIR]
#   bench/run.sh --script-cold-start [--quick] [--work-dir DIR]
#   bench/run.sh --queues [--quick] [--work-dir DIR]
#   bench/run.sh --events [--quick] [--work-dir DIR]
#   bench/run.sh --s3-notify [--quick] [--work-dir DIR]
#   bench/run.sh --schedules [--quick] [--work-dir DIR]
#   bench/run.sh --topics [--quick] [--work-dir DIR]
#   bench/run.sh --s3 [--quick] [--work-dir DIR]
#   bench/run.sh --runtime-clients [--baseline REV] [--quick] [--work-dir DIR] [--install-deps]
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
# durable enqueue into the queue in-process (SQLite, and PostgreSQL in a throw-away cluster started by
# scripts/postgres.sh on the work directory's disk) and over HTTP, and the drain rate of a backlog against
# synchronous invokes of the same warm no-op function. It writes WORK/async-results.md and .json and
# takes about 2.5 minutes (--quick: about 1). Put the work directory on the disk you deploy on: fsync is
# what it measures (a tmpfs work directory would make every commit free).
#
# --http-trigger compares a Node.js hello-world behind a Fulmen function URL with the same handler behind
# serverless-offline 14.8.2 (serverless 3.40.0), both under wrk (docs/benchmarks.md, "HTTP triggers"). It needs
# wrk and npm (--install-deps installs wrk); bench/http-trigger/node_modules is installed once per machine into
# ${FULMEN_BENCH_CACHE:-~/.cache/fulmen-bench} (about a minute) and reused. It writes WORK/http-trigger-results.md
# and .json and takes about 3 minutes with the build after the first time (--quick: about 1.5).
#
# --dotnet-cold-start measures C# cold starts (docs/benchmarks.md, "C# cold start"): bench/functions/dotnet-noop,
# published with `dotnet publish -c Release`, started bare against the stand-in, then through Fulmen without and with
# --prewarmed-dotnet-hosts 2, then warm next to the provided.al2023 no-op. It writes WORK/dotnet-cold-start-results.md
# and .json and takes about 4 minutes with the build on an idle 2-core machine (--quick: about 2.5).
# --dotnet-phases runs only some phases, e.g. `--dotnet-phases hostcpu`: the host's own CPU per warm invoke
# against the stand-in (under a minute after the build).
#
# --script-cold-start measures Node.js and Python cold starts (docs/benchmarks.md, "Node.js and Python cold start"): each
# handler module's own load timed by node / python3 in a fresh process, then the first invoke through Fulmen without and
# with --prewarmed-node-hosts / --prewarmed-python-hosts 1. It writes WORK/script-cold-start-results.md and .json and
# takes about 3 minutes with the build (--quick: about 1.5).
#
# --queues measures SQS-compatible queues and event source mappings (docs/benchmarks.md, "Queues and event source
# mappings"): SendMessageBatch / ReceiveMessage / DeleteMessageBatch on one queue from concurrent clients, a mapping
# (batch size 10) draining 100,000 waiting messages into the no-op, and send -> handler start at 1,000 messages/s
# (the no-op stamps CLOCK_REALTIME with NOOP_STAMP). It writes WORK/queues-results.md and .json and takes about
# 2 minutes with the build (--quick: 20,000 messages and 3 s phases, about 1).
#
# --events measures event buses (docs/benchmarks.md, "Event buses"): PutEvents -> a Lambda target (the stamping no-op)
# with 1, 100 and 1,000 rules on the bus of which one matches: send -> handler start at 200 events/s, then accepted
# events/s from 4 closed-loop clients sending 10 entries a call. It writes WORK/events-results.md and .json and takes
# about 2 minutes with the build (--quick: about 1).
#
# --s3-notify measures bucket notifications (docs/benchmarks.md, "Bucket notifications"): PUT object -> the function
# the bucket's notification invokes (the stamping no-op), PUT -> handler start at 200 PUTs/s. WORK/s3-notify-results.md.
#
# --schedules measures the schedule engine (docs/benchmarks.md, "Schedules"): 10,000 schedules at rate(1 minute) in
# the benchmark's own process on the real clock over SQLite in the work directory, first with due times spread over
# the minute, then all due at the same instant; the lag of each tick comes from the engine's own measure. It writes
# WORK/schedules-results.md and .json and takes about 6 minutes with the build (--quick: about 3).
#
# --topics measures SNS-compatible topics (docs/benchmarks.md, "Topics"): Publish from 4 closed-loop clients to a topic
# with 10 function subscriptions (the stamping no-op), then to one with 10 queue subscriptions (raw), each with a filter
# policy the messages match: publishes/s accepted and deliveries/s until the last delivery arrived. It writes
# WORK/topics-results.md and .json and takes about 2 minutes with the build (--quick: about 1).
#
# --s3 measures the S3-compatible store (docs/benchmarks.md, "Buckets (S3)"): 4 KiB PUT and GET requests/s from 4
# closed-loop clients (unsigned path-style requests), then one 1 GiB PUT streamed from a generated body and its GET
# streamed to a sink, then the same size as a multipart upload as aws s3 cp makes it (8 MiB parts, 4 and then 10 in
# flight, each checked: part ETags, size, md5-of-md5s ETag, a range across a part boundary) and the GET of that object,
# in MB/s beside dd's write (conv=fdatasync) and read rates on the work directory's disk. Put the
# work directory on the disk to measure. It writes WORK/s3-results.md and .json and takes about 2 minutes with the
# build (--quick: 256 MiB and 3 s phases, about 1).
#
# --runtime-clients measures the Runtime API clients (docs/benchmarks.md, "Runtime clients"): the same no-op function
# on one Fulmen server under Fulmen's sdk/runtimes/nodejs/bootstrap.js, AWS's aws-lambda-ric 4.0.2, Fulmen's
# sdk/runtimes/python/bootstrap.py and AWS's awslambdaric 4.2.2 (when pip can install it), with --baseline REV also
# Fulmen's two bootstraps as of git revision REV; CPU per warm invoke of the runtime processes, the server and the load
# client, sequentially and from 4 concurrent loops. aws-lambda-ric builds curl and aws-lambda-cpp from source: it needs
# cmake, make, g++ and python3 (--install-deps installs them) and is installed once per machine into
# ${FULMEN_BENCH_CACHE:-~/.cache/fulmen-bench} (about 2 minutes) and reused. It writes WORK/runtime-clients-results.md
# and .json and takes about 8 minutes with the build (--quick: about 3).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=()
extra=()
mode=()
work=""
install_deps=0
baseline=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=(--quick); shift ;;
    --async) mode=(--async); shift ;;
    --http-trigger) mode=(--http-trigger); shift ;;
    --dotnet-cold-start) mode=(--dotnet-cold-start); shift ;;
    --script-cold-start) mode=(--script-cold-start); shift ;;
    --queues) mode=(--queues); shift ;;
    --events) mode=(--events); shift ;;
    --s3-notify) mode=(--s3-notify); shift ;;
    --schedules) mode=(--schedules); shift ;;
    --topics) mode=(--topics); shift ;;
    --s3) mode=(--s3); shift ;;
    --runtime-clients) mode=(--runtime-clients); shift ;;
    --baseline) baseline="$2"; shift 2 ;;
    --runtimes|--concurrency) extra+=("$1" "$2"); shift 2 ;;
    --dotnet-phases) dotnet_phases=("$1" "$2"); shift 2 ;;
    --work-dir) work="$2"; shift 2 ;;
    --install-deps) install_deps=1; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

if [[ $install_deps -eq 1 ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev nodejs >/dev/null
  if [[ "${mode[*]-}" == --http-trigger ]]; then
    command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
  if [[ "${mode[*]-}" == --runtime-clients ]]; then
    command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmake make g++ python3 >/dev/null
  fi
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

if [[ "${mode[*]-}" == --http-trigger ]]; then
  for tool in wrk node npm; do
    command -v "$tool" >/dev/null || { echo "bench/run.sh: --http-trigger needs $tool (apt-get install wrk nodejs npm, or run with --install-deps)." >&2; exit 1; }
  done
  # serverless-offline and its handler in WORK/http-trigger; node_modules from the per-machine cache, keyed by
  # the lock file and the node version, installed there with `npm ci` the first time.
  src="$root/bench/http-trigger"
  key="$(cat "$src/package.json" "$src/package-lock.json" <(node --version) | sha256sum | cut -c1-16)"
  cache="${FULMEN_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fulmen-bench}"
  modules="$cache/http-trigger-$key/node_modules"
  if [[ ! -f "$modules/serverless-offline/package.json" ]]; then
    echo "Installing serverless 3.40.0 and serverless-offline 14.8.2 into $cache (once; log: $work/npm-install.log)…" >&2
    mkdir -p "$cache"
    tmp="$(mktemp -d "$cache/.tmp.XXXXXX")"
    cp "$src/package.json" "$src/package-lock.json" "$tmp/"
    (cd "$tmp" && npm ci --legacy-peer-deps --no-audit --no-fund) >"$work/npm-install.log" 2>&1 ||
      { tail -n 40 "$work/npm-install.log" >&2; rm -rf "$tmp"; echo "bench/run.sh: npm ci failed" >&2; exit 1; }
    find "$cache" -mindepth 1 -maxdepth 1 -name 'http-trigger-*' -exec rm -rf {} +
    mv "$tmp" "$cache/http-trigger-$key"
  fi
  rm -rf "$work/http-trigger"
  mkdir -p "$work/http-trigger"
  cp "$src/handler.js" "$src/serverless.yml" "$src/package.json" "$work/http-trigger/"
  ln -s "$modules" "$work/http-trigger/node_modules"
  export SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off FULMEN_BENCH_NODE_VERSION="$(node --version)"
  exec dotnet "$work/bench/Fulmen.Bench.dll" run --http-trigger \
    --server-dir "$work/server" --work-dir "$work" --offline-dir "$work/http-trigger" ${quick[@]+"${quick[@]}"}
fi

if [[ "${mode[*]-}" == --runtime-clients ]]; then
  for tool in node npm python3; do
    command -v "$tool" >/dev/null || { echo "bench/run.sh: --runtime-clients needs $tool (apt-get install nodejs npm python3, or run with --install-deps)." >&2; exit 1; }
  done
  cache="${FULMEN_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fulmen-bench}"
  mkdir -p "$cache"
  clients=()
  # aws-lambda-ric from the per-machine cache, keyed by the lock file and the node version; its install builds
  # curl, aws-lambda-cpp and a native addon. node-gyp takes the node headers from the system's nodejs package when
  # it has them (it would download them otherwise).
  src="$root/bench/runtime-clients"
  key="$(cat "$src/package.json" "$src/package-lock.json" <(node --version) | sha256sum | cut -c1-16)"
  ric="$cache/runtime-clients-$key/node_modules/aws-lambda-ric"
  if [[ ! -f "$ric/rapid-client.node" ]]; then
    echo "Installing aws-lambda-ric 4.0.2 into $cache (once; log: $work/npm-install.log)…" >&2
    tmp="$(mktemp -d "$cache/.tmp.XXXXXX")"
    cp "$src/package.json" "$src/package-lock.json" "$tmp/"
    nodedir=()
    [[ -f /usr/include/node/node_api.h ]] && nodedir=(env npm_config_nodedir=/usr)
    if (cd "$tmp" && ${nodedir[@]+"${nodedir[@]}"} npm ci --no-audit --no-fund) >"$work/npm-install.log" 2>&1; then
      find "$cache" -mindepth 1 -maxdepth 1 -name 'runtime-clients-*' -exec rm -rf {} +
      mv "$tmp" "$cache/runtime-clients-$key"
    else
      tail -n 20 "$work/npm-install.log" >&2
      rm -rf "$tmp"
      echo "bench/run.sh: aws-lambda-ric did not install (needs cmake, make, g++, python3: --install-deps); measuring without it." >&2
    fi
  fi
  [[ -f "$ric/rapid-client.node" ]] && clients+=(--aws-lambda-ric "$ric")
  # awslambdaric with pip, when a package index answers; without it the Python reference is left out.
  python="$(python3 -c 'import sys; print(sys.executable)')"
  pyric="$cache/awslambdaric-4.2.2-$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  if [[ ! -d "$pyric/awslambdaric" ]]; then
    echo "Installing awslambdaric 4.2.2 into $pyric with pip (once)…" >&2
    "$python" -m pip install --quiet --disable-pip-version-check --retries 1 --timeout 15 --target "$pyric.tmp" awslambdaric==4.2.2 >"$work/pip-install.log" 2>&1 &&
      mv "$pyric.tmp" "$pyric" ||
      { rm -rf "$pyric.tmp"; echo "bench/run.sh: pip could not install awslambdaric 4.2.2 (see $work/pip-install.log); measuring without it." >&2; }
  fi
  [[ -d "$pyric/awslambdaric" ]] && clients+=(--awslambdaric "$pyric")
  if [[ -n "$baseline" ]]; then
    rm -rf "$work/baseline-runtimes"
    mkdir -p "$work/baseline-runtimes/nodejs" "$work/baseline-runtimes/python"
    git -C "$root" show "$baseline:sdk/runtimes/nodejs/bootstrap.js" >"$work/baseline-runtimes/nodejs/bootstrap.js"
    git -C "$root" show "$baseline:sdk/runtimes/python/bootstrap.py" >"$work/baseline-runtimes/python/bootstrap.py"
    clients+=(--baseline-runtimes "$work/baseline-runtimes")
  fi
  export FULMEN_BENCH_NODE_VERSION="$(node --version)" FULMEN_BENCH_PYTHON_VERSION="$("$python" --version 2>&1)"
  exec dotnet "$work/bench/Fulmen.Bench.dll" run --runtime-clients \
    --server-dir "$work/server" --work-dir "$work" --calibrate "$work/calibrate" \
    --node-function "$root/bench/functions/nodejs-noop" --python-function "$root/bench/functions/python-noop" --python "$python" \
    ${clients[@]+"${clients[@]}"} ${quick[@]+"${quick[@]}"}
fi

if [[ "${mode[*]-}" == --dotnet-cold-start ]]; then
  echo "Publishing the C# no-op (bench/functions/dotnet-noop)…" >&2
  rm -rf "$work/dotnet-noop"
  dotnet publish "$root/bench/functions/dotnet-noop/DotnetNoop.csproj" -c Release -o "$work/dotnet-noop" --nologo -v quiet -clp:ErrorsOnly >&2
  exec dotnet "$work/bench/Fulmen.Bench.dll" run --dotnet-cold-start \
    --server-dir "$work/server" --work-dir "$work" --dotnet-function "$work/dotnet-noop" \
    --bootstrap "$work/noop-bootstrap" --calibrate "$work/calibrate" ${quick[@]+"${quick[@]}"} ${dotnet_phases[@]+"${dotnet_phases[@]}"}
fi

if [[ "${mode[*]-}" == --script-cold-start ]]; then
  exec dotnet "$work/bench/Fulmen.Bench.dll" run --script-cold-start \
    --server-dir "$work/server" --work-dir "$work" --calibrate "$work/calibrate" ${quick[@]+"${quick[@]}"}
fi

if [[ "${mode[*]-}" == --events ]]; then
  exec dotnet "$work/bench/Fulmen.Bench.dll" run --events \
    --server-dir "$work/server" --work-dir "$work" --bootstrap "$work/noop-bootstrap" \
    --calibrate "$work/calibrate" ${quick[@]+"${quick[@]}"}
fi

if [[ "${mode[*]-}" == --topics ]]; then
  exec dotnet "$work/bench/Fulmen.Bench.dll" run --topics \
    --server-dir "$work/server" --work-dir "$work" --bootstrap "$work/noop-bootstrap" \
    --calibrate "$work/calibrate" ${quick[@]+"${quick[@]}"}
fi

if [[ "${mode[*]-}" == --s3-notify ]]; then
  exec dotnet "$work/bench/Fulmen.Bench.dll" run --s3-notify \
    --server-dir "$work/server" --work-dir "$work" --bootstrap "$work/noop-bootstrap" \
    --calibrate "$work/calibrate" ${quick[@]+"${quick[@]}"}
fi

if [[ "${mode[*]-}" == --s3 ]]; then
  exec dotnet "$work/bench/Fulmen.Bench.dll" run --s3 \
    --server-dir "$work/server" --work-dir "$work" --calibrate "$work/calibrate" ${quick[@]+"${quick[@]}"}
fi

if [[ "${mode[*]-}" == --schedules ]]; then
  exec dotnet "$work/bench/Fulmen.Bench.dll" run --schedules \
    --server-dir "$work/server" --work-dir "$work" --calibrate "$work/calibrate" ${quick[@]+"${quick[@]}"}
fi

if [[ "${mode[*]-}" == --queues ]]; then
  exec dotnet "$work/bench/Fulmen.Bench.dll" run --queues \
    --server-dir "$work/server" --work-dir "$work" --bootstrap "$work/noop-bootstrap" \
    --calibrate "$work/calibrate" ${quick[@]+"${quick[@]}"}
fi

if [[ "${mode[*]-}" == --async ]]; then
  # A PostgreSQL of the benchmark's own, stopped by its PID when the run ends.
  rm -rf "$work/postgres"
  mkdir -p "$work/postgres"
  trap '"$root/scripts/postgres.sh" stop "$work/postgres" >/dev/null 2>&1 || true' EXIT
  extra+=(--postgres "$("$root/scripts/postgres.sh" start "$work/postgres" | tail -n 1)")
fi

dotnet "$work/bench/Fulmen.Bench.dll" run \
  --server-dir "$work/server" \
  --bootstrap "$work/noop-bootstrap" \
  --node-function "$root/bench/functions/nodejs-noop" \
  --work-dir "$work" \
  --calibrate "$work/calibrate" \
  ${quick[@]+"${quick[@]}"} ${mode[@]+"${mode[@]}"} ${extra[@]+"${extra[@]}"}
