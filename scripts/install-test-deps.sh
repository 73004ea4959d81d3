#!/usr/bin/env bash
# Installs everything the Fulmen test suite needs beyond the .NET SDK.
#
# Idempotent and quick when everything is already there:
#   * Debian packages are installed only when missing, and `apt-get update`
#     runs only when something has to be installed.
#   * tests/js/node_modules is (re)installed with `npm ci` only when
#     package.json / package-lock.json / the node version changed since the
#     last successful install, or the native build of aws-lambda-ric is gone.
#     A copy of the last good node_modules is kept per machine in
#     ${FULMEN_TEST_DEPS_CACHE:-~/.cache/fulmen-test-deps}, so a fresh clone on
#     the same machine (CI) restores it in seconds instead of rebuilding.
#
# What the tests can rely on afterwards:
#   /usr/bin/aws                      Debian's AWS CLI (package awscli, v2.x).
#                                     Use this path: `aws` on PATH may be a shim.
#   clang, zlib1g-dev                 for `dotnet publish -p:PublishAot=true`.
#   /usr/lib/postgresql/*/bin         PostgreSQL server binaries for scripts/postgres.sh.
#   tests/js/node_modules             @aws-sdk/client-lambda and aws-lambda-ric
#                                     (with its native rapid-client.node built).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"
JS_DIR="$REPO_ROOT/tests/js"

log() { printf '[install-test-deps] %s\n' "$*"; }
die() { printf '[install-test-deps] ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "not root and sudo is unavailable; cannot install Debian packages"
    SUDO=(sudo)
fi

# ---------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------
is_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == "installed" ]]
}

# awscli: the AWS CLI the tests drive (Debian 12 ships v2: 2.9.19).
# autoconf automake libtool make g++ cmake: aws-lambda-ric's install scripts
# compile curl and aws-lambda-cpp from the sources it ships, then node-gyp.
# python3: node-gyp and scripts/test-summary.py.
# curl: the shell bootstraps of provided-runtime test functions talk to the Runtime API with it.
# clang zlib1g-dev: the native toolchain a Native AOT C# function is linked with (NativeAotTests).
# postgresql: the server binaries scripts/postgres.sh runs throw-away clusters with (Fulmen.Storage.Tests).
wanted=(awscli autoconf automake libtool make g++ cmake python3 curl clang zlib1g-dev postgresql)

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    # No node at all: fall back to Debian's (v18 on bookworm), with its
    # headers (libnode-dev) so node-gyp needs no download.
    wanted+=(nodejs npm libnode-dev)
fi

missing=()
for pkg in "${wanted[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq
    # Debian starts a system-wide PostgreSQL when the package is installed; the tests run clusters of their own
    # (scripts/postgres.sh), so keep services from starting during the install.
    policy=""
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        policy=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
        "${SUDO[@]}" chmod +x "$policy"
    fi
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null
    [[ -z "$policy" ]] || "${SUDO[@]}" rm -f "$policy"
else
    log "Debian packages already installed"
fi

[[ -x /usr/bin/aws ]] || die "/usr/bin/aws missing after installing awscli"
command -v node >/dev/null 2>&1 || die "node is not available"
command -v npm >/dev/null 2>&1 || die "npm is not available"

# ---------------------------------------------------------------------------
# 2. npm test dependencies (tests/js)
# ---------------------------------------------------------------------------
# node-gyp (used by aws-lambda-ric) would otherwise download node's headers
# from the internet, which is unreachable here; point it at the installed ones.
NODE_PREFIX="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
if [[ -z "${npm_config_nodedir:-}" ]]; then
    if [[ -f "$NODE_PREFIX/include/node/node.h" ]]; then
        export npm_config_nodedir="$NODE_PREFIX"
    elif [[ -f /usr/include/node/node.h ]]; then
        export npm_config_nodedir=/usr
    else
        log "warning: no node headers found (include/node/node.h); node-gyp may try to download them"
    fi
fi

