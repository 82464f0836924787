#!/usr/bin/env bash
# Makes sure PostgreSQL answers at DATABASE_URL and Redis at REDIS_URL, then creates the database named in
# DATABASE_URL if it is missing. Sourced by scripts/up.sh and scripts/test.sh; also runs on its own:
#
#   bash scripts/services.sh          ensure both services (reads .env for DATABASE_URL / REDIS_URL)
#   bash scripts/services.sh stop     stop the project-local servers this script started (.data/pg, .data/redis)
#   bash scripts/services.sh status   say what answers where
#
# In order, for each service: use it if it already answers; else start the machine's own service when it
# is installed as a system service on that port; else `docker compose up -d postgres redis` when a Docker
# engine answers; else start the installed server binaries with their data in .data/pg and .data/redis;
# else stop and say what to install. Servers on another host are only checked, never started.
#
# Variables: DATABASE_URL, REDIS_URL (same defaults as libs/config/src/env.ts), ZT_SERVICES_TIMEOUT
# (seconds to wait for a server to come up, default 60), ZT_NO_DOCKER=1 (never try Docker).

ZT_ROOT="${ZT_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
ZT_DEFAULT_DATABASE_URL='postgres://postgres@127.0.0.1:5432/zhaotong'
ZT_DEFAULT_REDIS_URL='redis://127.0.0.1:6379'

zt_log() { printf '[services] %s\n' "$*" >&2; }
zt_die() {
  printf '[services] ERROR: %s\n' "$*" >&2
  return 1
}

