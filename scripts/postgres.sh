#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests, in a directory of its own.
#
#   scripts/postgres.sh start DIR    initdb into DIR/data (first time), start on a free 127.0.0.1 port
#                                    (the same port again on a restart), wait until ready, write DIR/port
#                                    and DIR/pid, print postgresql://postgres:postgres@127.0.0.1:PORT/postgres
#   scripts/postgres.sh stop DIR     fast shutdown of the server whose PID is in DIR/pid; waits until it is gone
#   scripts/postgres.sh restart DIR  stop, then start on the same port and data
#   scripts/postgres.sh destroy DIR  immediate shutdown (no checkpoint: nothing is kept) and DIR removed
#
# Installs nothing (scripts/install-test-deps.sh installs Debian's postgresql). As root, the server runs as the
# unprivileged `postgres` user, which owns DIR. Only loopback TCP (password) and a unix socket in DIR (trust).
set -euo pipefail

log() { printf '[postgres.sh] %s\n' "$*" >&2; }
die() { printf '[postgres.sh] ERROR: %s\n' "$*" >&2; exit 1; }

usage() { die "usage: $0 start|stop|restart|destroy DIR"; }
(($# == 2)) || usage
command=$1
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
DATA=$DIR/data

# Newest installed major version.
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V | tail -n 1 || true)
[[ -n "$BIN" && -x "$BIN/postgres" ]] || die "no PostgreSQL under /usr/lib/postgresql/*/bin (run scripts/install-test-deps.sh)"

RUN_AS=()
if [[ $(id -u) -eq 0 ]]; then
    # initdb and postgres refuse to run as root.
    if ! id postgres >/dev/null 2>&1; then
        group=(--user-group)
        getent group postgres >/dev/null && group=(--gid postgres)
        useradd --system --no-create-home --shell /usr/sbin/nologin "${group[@]}" postgres
    fi
    RUN_AS=(runuser -u postgres --)
fi
as_owner() { "${RUN_AS[@]}" "$@"; }

running_pid() {
    [[ -f "$DIR/pid" ]] || return 1
    local pid
    pid=$(cat "$DIR/pid")
    # The PID must still be this cluster's postmaster, not a recycled number.
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
        tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$DATA" || return 1
    echo "$pid"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

init_cluster() {
    [[ -f "$DATA/PG_VERSION" ]] && return 0
    if ((${#RUN_AS[@]})); then
        chown postgres "$DIR"
        # The server user must be able to reach DIR.
        as_owner test -w "$DIR" || die "user postgres cannot write $DIR (is a parent directory private?)"
    fi
    local pwfile="$DIR/.pw"
    echo postgres >"$pwfile"
    ((${#RUN_AS[@]})) && chown postgres "$pwfile"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C \
        --auth-host=scram-sha-256 --auth-local=trust >"$DIR/initdb.log" 2>&1 ||
        { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
    rm -f "$pwfile"
}

start() {
    if pid=$(running_pid); then
        log "already running (pid $pid)"
        echo "postgresql://postgres:postgres@127.0.0.1:$(cat "$DIR/port")/postgres"
        return 0
    fi
    init_cluster
    local port attempts=0
    while :; do
        if [[ -f "$DIR/port" ]]; then
            port=$(cat "$DIR/port")
        else
            port=$((20000 + RANDOM % 40000))
            port_free "$port" || continue
        fi
        # fsync on: the tests check that what was acknowledged survives a restart.
        if as_owner "$BIN/pg_ctl" start -D "$DATA" -w -t 60 -l "$DIR/server.log" -s \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$DIR' -c fsync=on -c max_connections=200" \
            >/dev/null 2>&1; then
            break
        fi
        # A fixed port (restart) must not be changed; a random one may have been taken meanwhile.
        [[ -f "$DIR/port" ]] && { tail -n 20 "$DIR/server.log" >&2; die "could not start on port $port"; }
        ((++attempts < 5)) || { tail -n 20 "$DIR/server.log" >&2; die "could not start"; }
    done
    echo "$port" >"$DIR/port"
    head -n 1 "$DATA/postmaster.pid" >"$DIR/pid"
    "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30 || die "server on port $port is not ready"
    echo "postgresql://postgres:postgres@127.0.0.1:$port/postgres"
}

# SIGINT is PostgreSQL's fast shutdown: it disconnects clients instead of waiting for them (SIGTERM would) and
# writes a checkpoint. SIGQUIT is the immediate one, as after a crash: for a cluster about to be deleted.
stop() {
    local signal=${1:-INT} pid
    if ! pid=$(running_pid); then
        rm -f "$DIR/pid"
        log "not running"
        return 0
    fi
    kill "-$signal" "$pid"
    for _ in $(seq 600); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$DIR/pid"; return 0; }
        sleep 0.1
    done
    log "pid $pid still running after 60 s; sending SIGQUIT"
    kill -QUIT "$pid" 2>/dev/null || true
    sleep 1
    rm -f "$DIR/pid"
}

case "$command" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    destroy) stop QUIT; rm -rf "$DIR" ;;
    *) usage ;;
esac
