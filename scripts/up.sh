#!/usr/bin/env bash
# The one command that brings the whole platform up with demo data on a fresh clone (`npm run up`):
# install dependencies, make sure PostgreSQL and Redis answer, write .env with a random JWT_SECRET if there
# is none, build, migrate, seed the demo data, then run the all-in-one server in the foreground on PORT.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/services.sh
source scripts/services.sh

if [[ -t 1 ]]; then B=$'\033[1m' N=$'\033[0m'; else B='' N=''; fi
step() { printf '\n%s==> %s%s\n' "$B" "$*" "$N" >&2; }
die() {
  printf '\nup: %s\n' "$*" >&2
  exit 1
}

# ----------------------------------------------------------------------------------------- prerequisites
command -v node >/dev/null 2>&1 || die "Node.js is not installed: install Node.js 20.19 or newer (22 LTS works too)."
command -v npm >/dev/null 2>&1 || die "npm is not installed (it comes with Node.js)."
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
  die "Node.js $(node -v) is too old: 20.19 or newer is needed."

# ----------------------------------------------------------------------------------------- .env
if [[ ! -f .env ]]; then
  step "Writing .env with a fresh JWT_SECRET"
  secret="$(openssl rand -hex 32 2>/dev/null || node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')"
  cat >.env <<EOF
# Local settings for npm run up / npm start. Every variable and its default is listed in README.md.
# Variables set in the shell win over this file.
JWT_SECRET=$secret
EOF
  chmod 600 .env
fi
zt_load_dotenv .env
: "${JWT_SECRET:?JWT_SECRET is missing: add JWT_SECRET=<at least 32 random characters> to .env}"
export PORT="${PORT:-3000}"

# Fail now, not after the build, when the port is taken.
node -e '
  const s = require("net").createServer();
  s.once("error", () => process.exit(1));
  s.listen(+process.argv[1], "0.0.0.0", () => s.close(() => process.exit(0)));
' "$PORT" || die "port $PORT is already in use: stop what runs there, or choose another port: PORT=$((PORT + 1)) npm run up"

# ----------------------------------------------------------------------------------------- dependencies
step "Installing dependencies"
if [[ ! -f package-lock.json ]]; then
  npm install --no-audit --no-fund
elif [[ ! -d node_modules || ! -f node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
elif [[ package-lock.json -nt node_modules/.package-lock.json || package.json -nt node_modules/.package-lock.json ]]; then
  npm install --no-audit --no-fund
else
  echo "node_modules is up to date" >&2
fi

# ----------------------------------------------------------------------------------------- services
step "PostgreSQL and Redis"
zt_ensure_services || die "PostgreSQL and Redis must answer before the platform can start (see above)."

# ----------------------------------------------------------------------------------------- build, data
step "Building"
npm run --silent build

step "Migrating the database"
npm run --silent migrate

seed_log="$(mktemp)"
trap 'rm -f "$seed_log"' EXIT
if [[ -f dist/scripts/seed.js ]]; then
  step "Loading the demo data"
  npm run --silent seed 2>&1 | tee "$seed_log"
else
  printf '\nup: warning: dist/scripts/seed.js is missing (no scripts/seed.ts yet): starting without demo data.\n' >&2
fi

# ----------------------------------------------------------------------------------------- start
docs_path="${SWAGGER_PATH:-api/docs}"
url="http://localhost:$PORT"
# The demo accounts as the seed printed them (their phone numbers start 1380000000).
accounts="$(grep -E '1380000000[0-9]' "$seed_log" | sed 's/^[[:space:]]*/    /' || true)"
[[ -n "$accounts" ]] || accounts="    (none: see the seed output above)"
rm -f "$seed_log"
trap - EXIT
banner() {
  local title="$1"
  printf '\n%s%s%s\n' "$B" "============================================================================" "$N"
  printf '%s  %s%s\n' "$B" "$title" "$N"
  printf '    Web / API    %s\n' "$url"
  printf '    API docs     %s/%s   (OpenAPI JSON: %s/%s-json)\n' "$url" "$docs_path" "$url" "$docs_path"
  printf '    Health       %s/health   %s/ready\n' "$url" "$url"
  printf '  Demo accounts (phone / password):\n%s\n' "$accounts"
  printf '  Stop with Ctrl-C.\n'
  printf '%s%s%s\n\n' "$B" "============================================================================" "$N"
}

banner "Zhaotong farm O2O: starting the all-in-one server on port $PORT"

# Once the server answers /ready, place the demo orders through the API (scripts/demo-orders.ts) and say
# so again below its start-up log; gives up if the server exits.
# (Started in a detached subshell, so it is nobody's zombie once the shell becomes the server.)
server_pid=$$
( (node -e '
  const [port, pid] = process.argv.slice(1).map(Number);
  const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
  const deadline = Date.now() + 120000;
  (async function poll() {
    while (Date.now() < deadline && alive()) {
      const ok = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
      if (ok) process.exit(0);
      await new Promise((r) => setTimeout(r, 500));
    }
    process.exit(1);
  })();
' "$PORT" "$server_pid" && { node dist/scripts/demo-orders.js "http://127.0.0.1:$PORT" || true; banner "Zhaotong farm O2O is ready"; }) & )

# exec keeps the PID, so Ctrl-C and `kill` reach the server directly and it shuts down cleanly.
exec node dist/apps/platform/src/main.js
