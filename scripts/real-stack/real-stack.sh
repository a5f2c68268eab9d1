#!/usr/bin/env bash
# real-stack.sh — provision and run a REAL Dragonfly v2.5.1 manager + scheduler on 127.0.0.1, with
# dfdaemon 1.4.2 seed peers and peers, a file server and an image registry to preheat from.
#
#   real-stack.sh up [--no-scheduler] [--no-peers]
#                                       fresh work dir, MariaDB, Redis, manager, file server, registry
#                                       (+ scheduler, + peers)
#   real-stack.sh scheduler-up          start the scheduler and wait until it is active with "preheat"
#   real-stack.sh scheduler-down        stop only the scheduler (the manager marks it inactive)
#   real-stack.sh peers-up              start the seed peers and peers; wait until the scheduler knows them
#   real-stack.sh peers-down            stop the seed peers and peers (and restart a running scheduler)
#   real-stack.sh break-peer NAME       restart peer NAME so that it cannot reach any source
#   real-stack.sh manager-down          stop only the manager (its database, Redis and the rest keep running)
#   real-stack.sh manager-up            start the stopped manager again on the same database
#   real-stack.sh fix-peer NAME         restart peer NAME so that it reaches sources again
#   real-stack.sh down                  stop everything this script started (by recorded PID)
#   real-stack.sh status                show what is running; exit 0 when the manager is healthy
#   real-stack.sh build                 only build/verify the cached binaries
#
# stdout carries only machine-readable output (the stack JSON line for up / scheduler-up);
# progress goes to stderr. See README.md next to this file for the environment variables.
set -euo pipefail

DF_VERSION=v2.5.1
# Dragonfly v2.5.1 pins its Rust client at 1.4.2: the same dragonfly-api (2.2.32) as the scheduler.
DFDAEMON_VERSION=1.4.2
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WRAPPER_DIR=$SCRIPT_DIR/go-wrapper

DF_WORK_DIR=${DF_WORK_DIR:-/tmp/dragonfly-desk-real-stack}
DF_WORK_DIR=${DF_WORK_DIR%/}
STATE_ENV=$DF_WORK_DIR/stack.env
MARKER=$DF_WORK_DIR/.dragonfly-desk-real-stack
PIDS=$DF_WORK_DIR/pids
LOGS=$DF_WORK_DIR/log

# For the commands that act on a running stack, the settings recorded by `up` describe it and win
# over the environment.
if [[ "${1:-}" =~ ^(down|status|scheduler-up|scheduler-down|peers-up|peers-down|break-peer|fix-peer|manager-up|manager-down)$ &&
  -f "$STATE_ENV" ]]; then
  # shellcheck disable=SC1090
  . "$STATE_ENV"
fi

CACHE_DIR=${HOME:-/root}/.cache/dragonfly-desk
DF_BIN_DIR=${DF_BIN_DIR:-$CACHE_DIR/df-$DF_VERSION/bin}
DF_DFDAEMON_PROFILE=${DF_DFDAEMON_PROFILE:-debug}
DF_DFDAEMON_DIR=${DF_DFDAEMON_DIR:-$CACHE_DIR/dfdaemon-$DFDAEMON_VERSION-$DF_DFDAEMON_PROFILE}
DF_MYSQL_PORT=${DF_MYSQL_PORT:-13306}
DF_REDIS_PORT=${DF_REDIS_PORT:-16379}
DF_REST_PORT=${DF_REST_PORT:-18080}
DF_GRPC_PORT=${DF_GRPC_PORT:-65003}
DF_SCHEDULER_PORT=${DF_SCHEDULER_PORT:-18002}
# Each peer binds 7 ports from here on its own loopback IP.
DF_PEER_PORT=${DF_PEER_PORT:-14000}
DF_FILE_PORT=${DF_FILE_PORT:-18090}
# Nothing listens here: the proxy of a broken peer, and the host of an unreachable URL.
DF_CLOSED_PORT=${DF_CLOSED_PORT:-9}
DF_REGISTRY_NETNS=${DF_REGISTRY_NETNS:-dfdesk-reg}
DF_REGISTRY_HOST_IP=${DF_REGISTRY_HOST_IP:-10.77.0.1}
DF_REGISTRY_IP=${DF_REGISTRY_IP:-10.77.0.2}
# 48 chars, base64url without padding of a UUID string: the same shape the manager generates.
DF_PAT=${DF_PAT:-ZGY0ZGVzazAtcmVhbC00c3RrLThwYXQtMDAwMDAwMDAwMDAx}
DF_JWT_KEY=${DF_JWT_KEY:-dragonfly-desk-real-stack-jwt-key}
DF_SCHEDULER_HOST=${DF_SCHEDULER_HOST:-df-desk-scheduler}
DF_READY_TIMEOUT=${DF_READY_TIMEOUT:-120}
DF_KEEP_ON_FAILURE=${DF_KEEP_ON_FAILURE:-0}
DF_GO=${DF_GO:-go}
DF_CARGO=${DF_CARGO:-cargo}

ROOT_USER=root
ROOT_PASSWORD=dragonfly
MANAGER_URL=http://127.0.0.1:$DF_REST_PORT
MIN_GO=go1.25.5
DFDAEMON=$DF_DFDAEMON_DIR/bin/dfdaemon
FILES_URL=http://127.0.0.1:$DF_FILE_PORT
REGISTRY_URL=http://$DF_REGISTRY_IP:5000
VETH_HOST=$DF_REGISTRY_NETNS-h
VETH_NS=$DF_REGISTRY_NETNS-n
# name:ip:type. Each host has its own IP: the scheduler drops a success that shares an IP with a failure.
PEERS=(desk-seed-1:127.0.0.1:super desk-seed-2:127.0.0.2:super desk-peer-1:127.0.0.3:normal
  desk-peer-2:127.0.0.4:normal)