RIC_NODE="$JS_DIR/node_modules/aws-lambda-ric/rapid-client.node"
STAMP="$JS_DIR/node_modules/.fulmen-install-stamp"
NPM_LOG="$JS_DIR/npm-install.log"
# Machine-local copy of the last good node_modules, so that a fresh clone on
# the same machine (e.g. CI) skips the native build. Keyed by the stamp below.
CACHE_ROOT="${FULMEN_TEST_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fulmen-test-deps}"

stamp_value() {
    {
        cat "$JS_DIR/package.json"
        [[ -f "$JS_DIR/package-lock.json" ]] && cat "$JS_DIR/package-lock.json"
        node --version
        uname -m
    } | sha256sum | cut -d' ' -f1
}

# Cheap check: the native addon loads and the SDK resolves. rapid-client.node
# reads AWS_LAMBDA_RUNTIME_API when loaded; nothing connects to it.
js_deps_ok() {
    [[ -f "$RIC_NODE" ]] || return 1
    (cd "$JS_DIR" && AWS_LAMBDA_RUNTIME_API=127.0.0.1:9 node -e \
        "require('./node_modules/aws-lambda-ric/rapid-client.node'); require('@aws-sdk/client-lambda')") >/dev/null 2>&1
}

want_stamp="$(stamp_value)"
cache_dir="$CACHE_ROOT/js-$want_stamp"

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want_stamp" ]] && js_deps_ok; then
    log "tests/js/node_modules up to date"
else
    rm -f "$STAMP"
    restored=0
    if [[ -f "$cache_dir/node_modules/aws-lambda-ric/rapid-client.node" ]]; then
        log "restoring tests/js/node_modules from $cache_dir"
        rm -rf "$JS_DIR/node_modules"
        if cp -a "$cache_dir/node_modules" "$JS_DIR/node_modules" && js_deps_ok; then
            restored=1
        else
            log "cached copy is unusable; discarding it"
            rm -rf "$cache_dir" "$JS_DIR/node_modules"
        fi
    fi

    if ((!restored)); then
        if [[ -f "$JS_DIR/package-lock.json" ]]; then
            npm_cmd=(npm ci)
        else
            npm_cmd=(npm install)
        fi
        log "running '${npm_cmd[*]}' in tests/js (builds aws-lambda-ric natively, ~2-4 min; log: tests/js/npm-install.log)"
        start=$SECONDS
        if ! (cd "$JS_DIR" && "${npm_cmd[@]}" --foreground-scripts --no-audit --no-fund) >"$NPM_LOG" 2>&1; then
            echo "----- last 60 lines of tests/js/npm-install.log -----" >&2
            tail -n 60 "$NPM_LOG" >&2
            die "'${npm_cmd[*]}' failed in tests/js"
        fi
        log "npm finished in $((SECONDS - start))s"
        [[ -f "$RIC_NODE" ]] || die "aws-lambda-ric installed but its native rapid-client.node was not built (see tests/js/npm-install.log)"
        js_deps_ok || die "tests/js dependencies were installed but do not load (see tests/js/npm-install.log)"

        # Best effort: keep only this one cached copy.
        if mkdir -p "$CACHE_ROOT" 2>/dev/null; then
            tmp="$(mktemp -d "$CACHE_ROOT/.tmp.XXXXXX")" &&
                cp -a "$JS_DIR/node_modules" "$tmp/node_modules" &&
                find "$CACHE_ROOT" -mindepth 1 -maxdepth 1 \( -name 'js-*' -o -name '.tmp.*' \) \
                    ! -path "$tmp" -exec rm -rf {} + &&
                mv "$tmp" "$cache_dir" ||
                { log "warning: could not cache node_modules in $CACHE_ROOT"; rm -rf "${tmp:-}"; }
        fi
    fi
    echo "$want_stamp" >"$STAMP"
fi

log "ready: $(/usr/bin/aws --version 2>&1 | cut -d' ' -f1), node $(node --version), aws-lambda-ric $(node -p "require('$JS_DIR/node_modules/aws-lambda-ric/package.json').version")"
