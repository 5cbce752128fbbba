#!/usr/bin/env bash
# Runs every Rapport test: unit, integration (SQLite and PostgreSQL), process and client tests.
# On a fresh Debian machine it installs what the tests need (PostgreSQL, Node.js, Chromium) and starts a
# throwaway PostgreSQL cluster on 127.0.0.1 that lives only as long as this script.
#   ./test.sh                 everything
#   ./test.sh --filter NAME   only tests whose name contains NAME
# RAPPORT_SKIP_POSTGRES=1 skips the PostgreSQL tests (reported as skipped, never as passed).
set -euo pipefail
cd "$(dirname "$0")"

filter=()
if [[ "${1:-}" == "--filter" && -n "${2:-}" ]]; then
  filter=(--filter "FullyQualifiedName~$2")
fi

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "test.sh: need root (or sudo) to run: $*" >&2; return 1; fi
}

apt_updated=0
apt_install() {
  if [[ $apt_updated -eq 0 ]]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v dotnet >/dev/null; then
  echo "test.sh: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 1
fi

# ---- Node.js: the emulator is also tested with jsforce, an independent client from npm -------
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "Installing Node.js and npm"
  apt_install nodejs npm
fi

# ---- Chromium: the browser tests drive Debian's package through Playwright -----------------
# (RAPPORT_CHROMIUM may name another executable instead); Playwright never downloads a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ -z "${RAPPORT_CHROMIUM:-}" && ! -x /usr/bin/chromium ]]; then
  log "Installing Chromium"
  apt_install chromium
fi
# Screenshots of every browser-test step, kept after the run.
export RAPPORT_BROWSER_ARTIFACTS="${RAPPORT_BROWSER_ARTIFACTS:-$PWD/TestResults/screenshots}"

# ---- PostgreSQL: a private cluster for this run -------------------------------------------
pg_dir=""
pg_bin=""
cleanup() {
  if [[ -n "$pg_dir" && -n "$pg_bin" ]]; then
    as_root runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    as_root rm -rf "$pg_dir" || true
  fi
}
trap cleanup EXIT

if [[ "${RAPPORT_SKIP_POSTGRES:-}" != "1" && -z "${RAPPORT_TEST_POSTGRES:-}" ]]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -z "$pg_bin" || ! -x "$pg_bin/initdb" ]]; then
    log "Installing PostgreSQL"
    apt_install postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  pg_dir=$(mktemp -d /tmp/rapport-pg.XXXXXX)
  chmod 755 "$pg_dir"
  as_root chown postgres "$pg_dir"
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
  log "Starting a throwaway PostgreSQL on 127.0.0.1:$pg_port"
  as_root runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync >/dev/null
  as_root runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c fsync=off -c max_connections=200" start >/dev/null
  export RAPPORT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
fi

# ---- Build once, then run every test project -------------------------------------------------
log "Building"
dotnet build Rapport.slnx -c Release -nologo -v quiet -clp:ErrorsOnly

log "Running tests"
results=$(mktemp -d)
status=0
dotnet test Rapport.slnx -c Release --no-build -nologo "${filter[@]}" \
  --logger "trx" --results-directory "$results" 2>&1 | tee "$results/console.log" || status=$?

# One summary line over all projects, from the TRX files.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}ResultSummary/{*}Counters")
    if counters is None: continue
    passed += int(counters.get("passed", 0)); failed += int(counters.get("failed", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
if [[ -d "$RAPPORT_BROWSER_ARTIFACTS" ]]; then
  echo "browser screenshots: $RAPPORT_BROWSER_ARTIFACTS"
fi
exit $status