CURL=(curl --noproxy '*' -sS --max-time 5)
# Daemons never need a proxy; make sure none is inherited.
NOPROXY_ENV=(env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u all_proxy -u ALL_PROXY
  -u grpc_proxy -u GRPC_PROXY -u no_proxy -u NO_PROXY -u MANAGER_CONFIG -u SCHEDULER_CONFIG -u DRAGONFLY_PAT
  -u DFDAEMON_CONFIG -u DFDAEMON_LOG_LEVEL -u DFDAEMON_LOG_DIR -u DFDAEMON_CONSOLE)

log() { printf '[real-stack %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

for p in DF_MYSQL_PORT DF_REDIS_PORT DF_REST_PORT DF_GRPC_PORT DF_SCHEDULER_PORT DF_PEER_PORT DF_FILE_PORT \
  DF_CLOSED_PORT DF_READY_TIMEOUT; do
  [[ "${!p}" =~ ^[0-9]+$ ]] || die "$p must be a number (got '${!p}')"
done
[[ "$DF_WORK_DIR" == /* && "$DF_WORK_DIR" != / && "$DF_WORK_DIR" != /tmp ]] ||
  die "DF_WORK_DIR must be an absolute path below / (got '$DF_WORK_DIR')"
[[ "$DF_DFDAEMON_PROFILE" =~ ^(debug|release)$ ]] || die "DF_DFDAEMON_PROFILE must be debug or release"
# Interface names hold at most 15 characters.
[[ "$DF_REGISTRY_NETNS" =~ ^[a-z0-9-]{1,13}$ ]] || die "DF_REGISTRY_NETNS must be 1-13 of [a-z0-9-]"

# ---------------------------------------------------------------------------------------------
# process bookkeeping: <name>.pid holds the PID, <name>.start the kernel start time (field 22 of
# /proc/PID/stat), so a recycled PID is never mistaken for ours.
# ---------------------------------------------------------------------------------------------
proc_start() { # pid -> start time, or nothing if gone or a zombie (exited, not yet reaped)
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  s=${s##*) }          # drop "pid (comm) " — comm may contain spaces
  # field 3 overall (state) is field 1 here; field 22 (start time) is field 20
  awk '$1 != "Z" && $1 != "X" { print $20 }' <<<"$s"
}

pid_of() { # name -> pid if that process is alive and ours
  local name=$1 pid start
  [[ -s "$PIDS/$name.pid" && -s "$PIDS/$name.start" ]] || return 1
  pid=$(<"$PIDS/$name.pid"); start=$(<"$PIDS/$name.start")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(proc_start "$pid")" == "$start" ]] || return 1
  echo "$pid"
}

start_bg() { # name logfile cmd... ; runs cmd in its own session, stdin /dev/null
  local name=$1 logf=$2 pid="" i
  shift 2
  rm -f "$PIDS/$name.pid" "$PIDS/$name.start"
  # The inner shell records its own PID and then execs the command, so the PID is the daemon's
  # even if setsid has to fork.
  setsid bash -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$PIDS/$name.pid" "$@" \
    </dev/null >>"$logf" 2>&1 &
  for ((i = 0; i < 100; i++)); do
    [[ -s "$PIDS/$name.pid" ]] && { pid=$(<"$PIDS/$name.pid"); break; }
    sleep 0.05
  done
  [[ -n "$pid" ]] || die "$name did not start (no PID file)"
  proc_start "$pid" >"$PIDS/$name.start"
  [[ -s "$PIDS/$name.start" ]] || { tail_log "$name" "$logf"; die "$name exited immediately"; }
  log "$name started, PID $pid, log $logf"
}

stop_proc() { # name [timeout]
  local name=$1 timeout=${2:-30} pid i
  if ! pid=$(pid_of "$name"); then
    rm -f "$PIDS/$name.pid" "$PIDS/$name.start"
    return 0
  fi
  log "stopping $name (PID $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    pid_of "$name" >/dev/null || break
    sleep 0.1
  done
  if pid_of "$name" >/dev/null; then
    log "$name did not exit after ${timeout}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do pid_of "$name" >/dev/null || break; sleep 0.1; done
  fi
  pid_of "$name" >/dev/null && die "$name (PID $pid) is still running"
  rm -f "$PIDS/$name.pid" "$PIDS/$name.start"
}

tail_log() { # name logfile
  log "last lines of $2 ($1):"
  if [[ -f "$2" ]]; then tail -n 60 "$2" | sed 's/^/    | /' >&2; else log "    (no log file)"; fi
}

port_open() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; } # port [ip]

file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

log_since() { # file offset text: does the file hold the text after byte offset?
  tail -c +"$(($2 + 1))" "$1" 2>/dev/null | grep -qF -- "$3"
}

wait_for() { # name logfile description command...
  local name=$1 logf=$2 what=$3 deadline
  shift 3
  deadline=$((SECONDS + DF_READY_TIMEOUT))
  until "$@"; do
    if ! pid_of "$name" >/dev/null; then
      tail_log "$name" "$logf"; die "$name exited while waiting for: $what"
    fi
    if ((SECONDS >= deadline)); then
      tail_log "$name" "$logf"; die "timed out after ${DF_READY_TIMEOUT}s waiting for: $what"
    fi
    sleep 0.25
  done
}

# ---------------------------------------------------------------------------------------------
# prerequisites
# ---------------------------------------------------------------------------------------------
have() { command -v "$1" >/dev/null 2>&1 || [[ -x "/usr/sbin/$1" || -x "/sbin/$1" ]]; }

ensure_packages() {
  local -A want=([mariadbd]=mariadb-server [mariadb-install-db]=mariadb-server [mariadb]=mariadb-client
    [mariadb-admin]=mariadb-client [redis-server]=redis-server [redis-cli]=redis-tools [jq]=jq
    [curl]=curl [setsid]=util-linux [ip]=iproute2 [python3]=python3 [docker-registry]=docker-registry)
  local -a missing=()
  local c
  for c in "${!want[@]}"; do have "$c" || missing+=("${want[$c]}"); done
  apt_install "${missing[@]}"
}

apt_install() { # packages... (duplicates allowed); no-op without any
  (($# == 0)) && return 0
  local -a pkgs
  mapfile -t pkgs < <(printf '%s\n' "$@" | sort -u)
  [[ $EUID -eq 0 ]] || die "missing packages (${pkgs[*]}); run as root to install them"
  log "installing apt packages: ${pkgs[*]}"
  # Keep apt from starting the distro's own mariadb/redis services on 3306/6379.
  local policy_added=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi
  local rc=0
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${pkgs[@]}"; } \
    </dev/null >&2 || rc=$?
  ((policy_added)) && rm -f /usr/sbin/policy-rc.d
  ((rc == 0)) || die "apt-get install failed ($rc)"
}

ensure_hosts_entry() {
  # go-fqdn / LookupIP(os.Hostname()) run at process init in both binaries: without an /etc/hosts
  # entry they send DNS queries off the box and can stall.
  local h
  h=$(hostname)
  if awk -v h="$h" '!/^[[:space:]]*#/ { for (i = 2; i <= NF; i++) if ($i == h) found = 1 } END { exit !found }' /etc/hosts; then
    return 0
  fi
  [[ $EUID -eq 0 ]] || die "hostname '$h' is not in /etc/hosts; add '127.0.1.1 $h' (needs root)"
  log "adding '127.0.1.1 $h' to /etc/hosts"
  printf '127.0.1.1 %s\n' "$h" >>/etc/hosts
}

binaries_ok() {
  local b out
  for b in manager scheduler; do
    [[ -x "$DF_BIN_DIR/$b" ]] || return 1
    out=$("$DF_BIN_DIR/$b" version 2>/dev/null) || return 1
    grep -Eq "^GitVersion:[[:space:]]+$DF_VERSION\$" <<<"$out" || return 1
  done
}

ensure_binaries() {
  if binaries_ok; then
    log "reusing cached binaries in $DF_BIN_DIR"
    return 0
  fi
  local t0 gover tmp
  t0=$(now)
  command -v "$DF_GO" >/dev/null 2>&1 ||
    die "Go ($MIN_GO or newer) is needed to build Dragonfly $DF_VERSION; install it or set DF_GO"
  gover=$("$DF_GO" env GOVERSION)
  [[ "$(printf '%s\n%s\n' "$MIN_GO" "$gover" | sort -V | head -n1)" == "$MIN_GO" ]] ||
    die "Go $gover is too old; need $MIN_GO or newer (set DF_GO)"
  log "building manager + scheduler $DF_VERSION with $gover into $DF_BIN_DIR" \
    "(from an empty module cache: ~2 min download + ~3 min compile)"
  mkdir -p "$DF_BIN_DIR"
  tmp=$(mktemp -d "${DF_BIN_DIR%/}/.build.XXXXXX")
  cp "$WRAPPER_DIR/go.mod" "$WRAPPER_DIR/go.sum" "$WRAPPER_DIR/tools.go" "$tmp/"
  mkdir -p "$tmp/out"
  local ldflags="-X d7y.io/dragonfly/v2/version.GitVersion=$DF_VERSION"
  ldflags+=" -X d7y.io/dragonfly/v2/version.BuildTime=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  ldflags+=" -X d7y.io/dragonfly/v2/version.GoVersion=$gover"
  # go.sum is complete (copied from dragonfly's own go.sum, then `go mod tidy`), so no checksum
  # database lookup is needed; -mod=readonly makes a missing entry an error instead of a lookup.
  if ! (cd "$tmp" && CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=readonly" \
    "$DF_GO" build -ldflags "$ldflags" -o "$tmp/out/" \
    d7y.io/dragonfly/v2/cmd/manager d7y.io/dragonfly/v2/cmd/scheduler) </dev/null >&2; then
    rm -rf "$tmp"
    die "go build failed"
  fi
  mv -f "$tmp/out/manager" "$DF_BIN_DIR/manager"
  mv -f "$tmp/out/scheduler" "$DF_BIN_DIR/scheduler"
  rm -rf "$tmp"
  binaries_ok || die "built binaries do not report GitVersion $DF_VERSION"
  log "build done in $(elapsed "$t0")s"
}

dfdaemon_ok() { [[ -x "$DFDAEMON" && "$("$DFDAEMON" --version 2>/dev/null)" == *" $DFDAEMON_VERSION"* ]]; }

ensure_dfdaemon() {
  if dfdaemon_ok; then
    log "reusing cached dfdaemon $DFDAEMON_VERSION ($DF_DFDAEMON_PROFILE) in $DF_DFDAEMON_DIR"
    return 0
  fi
  local t0 pkg
  local -a missing=()
  t0=$(now)
  command -v "$DF_CARGO" >/dev/null 2>&1 ||
    die "cargo is needed to build dfdaemon $DFDAEMON_VERSION; install Rust or set DF_CARGO"
  # protoc for dragonfly-api, libclang for RocksDB's bindgen; OpenSSL is built from source (make, g++).
  for pkg in protobuf-compiler libprotobuf-dev libclang-dev pkg-config libssl-dev g++ make; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  apt_install "${missing[@]}"
  local -a profile=()
  [[ $DF_DFDAEMON_PROFILE == debug ]] && profile=(--debug)
  log "building dfdaemon $DFDAEMON_VERSION ($DF_DFDAEMON_PROFILE) into $DF_DFDAEMON_DIR" \
    "(debug: 74 CPU-minutes, so about 40 min on 2 idle cores; release takes longer)"
  # The crate ships its Cargo.lock; without --locked, cargo would pull 1.5.x sub-crates.
  "$DF_CARGO" install dragonfly-client --version "$DFDAEMON_VERSION" --locked --bin dfdaemon \
    --root "$DF_DFDAEMON_DIR" "${profile[@]}" </dev/null >&2 || die "cargo install dragonfly-client failed"
  dfdaemon_ok || die "the built $DFDAEMON does not report version $DFDAEMON_VERSION"
  log "dfdaemon build done in $(elapsed "$t0")s"
}

# ---------------------------------------------------------------------------------------------
# work dir
# ---------------------------------------------------------------------------------------------
peer_names() { local p; for p in "${PEERS[@]}"; do echo "${p%%:*}"; done; }

any_running() {
  local n
  for n in $(peer_names) scheduler manager files registry redis mariadb; do
    pid_of "$n" >/dev/null && return 0
  done
  return 1
}

fresh_work_dir() {
  if [[ -e "$DF_WORK_DIR" ]]; then
    if [[ -f "$MARKER" ]]; then
      any_running && die "a stack is already running in $DF_WORK_DIR; run '$0 down' first"
      rm -rf "$DF_WORK_DIR"
    elif [[ -d "$DF_WORK_DIR" && -z "$(ls -A "$DF_WORK_DIR")" ]]; then
      rmdir "$DF_WORK_DIR"
    else
      die "$DF_WORK_DIR exists and was not created by this script; refusing to delete it"
    fi
  fi
  mkdir -p "$DF_WORK_DIR"
  chmod 755 "$DF_WORK_DIR"
  : >"$MARKER"
  mkdir -p "$PIDS" "$LOGS" "$DF_WORK_DIR/etc" "$DF_WORK_DIR/redis" \
    "$DF_WORK_DIR/dragonfly/log" "$DF_WORK_DIR/dragonfly/plugins"
  install -d -o mysql -g mysql -m 0750 "$DF_WORK_DIR/mariadb" "$DF_WORK_DIR/mariadb/data"
  install -d -o mysql -g mysql -m 0755 "$DF_WORK_DIR/mariadb/run"
  {
    printf '# written by real-stack.sh up; read by the other sub-commands\n'
    local v
    for v in DF_BIN_DIR DF_DFDAEMON_DIR DF_MYSQL_PORT DF_REDIS_PORT DF_REST_PORT DF_GRPC_PORT \
      DF_SCHEDULER_PORT DF_PEER_PORT DF_FILE_PORT DF_CLOSED_PORT DF_REGISTRY_NETNS DF_REGISTRY_HOST_IP \
      DF_REGISTRY_IP DF_PAT DF_JWT_KEY DF_SCHEDULER_HOST; do
      printf '%s=%q\n' "$v" "${!v}"
    done
  } >"$STATE_ENV"
}

check_ports_free() { # port or ip:port ...
  local p ip
  for p in "$@"; do
    ip=127.0.0.1
    [[ $p == *:* ]] && { ip=${p%:*}; p=${p##*:}; }
    port_open "$p" "$ip" && die "$ip:$p is already in use (see the DF_*_PORT variables)"
  done
  return 0
}

# ---------------------------------------------------------------------------------------------
# components
# ---------------------------------------------------------------------------------------------
MYSQL_SOCK() { echo "$DF_WORK_DIR/mariadb/run/mysqld.sock"; }

start_mariadb() {
  local data=$DF_WORK_DIR/mariadb/data sock logf=$LOGS/mariadb.log
  sock=$(MYSQL_SOCK)
  log "initialising MariaDB datadir $data"
  mariadb-install-db --no-defaults --user=mysql --datadir="$data" --skip-test-db \
    --auth-root-authentication-method=socket </dev/null >"$LOGS/mariadb-install-db.log" 2>&1 ||
    { tail_log mariadb-install-db "$LOGS/mariadb-install-db.log"; die "mariadb-install-db failed"; }
  # --no-defaults: ignore /etc/mysql; the charset settings mirror Debian's 50-server.cnf.
  start_bg mariadb "$logf" "${NOPROXY_ENV[@]}" "$(command -v mariadbd || echo /usr/sbin/mariadbd)" \
    --no-defaults --user=mysql --datadir="$data" --socket="$sock" \
    --pid-file="$DF_WORK_DIR/mariadb/run/mariadbd.pid" \
    --bind-address=127.0.0.1 --port="$DF_MYSQL_PORT" --skip-name-resolve \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci
  wait_for mariadb "$logf" "MariaDB on $sock" \
    eval 'mariadb-admin --no-defaults --socket="$(MYSQL_SOCK)" -uroot ping >/dev/null 2>&1'
  mariadb --no-defaults --socket="$sock" -uroot </dev/null -e "
    CREATE DATABASE IF NOT EXISTS manager CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
    CREATE USER IF NOT EXISTS 'dragonfly'@'127.0.0.1' IDENTIFIED BY 'dragonfly';
    GRANT ALL PRIVILEGES ON manager.* TO 'dragonfly'@'127.0.0.1';" ||
    die "could not create the manager database"
  wait_for mariadb "$logf" "MariaDB TCP 127.0.0.1:$DF_MYSQL_PORT" port_open "$DF_MYSQL_PORT"
  log "MariaDB ready on 127.0.0.1:$DF_MYSQL_PORT"
}

redis_ping() { [[ "$(redis-cli -h 127.0.0.1 -p "$DF_REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

start_redis() {
  local logf=$LOGS/redis.log
  start_bg redis "$logf" "${NOPROXY_ENV[@]}" "$(command -v redis-server)" \
    --bind 127.0.0.1 --port "$DF_REDIS_PORT" --protected-mode yes --save '' --appendonly no \
    --daemonize no --dir "$DF_WORK_DIR/redis" --logfile ''
  wait_for redis "$logf" "Redis PONG on 127.0.0.1:$DF_REDIS_PORT" redis_ping
  log "Redis ready on 127.0.0.1:$DF_REDIS_PORT"
}

write_configs() {
  cat >"$DF_WORK_DIR/etc/manager.yaml" <<EOF
# Dragonfly $DF_VERSION manager — loopback only (generated by real-stack.sh)
console: true
server:
  name: d7y/manager
  logDir: $DF_WORK_DIR/dragonfly/log
  pluginDir: $DF_WORK_DIR/dragonfly/plugins
  grpc:
    advertiseIP: 127.0.0.1
    listenIP: 127.0.0.1
    port:
      start: $DF_GRPC_PORT
      end: $DF_GRPC_PORT
  rest:
    addr: 127.0.0.1:$DF_REST_PORT
auth:
  jwt:
    key: $DF_JWT_KEY
database:
  type: mysql
  mysql:
    user: dragonfly
    password: dragonfly
    host: 127.0.0.1
    port: $DF_MYSQL_PORT
    dbname: manager
    migrate: true
  redis:
    addrs: ["127.0.0.1:$DF_REDIS_PORT"]
    db: 0
    brokerDB: 1
    backendDB: 2
cache:
  redis:
    ttl: 5s
  local:
    size: 8000
    ttl: 3s
metrics:
  enable: false
EOF
  cat >"$DF_WORK_DIR/etc/scheduler.yaml" <<EOF
# Dragonfly $DF_VERSION scheduler — loopback only (generated by real-stack.sh)
console: true
server:
  host: $DF_SCHEDULER_HOST
  advertiseIP: 127.0.0.1
  listenIP: 127.0.0.1
  port: $DF_SCHEDULER_PORT
  advertisePort: $DF_SCHEDULER_PORT
  # debug logs each seed-peer health check: the only sign that a seed peer is in the preheat ring.
  logLevel: debug
  logDir: $DF_WORK_DIR/dragonfly/log
  pluginDir: $DF_WORK_DIR/dragonfly/plugins
manager:
  addr: 127.0.0.1:$DF_GRPC_PORT
  schedulerClusterID: 1
  keepAlive:
    interval: 5s
database:
  redis:
    addrs: ["127.0.0.1:$DF_REDIS_PORT"]
    brokerDB: 1
    backendDB: 2
job:
  enable: true
metrics:
  enable: false
EOF
}

manager_healthy() { [[ "$("${CURL[@]}" "$MANAGER_URL/healthy" 2>/dev/null)" == '"OK"' ]]; }
manager_ready() { manager_healthy && port_open "$DF_GRPC_PORT"; }

start_manager() { # [again]
  local logf=$LOGS/manager.log seed=(DRAGONFLY_PAT="$DF_PAT")
  # DRAGONFLY_PAT seeds PAT "default" (user 1, scopes job+cluster, expiry now+10y) on EVERY start, with no
  # existence check: a second start on the same database with it set dies on a duplicate key.
  [[ "${1:-}" == again ]] && seed=()
  start_bg manager "$logf" "${NOPROXY_ENV[@]}" "${seed[@]}" \
    "$DF_BIN_DIR/manager" --config "$DF_WORK_DIR/etc/manager.yaml" --console
  wait_for manager "$logf" "manager GET $MANAGER_URL/healthy and gRPC 127.0.0.1:$DF_GRPC_PORT" manager_ready
  log "manager ready: REST $MANAGER_URL, gRPC 127.0.0.1:$DF_GRPC_PORT"
}

TOKEN=""
signin() {
  TOKEN=$("${CURL[@]}" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$ROOT_USER\",\"password\":\"$ROOT_PASSWORD\"}" \
    "$MANAGER_URL/api/v1/users/signin" 2>/dev/null | jq -r '.token // empty' 2>/dev/null) || TOKEN=""
  [[ -n "$TOKEN" ]]
}

scheduler_active() {
  [[ -n "$TOKEN" ]] || signin || return 1
  local body
  body=$("${CURL[@]}" -H "Authorization: Bearer $TOKEN" \
    "$MANAGER_URL/api/v1/schedulers?scheduler_cluster_id=1&state=active&per_page=1000" 2>/dev/null) || return 1
  jq -e --arg h "$DF_SCHEDULER_HOST" \
    'any(.[]?; .host_name == $h and .ip == "127.0.0.1" and ((.features // []) | index("preheat")))' \
    >/dev/null 2>&1 <<<"$body"
}

start_scheduler() {
  local logf=$LOGS/scheduler.log t0
  t0=$(now)
  pid_of manager >/dev/null || die "the manager is not running; run '$0 up' first"
  pid_of scheduler >/dev/null && { log "scheduler already running"; return 0; }
  check_ports_free "$DF_SCHEDULER_PORT"
  start_bg scheduler "$logf" "${NOPROXY_ENV[@]}" \
    "$DF_BIN_DIR/scheduler" --config "$DF_WORK_DIR/etc/scheduler.yaml" --console
  wait_for manager "$LOGS/manager.log" "root sign-in" signin
  wait_for scheduler "$logf" "scheduler $DF_SCHEDULER_HOST active with feature preheat" scheduler_active
  log "scheduler active (with preheat) after $(elapsed "$t0")s"
}

url_ok() { "${CURL[@]}" -fo /dev/null "$1" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
# preheat sources: a file server on loopback, and an image registry in a network namespace
# ---------------------------------------------------------------------------------------------
start_files() {
  local dir=$DF_WORK_DIR/files
  mkdir -p "$dir"
  printf 'hello from the Dragonfly Desk test file server\n' >"$dir/hello.txt"
  # Larger than one 4 MiB piece, so peers fetch it with range requests.
  head -c $((5 * 1024 * 1024)) /dev/urandom >"$dir/blob-5m.bin"
  start_bg files "$LOGS/files.log" "${NOPROXY_ENV[@]}" python3 "$SCRIPT_DIR/file-server.py" \
    127.0.0.1 "$DF_FILE_PORT" "$dir"
  wait_for files "$LOGS/files.log" "file server $FILES_URL" url_ok "$FILES_URL/hello.txt"
  log "file server ready on $FILES_URL"
}

# The manager fetches manifests only from global or private addresses, never loopback; the only
# private address these machines may talk to is a test host in a namespace made here.
start_registry() {
  local dir=$DF_WORK_DIR/registry ns=$DF_REGISTRY_NETNS
  [[ -e /run/netns/$ns ]] && die "network namespace $ns exists; run '$0 down' or set DF_REGISTRY_NETNS"
  ip -o addr show | grep -qF " $DF_REGISTRY_HOST_IP/" &&
    die "$DF_REGISTRY_HOST_IP is already in use; set DF_REGISTRY_HOST_IP and DF_REGISTRY_IP (one /30)"
  ip netns add "$ns"
  : >"$DF_WORK_DIR/registry.netns" # down deletes the namespace only when this up made it
  ip link add "$VETH_HOST" type veth peer name "$VETH_NS" netns "$ns"
  ip addr add "$DF_REGISTRY_HOST_IP/30" dev "$VETH_HOST"
  ip link set "$VETH_HOST" up
  ip -n "$ns" addr add "$DF_REGISTRY_IP/30" dev "$VETH_NS"
  ip -n "$ns" link set "$VETH_NS" up
  ip -n "$ns" link set lo up
  mkdir -p "$dir/data"
  # Debian's packaged config turns on htpasswd; this one has no auth.
  cat >"$dir/config.yml" <<EOF
version: 0.1
log: {level: info}
storage: {filesystem: {rootdirectory: $dir/data}}
http: {addr: "$DF_REGISTRY_IP:5000"}
EOF
  start_bg registry "$LOGS/registry.log" "${NOPROXY_ENV[@]}" ip netns exec "$ns" \
    docker-registry serve "$dir/config.yml"
  wait_for registry "$LOGS/registry.log" "registry $REGISTRY_URL/v2/" url_ok "$REGISTRY_URL/v2/"
  python3 "$SCRIPT_DIR/push-image.py" "$REGISTRY_URL" test/hello v1 </dev/null >"$DF_WORK_DIR/image.json" ||
    die "pushing the test image to $REGISTRY_URL failed"
  log "registry ready on $REGISTRY_URL (netns $ns), image $(jq -r .manifestUrl "$DF_WORK_DIR/image.json")"
}

stop_registry() {
  stop_proc registry 30
  [[ -f "$DF_WORK_DIR/registry.netns" ]] || return 0
  if [[ -e /run/netns/$DF_REGISTRY_NETNS ]]; then
    log "deleting network namespace $DF_REGISTRY_NETNS"
    ip netns del "$DF_REGISTRY_NETNS"
  fi
  # Deleting the namespace takes the veth pair with it, though not at once; this catches a half-made pair.
  # A pair that stays would make the next up refuse DF_REGISTRY_HOST_IP.
  ip link del "$VETH_HOST" 2>/dev/null || true
  rm -f "$DF_WORK_DIR/registry.netns"
}

# ---------------------------------------------------------------------------------------------
# seed peers and peers: dfdaemon 1.4.2, each on its own loopback IP
# ---------------------------------------------------------------------------------------------
peer_entry() { # name -> name:ip:type
  local p
  for p in "${PEERS[@]}"; do [[ ${p%%:*} == "$1" ]] && { echo "$p"; return 0; }; done
  die "no peer named '$1' (peers: $(peer_names | xargs))"
}

peer_ports() { # ip -> the ip:port pairs a peer binds
  local i
  for ((i = 0; i < 7; i++)); do echo "$1:$((DF_PEER_PORT + i))"; done
}

write_peer_config() { # name ip type
  local name=$1 ip=$2 type=$3 dir=$DF_WORK_DIR/peers/$1 port=$DF_PEER_PORT enable=false
  [[ $type == super ]] && enable=true
  mkdir -p "$dir"
  # 1.4.2 keys are camelCase; host.ip defaults to the first non-loopback address, so set it.
  cat >"$dir/dfdaemon.yaml" <<EOF
# dfdaemon $DFDAEMON_VERSION $name (generated by real-stack.sh)
host: {hostname: $name, ip: $ip, schedulerClusterID: 1}
server: {pluginDir: $dir/plugins, cacheDir: $dir/cache}
download: {server: {socketPath: $dir/dfdaemon.sock}}
upload: {server: {ip: $ip, port: $port}}
manager: {addr: "http://127.0.0.1:$DF_GRPC_PORT"}
scheduler: {announceInterval: 10s}
seedPeer: {enable: $enable, type: $type}
dynconfig: {refreshInterval: 10s}
storage: {dir: $dir/data, server: {ip: $ip, tcpPort: $((port + 1)), quicPort: $((port + 2))}}
proxy: {server: {ip: $ip, port: $((port + 3))}}
metrics: {server: {ip: $ip, port: $((port + 4))}}
health: {server: {ip: $ip, port: $((port + 5))}}
stats: {server: {ip: $ip, port: $((port + 6))}}
EOF
}

# Where each peer's log stood when launch_peer started it.
declare -A PEER_LOG_OFFSET=()

launch_peer() { # name broken(0|1)
  local name ip type logf proxy_url=http://127.0.0.1:$DF_CLOSED_PORT
  local -a proxy=()
  IFS=: read -r name ip type <<<"$(peer_entry "$1")"
  logf=$LOGS/$name.log
  # shellcheck disable=SC2046
  check_ports_free $(peer_ports "$ip")
  write_peer_config "$name" "$ip" "$type"
  if (($2)); then
    port_open "$DF_CLOSED_PORT" && die "127.0.0.1:$DF_CLOSED_PORT is open; set DF_CLOSED_PORT to a closed port"
    # Every request to a source then goes to a proxy that is not there.
    proxy=(http_proxy="$proxy_url" HTTP_PROXY="$proxy_url" https_proxy="$proxy_url" HTTPS_PROXY="$proxy_url")
    : >"$PIDS/$name.broken"
  else
    rm -f "$PIDS/$name.broken"
  fi
  PEER_LOG_OFFSET[$name]=$(file_size "$logf")
  start_bg "$name" "$logf" "${NOPROXY_ENV[@]}" "${proxy[@]}" "$DFDAEMON" \
    -c "$DF_WORK_DIR/peers/$name/dfdaemon.yaml" --console --log-dir "$DF_WORK_DIR/peers/$name/log"
}

wait_peer_serving() { # name (launched by launch_peer)
  # dfdaemon announces itself to the scheduler, synchronously, before its gRPC server starts.
  wait_for "$1" "$LOGS/$1.log" "$1 announced and serving" \
    log_since "$LOGS/$1.log" "${PEER_LOG_OFFSET[$1]}" "upload server's health status set to serving"
}

peers_running() {
  local n
  for n in $(peer_names); do pid_of "$n" >/dev/null || return 1; done
}

# The scheduler logs each seed-peer health check at debug level, every 30 s. A seed peer takes
# preheats only after one: the check puts it in the ring that seed-peer preheats pick from.
HEALTH_CHECK_OK='"span.kind": "client", "grpc.service": "grpc.health.v1.Health", "grpc.method": "Check", "grpc.code": "OK"'

seed_checked_since() { log_since "$LOGS/scheduler.log" "$1" "$HEALTH_CHECK_OK"; } # offset

start_peers() {
  local t0 offset n slog=$LOGS/scheduler.log
  local -a started=()
  t0=$(now)
  if [[ -f "$PIDS/peers.ready" ]] && peers_running; then
    log "peers already running and known to the scheduler"
    return 0
  fi
  offset=$(file_size "$slog")
  for n in $(peer_names); do pid_of "$n" >/dev/null || { launch_peer "$n" 0; started+=("$n"); }; done
  for n in "${started[@]}"; do wait_peer_serving "$n"; done
  # Peers that were already running announce again within their 10 s interval.
  for n in $(peer_names); do
    wait_for scheduler "$slog" "the scheduler's record of $n" log_since "$slog" "$offset" "Hostname:\"$n\""
  done
  log "all peers announced to the scheduler after $(elapsed "$t0")s; waiting for its seed-peer health check"
  offset=$(file_size "$slog")
  wait_for scheduler "$slog" "a seed-peer health check by the scheduler (every 30 s)" seed_checked_since "$offset"
  peers_running || die "a peer exited while the scheduler checked the seed peers (see $LOGS)"
  : >"$PIDS/peers.ready"
  log "seed peers and peers ready after $(elapsed "$t0")s"
}

stop_peers() {
  local n
  rm -f "$PIDS/peers.ready"
  for n in $(peer_names); do stop_proc "$n" 30; done
}

peers_json() {
  printf '%s\n' "${PEERS[@]}" | jq -Rn '[inputs | split(":") | {hostname: .[0], ip: .[1], type: .[2]}]'
}

stack_json() {
  jq -nc --arg managerUrl "$MANAGER_URL" --arg pat "$DF_PAT" --arg rootUser "$ROOT_USER" \
    --arg rootPassword "$ROOT_PASSWORD" --arg workDir "$DF_WORK_DIR" --arg script "$SCRIPT_DIR/real-stack.sh" \
    --arg files "$FILES_URL" --arg unreachable "http://127.0.0.1:$DF_CLOSED_PORT/unreachable.bin" \
    --slurpfile image "$DF_WORK_DIR/image.json" --argjson hosts "$(peers_json)" '{
      managerUrl: $managerUrl, pat: $pat, rootUser: $rootUser, rootPassword: $rootPassword, workDir: $workDir,
      fileServerUrl: $files, files: ["hello.txt", "blob-5m.bin"], unreachableUrl: $unreachable,
      image: ($image[0] + {platform: "linux/amd64"}),
      seedPeers: [$hosts[] | select(.type == "super") | {hostname, ip}],
      peers: [$hosts[] | select(.type == "normal") | {hostname, ip}],
      control: {script: $script, env: {DF_WORK_DIR: $workDir}, peersUp: ["peers-up"], peersDown: ["peers-down"],
        breakPeer: ["break-peer", "HOSTNAME"], fixPeer: ["fix-peer", "HOSTNAME"], managerDown: ["manager-down"],
        managerUp: ["manager-up"]}
    }'
}

stop_all() {
  # Peers first: on the way out they tell the scheduler to forget them.
  stop_peers
  stop_proc scheduler 30
  stop_proc manager 30
  stop_proc files 30
  stop_registry
  stop_proc redis 30
  stop_proc mariadb 60
}

# ---------------------------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------------------------
UP_OK=0
on_up_exit() {
  ((UP_OK)) && return 0
  if [[ "$DF_KEEP_ON_FAILURE" == 1 ]]; then
    log "up failed; DF_KEEP_ON_FAILURE=1, leaving processes running (run '$0 down')"
  else
    log "up failed; stopping what was started (set DF_KEEP_ON_FAILURE=1 to keep it)"
    stop_all || true
  fi
}

timed() { # label command... : run it and log how long it took
  local t0 label=$1
  shift
  t0=$(now)
  "$@"
  log "step '$label' took $(elapsed "$t0")s"
}

cmd_up() {
  local with_scheduler=1 with_peers=1 a t0 p
  local -a ports
  for a in "$@"; do
    case $a in
      --no-scheduler) with_scheduler=0 ;;
      --no-peers) with_peers=0 ;;
      *) die "unknown option for up: $a" ;;
    esac
  done
  t0=$(now)
  [[ $EUID -eq 0 ]] || die "up must run as root (MariaDB runs as user mysql, apt may be needed)"
  timed packages ensure_packages
  ensure_hosts_entry
  timed "manager and scheduler binaries" ensure_binaries
  # Without the scheduler now, peers come later with peers-up: build dfdaemon now all the same.
  ((with_peers)) && timed "dfdaemon binary" ensure_dfdaemon
  # Refuse before touching anything if an old stack from this work dir still runs.
  [[ -f "$MARKER" ]] && any_running && die "a stack is already running in $DF_WORK_DIR; run '$0 down' first"
  # A namespace left behind by a killed up would block this one.
  [[ -f "$MARKER" ]] && stop_registry
  ports=("$DF_MYSQL_PORT" "$DF_REDIS_PORT" "$DF_REST_PORT" "$DF_GRPC_PORT" "$DF_FILE_PORT")
  ((with_scheduler)) && ports+=("$DF_SCHEDULER_PORT")
  if ((with_scheduler && with_peers)); then
    for p in "${PEERS[@]}"; do mapfile -t -O "${#ports[@]}" ports < <(peer_ports "$(cut -d: -f2 <<<"$p")"); done
  fi
  check_ports_free "${ports[@]}"
  fresh_work_dir
  trap on_up_exit EXIT
  write_configs
  timed MariaDB start_mariadb
  timed Redis start_redis
  timed manager start_manager
  timed "file server" start_files
  timed registry start_registry
  ((with_scheduler)) && timed scheduler start_scheduler
  ((with_scheduler && with_peers)) && timed peers start_peers
  stack_json >"$DF_WORK_DIR/stack.json"
  UP_OK=1
  log "stack up in $(elapsed "$t0")s (work dir $DF_WORK_DIR)"
  cat "$DF_WORK_DIR/stack.json"
}

need_stack() { [[ -f "$MARKER" ]] || die "no stack in $DF_WORK_DIR; run '$0 up' first"; }

need_scheduler() {
  need_stack
  # dfdaemon exits at start when the manager has no active scheduler.
  pid_of scheduler >/dev/null || die "the scheduler is not running; run '$0 scheduler-up' first"
  dfdaemon_ok || die "no dfdaemon $DFDAEMON_VERSION at $DFDAEMON; run '$0 build'"
}

cmd_scheduler_up() {
  need_stack
  start_scheduler
  stack_json
}

cmd_scheduler_down() {
  need_stack
  # A new scheduler must learn the peers again.
  rm -f "$PIDS/peers.ready"
  stop_proc scheduler 30
}

cmd_peers_up() {
  need_scheduler
  start_peers
  stack_json
}

cmd_peers_down() {
  need_stack
  stop_peers
  # Each dfdaemon deletes its host in the scheduler on the way out, but the v2.5.1 scheduler skips its
  # seed-peer ring rebuild while it knows no seed peer: the stopped seeds would stay in the ring, and
  # seed-peer preheats would go to them instead of failing with "no available seed peer".
  if pid_of scheduler >/dev/null; then
    log "restarting the scheduler, so that it forgets the stopped seed peers"
    stop_proc scheduler 30
    start_scheduler
  fi
}

cmd_restart_peer() { # name broken(0|1)
  local state=(reaches "cannot reach") now=0
  [[ -n "$1" ]] || die "name a peer: $(peer_names | xargs)"
  need_scheduler
  peer_entry "$1" >/dev/null
  [[ -f "$PIDS/$1.broken" ]] && now=1
  if pid_of "$1" >/dev/null && ((now == $2)); then
    log "$1 already runs and ${state[$2]} sources"
    return 0
  fi
  stop_proc "$1" 30
  launch_peer "$1" "$2"
  wait_peer_serving "$1"
  log "$1 runs and ${state[$2]} sources"
}

cmd_manager_up() {
  need_stack
  pid_of manager >/dev/null && { log "manager already running"; return 0; }
  check_ports_free "$DF_REST_PORT" "$DF_GRPC_PORT"
  start_manager again
}

cmd_down() {
  if [[ ! -f "$MARKER" ]]; then
    log "no stack in $DF_WORK_DIR; nothing to stop"
    return 0
  fi
  stop_all
  log "all stopped (logs kept in $LOGS)"
}

cmd_status() {
  local n pid rc=0 ok
  if [[ ! -f "$MARKER" ]]; then
    echo "no stack in $DF_WORK_DIR"
    return 1
  fi
  for n in mariadb redis manager files registry scheduler $(peer_names); do
    if pid=$(pid_of "$n"); then
      ok=""
      [[ -f "$PIDS/$n.broken" ]] && ok="  (broken: cannot reach sources)"
      printf '%-12s running  pid %s%s\n' "$n" "$pid" "$ok"
    else
      printf '%-12s stopped\n' "$n"
      [[ $n =~ ^(mariadb|redis|manager)$ ]] && rc=1
    fi
  done
  if manager_healthy; then ok=healthy; else ok=unreachable; rc=1; fi
  printf '%-12s %s  %s\n' rest "$ok" "$MANAGER_URL/healthy"
  if port_open "$DF_GRPC_PORT"; then ok=open; else ok=closed; fi
  printf '%-12s %s  127.0.0.1:%s\n' grpc "$ok" "$DF_GRPC_PORT"
  if pid_of scheduler >/dev/null; then
    if scheduler_active; then ok="active with preheat"; else ok="not (yet) active"; fi
    printf '%-12s %s\n' scheduler "$ok"
  fi
  if [[ -f "$PIDS/peers.ready" ]]; then printf '%-12s known to the scheduler\n' peers; fi
  [[ -f "$DF_WORK_DIR/stack.json" ]] && printf 'stack.json %s\n' "$(<"$DF_WORK_DIR/stack.json")"
  return $rc
}

usage() {
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift
case $cmd in
  up) cmd_up "$@" ;;
  scheduler-up) cmd_scheduler_up ;;
  scheduler-down) cmd_scheduler_down ;;
  peers-up) cmd_peers_up ;;
  peers-down) cmd_peers_down ;;
  break-peer) cmd_restart_peer "${1:-}" 1 ;;
  fix-peer) cmd_restart_peer "${1:-}" 0 ;;
  manager-down) need_stack && stop_proc manager 10 ;;
  manager-up) cmd_manager_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  build) ensure_binaries && ensure_dfdaemon ;;
  *) usage ;;
esac
