#!/usr/bin/env bash
# The whole test suite on a fresh clone (`npm test`): dependencies, PostgreSQL and Redis, type check,
# build (some end-to-end tests start dist/), unit tests, end-to-end tests. Exits non-zero if any step fails.
#
#   ZT_E2E_WORKERS   jest workers for the e2e suites (default 2; 1 means --runInBand; see README "Tests")
#   TEST_DATABASE_URL, TEST_REDIS_URL   where the tests make their databases and queues; by default the
#                    server of DATABASE_URL (its "postgres" database) and REDIS_URL
#   Extra arguments go to both jest runs, e.g. `npm test -- -t reservation`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
# shellcheck source=scripts/services.sh
source scripts/services.sh

if [[ -t 1 ]]; then B=$'\033[1m' N=$'\033[0m'; else B='' N=''; fi
step() { printf '\n%s==> %s%s\n' "$B" "$*" "$N"; }
die() {
  printf '\ntest: %s\n' "$*" >&2
  exit 1
}

command -v node >/dev/null 2>&1 || die "Node.js is not installed: install Node.js 20.19 or newer."
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
  die "Node.js $(node -v) is too old: 20.19 or newer is needed."

# ----------------------------------------------------------------------------------------- dependencies
if [[ ! -f package-lock.json ]]; then
  step "Installing dependencies (npm install: there is no package-lock.json)"
  npm install --no-audit --no-fund || die "npm install failed"
elif [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "Installing dependencies (npm ci)"
  npm ci --no-audit --no-fund || die "npm ci failed"
fi

# ----------------------------------------------------------------------------------------- services
step "PostgreSQL and Redis"
zt_ensure_services || die "the tests need PostgreSQL and Redis (see above)"
# The tests' own servers: the same ones, through the maintenance database "postgres".
admin_url="${DATABASE_URL%%\?*}"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-${admin_url%/*}/postgres}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-$REDIS_URL}"
if [[ -z "${REDIS_SERVER_BIN:-}" ]] && ! command -v redis-server >/dev/null 2>&1; then
  zt_log "warning: redis-server is not installed; the tests that stop and restart a private Redis need it (or REDIS_SERVER_BIN)"
fi

# ----------------------------------------------------------------------------------------- checks
step "Type check (server and web app, tsc --noEmit)"
npm run --silent typecheck || die "type check failed"

step "Build (npm run build)"
npm run --silent build || die "build failed"

results=()
failed=0
run() {
  local name="$1"
  shift
  step "$name"
  local start=$SECONDS
  if "$@"; then
    results+=("  passed  $name ($((SECONDS - start))s)")
  else
    results+=("  FAILED  $name ($((SECONDS - start))s)")
    failed=1
  fi
}

# Two workers: on a 2-core machine the 16 e2e suites took 36-39 s against 78-90 s in band (each suite has its
# own database and Redis prefix, and much of their time is spent waiting on PostgreSQL, Redis and timers).
workers="${ZT_E2E_WORKERS:-2}"
if [[ "$workers" == 1 ]]; then e2e_mode=(--runInBand); else e2e_mode=(--maxWorkers="$workers"); fi

# With a filter given, one of the two projects may well have nothing that matches it.
extra=("$@")
(($#)) && extra=(--passWithNoTests "$@")

run "Unit tests" npx jest --selectProjects unit "${extra[@]}"

# The web app's end-to-end tests (test/web) drive Debian's Chromium through playwright-core.
if [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
  step "Installing Chromium for the web tests (apt-get install -y chromium)"
  as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
  { as_root apt-get install -y chromium || { as_root apt-get update && as_root apt-get install -y chromium; }; } ||
    zt_log "warning: could not install chromium; test/web will fail"
fi
run "End-to-end tests" npx jest --selectProjects e2e "${e2e_mode[@]}" "${extra[@]}"

printf '\n%sSummary%s\n' "$B" "$N"
printf '  passed  type check\n  passed  build\n'
printf '%s\n' "${results[@]}"
exit "$failed"