# Exports KEY=VALUE lines of a dotenv file that are not already set in the environment, so a variable given
# on the command line wins over the file. With names after the file, only those keys are read.
zt_load_dotenv() {
  local file="$1"
  shift
  [[ -f "$file" ]] || return 0
  local line key val
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%$'\r'}"
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    [[ "$line" =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    key="${BASH_REMATCH[2]}"
    val="${BASH_REMATCH[3]}"
    if (($#)); then
      local wanted=0 k
      for k in "$@"; do [[ "$k" == "$key" ]] && wanted=1; done
      ((wanted)) || continue
    fi
    if [[ "$val" =~ ^\"(.*)\"$ || "$val" =~ ^\'(.*)\'$ ]]; then val="${BASH_REMATCH[1]}"; fi
    [[ -n "${!key+x}" ]] || export "$key=$val"
  done <"$file"
}

# Splits a URL into shell variables <prefix>_HOST, _PORT, _USER, _PASSWORD, _DB (no external tools needed).
zt_parse_url() {
  local prefix="$1" url="$2" default_port="$3"
  local rest="${url#*://}" auth="" hostport path
  if [[ "$rest" == *@* ]]; then
    auth="${rest%%@*}"
    rest="${rest#*@}"
  fi
  hostport="${rest%%/*}"
  hostport="${hostport%%\?*}"
  path=""
  [[ "$rest" == */* ]] && path="${rest#*/}"
  path="${path%%\?*}"
  local host="$hostport" port="$default_port"
  if [[ "$hostport" =~ ^\[(.*)\](:([0-9]+))?$ ]]; then
    host="${BASH_REMATCH[1]}"
    [[ -n "${BASH_REMATCH[3]}" ]] && port="${BASH_REMATCH[3]}"
  elif [[ "$hostport" == *:* ]]; then
    host="${hostport%%:*}"
    port="${hostport##*:}"
  fi
  [[ -n "$host" ]] || host=127.0.0.1
  local user="${auth%%:*}" password=""
  [[ "$auth" == *:* ]] && password="${auth#*:}"
  printf -v "${prefix}_HOST" '%s' "$host"
  printf -v "${prefix}_PORT" '%s' "$port"
  printf -v "${prefix}_USER" '%s' "$user"
  printf -v "${prefix}_PASSWORD" '%s' "$password"
  printf -v "${prefix}_DB" '%s' "$path"
}

zt_is_local_host() {
  case "$1" in 127.0.0.1 | localhost | ::1 | 0.0.0.0) return 0 ;; *) return 1 ;; esac
}

# ---------------------------------------------------------------------------------------------- checks

# PostgreSQL answers: pg_isready when installed, else a node probe that sends the SSLRequest packet and
# expects the one-byte answer only a PostgreSQL server gives ('S' or 'N').
zt_pg_answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1
    return
  fi
  node -e '
    const s = require("net").connect({ host: process.argv[1], port: +process.argv[2] });
    const fail = () => process.exit(1);
    s.setTimeout(2000, fail);
    s.on("error", fail);
    s.on("connect", () => { const b = Buffer.alloc(8); b.writeInt32BE(8, 0); b.writeInt32BE(80877103, 4); s.write(b); });
    s.on("data", (d) => process.exit(d[0] === 0x53 || d[0] === 0x4e ? 0 : 1));
  ' "$PG_HOST" "$PG_PORT" >/dev/null 2>&1
}

# Sends one Redis command and prints the reply: redis-cli when installed, else a tiny node RESP client.
zt_redis_cmd() {
  if command -v redis-cli >/dev/null 2>&1 && [[ "$REDIS_URL" != rediss://* ]]; then
    if [[ -n "$REDIS_PASSWORD" ]]; then
      REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ${REDIS_USER:+--user "$REDIS_USER"} --no-auth-warning "$@" 2>/dev/null
    else
      redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@" 2>/dev/null
    fi
    return
  fi
  node -e '
    const [host, port, user, password, ...cmd] = process.argv.slice(1);
    const enc = (args) => `*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("");
    const s = require("net").connect({ host, port: +port });
    let buf = "";
    const want = password ? 2 : 1;
    const fail = () => process.exit(1);
    s.setTimeout(2000, fail);
    s.on("error", fail);
    s.on("connect", () => {
      if (password) s.write(enc(user ? ["AUTH", user, password] : ["AUTH", password]));
      s.write(enc(cmd));
    });
    s.on("data", (d) => {
      buf += d;
      const lines = buf.split("\r\n");
      lines.pop(); // an unfinished line
      const replies = lines.filter((l) => l && !l.startsWith("*") && !l.startsWith("$"));
      if (replies.length >= want + (cmd[0].toUpperCase() === "CONFIG" ? 1 : 0)) {
        const out = replies.slice(password ? 1 : 0).map((l) => l.replace(/^[+:-]/, ""));
        console.log(out.join("\n"));
        process.exit(0);
      }
    });
  ' "$REDIS_HOST" "$REDIS_PORT" "$REDIS_USER" "$REDIS_PASSWORD" "$@" 2>/dev/null
}

zt_redis_answers() {
  [[ "$(zt_redis_cmd PING | head -n 1)" == PONG ]]
}

zt_wait_for() {
  local what="$1" check="$2" timeout="${ZT_SERVICES_TIMEOUT:-60}" i
  for ((i = 0; i < timeout * 2; i++)); do
    "$check" && return 0
    sleep 0.5
  done
  zt_die "$what did not answer within ${timeout}s"
}

# ------------------------------------------------------------------------------------ starting servers

zt_as_root() { [[ "$(id -u)" == 0 ]]; }

# The PostgreSQL server binaries: PATH first, then the newest /usr/lib/postgresql/<version>/bin.
zt_pg_bindir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin /usr/pgsql-*/bin /opt/homebrew/opt/postgresql@*/bin /usr/local/opt/postgresql@*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

# Runs a command as the operating-system user that owns the local cluster (postgres refuses to run as root).
ZT_PG_OS_USER=""
zt_pg_run() {
  if [[ -n "$ZT_PG_OS_USER" ]]; then
    # From /, which every user may enter (the project folder may be private to root).
    if command -v runuser >/dev/null 2>&1; then
      (cd / && runuser -u "$ZT_PG_OS_USER" -- "$@")
    else
      (cd / && su -s /bin/sh "$ZT_PG_OS_USER" -c "$(printf '%q ' "$@")")
    fi
  else
    "$@"
  fi
}

# The machine's own services, when they are installed that way and the URL points at their port.
zt_start_system_postgres() {
  command -v pg_ctlcluster >/dev/null 2>&1 || return 1
  zt_as_root || [[ "$(id -un)" == postgres ]] || return 1
  local conf version cluster
  for conf in /etc/postgresql/*/*/postgresql.conf; do
    [[ -f "$conf" ]] || continue
    grep -Eq "^[[:space:]]*port[[:space:]]*=[[:space:]]*$PG_PORT\b" "$conf" || continue
    version="$(basename "$(dirname "$(dirname "$conf")")")"
    cluster="$(basename "$(dirname "$conf")")"
    zt_log "starting the system PostgreSQL cluster $version/$cluster on port $PG_PORT"
    pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >&2 || return 1
    return 0
  done
  return 1
}

zt_start_system_redis() {
  [[ "$REDIS_PORT" == 6379 && -d /var/lib/redis && -d /var/log/redis ]] || return 1
  zt_as_root || return 1
  command -v redis-server >/dev/null 2>&1 || return 1
  zt_log "starting the system Redis on port 6379"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --maxmemory-policy noeviction --dir /var/lib/redis --logfile /var/log/redis/ci.log >&2
}

zt_compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose "$@"
  else
    return 1
  fi
}

ZT_DOCKER_OK=""
zt_docker_ok() {
  if [[ -z "$ZT_DOCKER_OK" ]]; then
    ZT_DOCKER_OK=no
    if [[ "${ZT_NO_DOCKER:-}" != 1 ]] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 &&
      { docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1; }; then
      ZT_DOCKER_OK=yes
    fi
  fi
  [[ "$ZT_DOCKER_OK" == yes ]]
}

zt_start_docker() {
  local service="$1"
  zt_log "starting $service with docker compose"
  (cd "$ZT_ROOT" && ZT_PG_PORT="$PG_PORT" ZT_REDIS_PORT="$REDIS_PORT" zt_compose up -d "$service" >&2)
}

# A project-local PostgreSQL cluster in .data/pg: trust auth, superuser named as in DATABASE_URL.
zt_start_local_postgres() {
  local bindir
  bindir="$(zt_pg_bindir)" || return 1
  local data="$ZT_ROOT/.data/pg"
  local superuser="${PG_USER:-postgres}"
  if zt_as_root; then
    ZT_PG_OS_USER=postgres
    if ! id -u "$ZT_PG_OS_USER" >/dev/null 2>&1; then
      zt_log "creating the system user '$ZT_PG_OS_USER' to run PostgreSQL (it refuses to run as root)"
      useradd --system --no-create-home --shell /usr/sbin/nologin "$ZT_PG_OS_USER" >&2 || return 1
    fi
    mkdir -p "$ZT_ROOT/.data"
    # The server's user must reach the folder; a project under a private home folder cannot offer that.
    if ! zt_pg_run test -x "$ZT_ROOT/.data"; then
      data="${TMPDIR:-/tmp}/zhaotong-pg-$(printf '%s' "$ZT_ROOT" | cksum | cut -d' ' -f1)"
      zt_log "user $ZT_PG_OS_USER cannot reach $ZT_ROOT/.data; keeping the cluster in $data instead"
    fi
  fi
  mkdir -p "$data"
  chmod 700 "$data"
  [[ -n "$ZT_PG_OS_USER" ]] && chown "$ZT_PG_OS_USER" "$data"
  if [[ ! -f "$data/PG_VERSION" ]]; then
    zt_log "initialising a PostgreSQL cluster in ${data#"$ZT_ROOT"/} ($bindir)"
    local locale=C.UTF-8
    locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' || locale=C
    zt_pg_run "$bindir/initdb" -D "$data" -U "$superuser" --auth=trust -E UTF8 --locale="$locale" >"$ZT_ROOT/.data/pg-initdb.log" 2>&1 || {
      cat "$ZT_ROOT/.data/pg-initdb.log" >&2
      return 1
    }
  fi
  local listen=localhost
  [[ "$PG_HOST" == 127.0.0.1 || "$PG_HOST" == ::1 ]] && listen="$PG_HOST"
  zt_log "starting PostgreSQL on $PG_HOST:$PG_PORT (data in ${data#"$ZT_ROOT"/}, log in ${data#"$ZT_ROOT"/}/server.log)"
  # No Unix socket: clients here use TCP, and the default socket folder may belong to the system server.
  zt_pg_run "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t "${ZT_SERVICES_TIMEOUT:-60}" \
    -o "-p $PG_PORT -c listen_addresses=$listen -c unix_socket_directories=''" start >&2 || {
    tail -n 20 "$data/server.log" >&2 2>/dev/null
    return 1
  }
  echo "$data" >"$ZT_ROOT/.data/pg.started"
}

zt_start_local_redis() {
  command -v redis-server >/dev/null 2>&1 || return 1
  local data="$ZT_ROOT/.data/redis"
  mkdir -p "$data"
  local bind=127.0.0.1
  [[ "$REDIS_HOST" == localhost ]] && bind="127.0.0.1 -::1"
  [[ "$REDIS_HOST" == ::1 ]] && bind="::1"
  zt_log "starting Redis on $REDIS_HOST:$REDIS_PORT (data in .data/redis, log in .data/redis/redis.log)"
  # shellcheck disable=SC2086
  redis-server --port "$REDIS_PORT" --bind $bind --dir "$data" --save "" --appendonly no \
    --maxmemory-policy noeviction --daemonize yes --pidfile "$data/redis-$REDIS_PORT.pid" \
    --logfile "$data/redis.log" ${REDIS_PASSWORD:+--requirepass "$REDIS_PASSWORD"} >&2
}

# ------------------------------------------------------------------------------------------ the steps

zt_ensure_postgres() {
  zt_pg_answers && {
    zt_log "PostgreSQL answers at $PG_HOST:$PG_PORT"
    return 0
  }
  zt_is_local_host "$PG_HOST" || zt_die "PostgreSQL at $PG_HOST:$PG_PORT (DATABASE_URL) does not answer, and it is not on this machine to start" || return 1
  if zt_start_system_postgres || { zt_docker_ok && zt_start_docker postgres; } || zt_start_local_postgres; then
    zt_wait_for "PostgreSQL at $PG_HOST:$PG_PORT" zt_pg_answers || return 1
    zt_log "PostgreSQL answers at $PG_HOST:$PG_PORT"
    return 0
  fi
  zt_die "PostgreSQL does not answer at $PG_HOST:$PG_PORT and could not be started here.
  Install PostgreSQL 15 or newer (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@15)
  or Docker (then: docker compose up -d postgres redis), or point DATABASE_URL at a running server."
}

zt_ensure_redis() {
  if ! zt_redis_answers; then
    zt_is_local_host "$REDIS_HOST" || zt_die "Redis at $REDIS_HOST:$REDIS_PORT (REDIS_URL) does not answer, and it is not on this machine to start" || return 1
    if zt_start_system_redis || { zt_docker_ok && zt_start_docker redis; } || zt_start_local_redis; then
      zt_wait_for "Redis at $REDIS_HOST:$REDIS_PORT" zt_redis_answers || return 1
    else
      zt_die "Redis does not answer at $REDIS_HOST:$REDIS_PORT and could not be started here.
  Install Redis 7 (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)
  or Docker (then: docker compose up -d postgres redis), or point REDIS_URL at a running server."
      return 1
    fi
  fi
  zt_log "Redis answers at $REDIS_HOST:$REDIS_PORT"
  local policy
  policy="$(zt_redis_cmd CONFIG GET maxmemory-policy | tail -n 1)"
  if [[ -z "$policy" || "$policy" == maxmemory-policy ]]; then
    zt_log "warning: could not read Redis maxmemory-policy (CONFIG may be disabled); BullMQ needs noeviction"
  elif [[ "$policy" != noeviction ]]; then
    zt_log "warning: Redis maxmemory-policy is '$policy'; BullMQ needs 'noeviction' or queued jobs may be evicted."
    zt_log "         fix: redis-cli -p $REDIS_PORT CONFIG SET maxmemory-policy noeviction (and set it in redis.conf)"
  fi
}

# Creates the database named in DATABASE_URL when it does not exist: psql when installed, else node-postgres.
zt_ensure_database() {
  local db="$PG_DB"
  [[ -n "$db" ]] || return 0
  [[ "$db" =~ ^[A-Za-z0-9_-]+$ ]] || zt_die "unexpected database name in DATABASE_URL: $db" || return 1
  local admin_url="${DATABASE_URL%%\?*}"
  admin_url="${admin_url%/*}/postgres"
  if command -v psql >/dev/null 2>&1; then
    local exists
    exists="$(psql "$admin_url" -XtAc "SELECT 1 FROM pg_database WHERE datname = '$db'" 2>&1)" ||
      zt_die "cannot connect to PostgreSQL as in DATABASE_URL: $exists" || return 1
    if [[ "$exists" != 1 ]]; then
      zt_log "creating database $db"
      psql "$admin_url" -Xq -c "CREATE DATABASE \"$db\"" >&2 || return 1
    fi
  elif [[ -d "$ZT_ROOT/node_modules/pg" ]]; then
    (cd "$ZT_ROOT" && node -e '
      const { Client } = require("pg");
      const [url, db] = process.argv.slice(1);
      (async () => {
        const c = new Client({ connectionString: url });
        await c.connect();
        const r = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [db]);
        if (!r.rowCount) { console.error(`[services] creating database ${db}`); await c.query(`CREATE DATABASE "${db}"`); }
        await c.end();
      })().catch((e) => { console.error(`[services] ERROR: ${e.message}`); process.exit(1); });
    ' "$admin_url" "$db") || return 1
  else
    zt_die "neither psql nor node_modules/pg is available to create database $db (run npm install first)"
  fi
}

zt_read_urls() {
  zt_load_dotenv "$ZT_ROOT/.env" DATABASE_URL REDIS_URL
  export DATABASE_URL="${DATABASE_URL:-$ZT_DEFAULT_DATABASE_URL}"
  export REDIS_URL="${REDIS_URL:-$ZT_DEFAULT_REDIS_URL}"
  zt_parse_url PG "$DATABASE_URL" 5432
  zt_parse_url REDIS "$REDIS_URL" 6379
}

# The one entry point: both services answer and the database exists, or it returns non-zero having said why.
zt_ensure_services() {
  command -v node >/dev/null 2>&1 || zt_die "node is not installed (Node.js 20.19 or newer is needed)" || return 1
  zt_read_urls
  zt_ensure_postgres || return 1
  zt_ensure_database || return 1
  zt_ensure_redis || return 1
}

# Stops only the servers this script started from the project folder (never a system service).
zt_stop_local_services() {
  zt_read_urls
  if [[ -f "$ZT_ROOT/.data/pg.started" ]]; then
    local data bindir
    data="$(cat "$ZT_ROOT/.data/pg.started")"
    if [[ -f "$data/postmaster.pid" ]] && bindir="$(zt_pg_bindir)"; then
      zt_as_root && ZT_PG_OS_USER="$(stat -c %U "$data")"
      zt_log "stopping the project-local PostgreSQL ($data)"
      zt_pg_run "$bindir/pg_ctl" -D "$data" -m fast -w stop >&2 || true
    fi
    rm -f "$ZT_ROOT/.data/pg.started"
  fi
  local pidfile
  for pidfile in "$ZT_ROOT"/.data/redis/redis-*.pid; do
    [[ -f "$pidfile" ]] || continue
    local pid
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null && grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null; then
      zt_log "stopping the project-local Redis (pid $pid)"
      kill "$pid"
      local i
      for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$pidfile"
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-up}" in
    up | ensure) zt_ensure_services ;;
    stop) zt_stop_local_services ;;
    status)
      zt_read_urls
      if zt_pg_answers; then zt_log "PostgreSQL answers at $PG_HOST:$PG_PORT"; else zt_log "PostgreSQL does not answer at $PG_HOST:$PG_PORT"; fi
      if zt_redis_answers; then zt_log "Redis answers at $REDIS_HOST:$REDIS_PORT"; else zt_log "Redis does not answer at $REDIS_HOST:$REDIS_PORT"; fi
      ;;
    *)
      echo "usage: bash scripts/services.sh [up|stop|status]" >&2
      exit 2
      ;;
  esac
fi
