#!/usr/bin/env bash
# Local stack for development, tests and CI: MariaDB and Redis (the machine's own services) and two
# PowerDNS authoritative servers of this checkout, run unprivileged:
#   - the primary (the one ScaiDNS drives), gmysql, from <repo>/.state/pdns: DNS 127.0.0.1:5300, API :8081;
#   - a secondary, gsqlite3, from <repo>/.state/pdns-secondary: DNS 127.0.0.1:5301, API :8082. It takes
#     NOTIFY/AXFR from the primary and can consume a catalog zone (RFC 9432) the primary produces.
#
#   scripts/stack.sh up               install what is missing, start what is down, write .env if absent
#                                     (or add the keys it lacks)
#   scripts/stack.sh status           one line per service; non-zero exit when one is down
#   scripts/stack.sh down             stop this checkout's two pdns_servers (MariaDB and Redis stay up)
#   scripts/stack.sh pdns-stop        stop only the primary pdns_server, fast (tests simulate PowerDNS outages)
#   scripts/stack.sh pdns-start       start only the primary pdns_server and wait until its API answers
#   scripts/stack.sh secondary-stop   stop only the secondary (tests of an absent or lagging secondary)
#   scripts/stack.sh secondary-start  start only the secondary and wait until its API answers
#
# Every step is idempotent and says in one line what it did or found already done.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
STATE="$ROOT/.state"
SECRETS="$STATE/secrets.env"
PDNS_DIR="$STATE/pdns"
PDNS_CONF="$PDNS_DIR/pdns.conf"
PDNS_LOG="$PDNS_DIR/pdns.log"
PDNS_PIDFILE="$PDNS_DIR/pdns_server.pid"
PDNS_SECONDARY_DIR="$STATE/pdns-secondary"
PDNS_SECONDARY_DB="$PDNS_SECONDARY_DIR/pdns.sqlite3"
ENV_FILE="$ROOT/.env"
STATE_EXISTED=0
[[ -d "$STATE" ]] && STATE_EXISTED=1

PDNS_DNS_PORT=5300
PDNS_API_PORT=8081
PDNS_API_URL="http://127.0.0.1:$PDNS_API_PORT"
PDNS_SCHEMA=/usr/share/pdns-backend-mysql/schema/schema.mysql.sql
PDNS_SECONDARY_DNS_PORT=5301
PDNS_SECONDARY_API_PORT=8082
PDNS_SECONDARY_API_URL="http://127.0.0.1:$PDNS_SECONDARY_API_PORT"
PDNS_SQLITE_SCHEMA=/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql
# sqlite3 (the command-line shell) loads the secondary's schema; the backend does not create it.
PACKAGES=(pdns-server pdns-backend-mysql pdns-backend-sqlite3 sqlite3 bind9-dnsutils bind9utils mariadb-server
  redis-server curl)

say() { printf 'stack: %s\n' "$*"; }
die() {
  printf 'stack: %s\n' "$*" >&2
  exit 1
}

# The functions that start, stop and probe a pdns_server work on the instance chosen here (the primary
# unless told otherwise): I_LABEL prefixes its messages, I_DIR is its --config-dir.
use_instance() {
  case "$1" in
    primary)
      I_LABEL=pdns I_DIR="$PDNS_DIR" I_DNS_PORT="$PDNS_DNS_PORT" I_API_PORT="$PDNS_API_PORT"
      I_API_URL="$PDNS_API_URL" I_SECRET=PDNS_API_KEY
      ;;
    secondary)
      I_LABEL=pdns-secondary I_DIR="$PDNS_SECONDARY_DIR" I_DNS_PORT="$PDNS_SECONDARY_DNS_PORT"
      I_API_PORT="$PDNS_SECONDARY_API_PORT" I_API_URL="$PDNS_SECONDARY_API_URL" I_SECRET=PDNS_SECONDARY_API_KEY
      ;;
    *) die "use_instance: unknown instance $1" ;;
  esac
  I_CONF="$I_DIR/pdns.conf" I_LOG="$I_DIR/pdns.log" I_PIDFILE="$I_DIR/pdns_server.pid"
}
use_instance primary

# ---------------------------------------------------------------------------------------------
# Helpers

# Alphanumeric only: the values end up in URLs, SQL and pdns.conf, none of which then need quoting.
random_secret() {
  local n="$1" s=''
  while ((${#s} < n)); do
    s+="$(head -c 96 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')"
  done
  printf '%s' "${s:0:n}"
}

# Reads KEY from a KEY=value file without sourcing it (a .env is not necessarily valid bash).
read_kv() {
  local file="$1" key="$2" line value
  [[ -f "$file" ]] || return 1
  line="$(grep -E "^[[:space:]]*(export[[:space:]]+)?${key}=" "$file" | tail -n 1)" || return 1
  value="${line#*=}"
  value="${value%$'\r'}"
  if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then value="${BASH_REMATCH[1]}"; fi
  printf '%s' "$value"
}

# Returns the secret stored in .state/secrets.env, generating and storing it on first use.
state_secret() {
  local key="$1" length="$2" value
  if value="$(read_kv "$SECRETS" "$key")" && [[ -n "$value" ]]; then
    printf '%s' "$value"
    return
  fi
  value="$(random_secret "$length")"
  mkdir -p "$STATE"
  (umask 077 && printf '%s=%s\n' "$key" "$value" >>"$SECRETS")
  printf '%s' "$value"
}

url_decode() {
  local s="${1//+/ }"
  printf '%b' "${s//%/\\x}"
}

sql_quote() {
  local s="${1//\\/\\\\}"
  s="${s//\'/\\\'}"
  printf "'%s'" "$s"
}

MYSQL=()
mysql_cmd() {
  if ((${#MYSQL[@]} == 0)); then
    local client
    client="$(command -v mariadb || command -v mysql)" || die "no mariadb/mysql client found"
    # Root over the unix socket first (Debian's default), then root with an empty password over TCP.
    if "$client" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
      MYSQL=("$client" -uroot)
    elif "$client" -uroot -h127.0.0.1 -P3306 -e 'SELECT 1' >/dev/null 2>&1; then
      MYSQL=("$client" -uroot -h127.0.0.1 -P3306)
    else
      die "cannot log in to MariaDB as root (unix socket or 127.0.0.1:3306 with an empty password)"
    fi
  fi
}

# Runs SQL as root; prints result rows tab-separated without headers.
sql() {
  mysql_cmd
  "${MYSQL[@]}" --batch --raw --skip-column-names -e "$1"
}

mariadb_answers() {
  local client
  client="$(command -v mariadb || command -v mysql)" || return 1
  "$client" -uroot -e 'SELECT 1' >/dev/null 2>&1 ||
    "$client" -uroot -h127.0.0.1 -P3306 -e 'SELECT 1' >/dev/null 2>&1
}

redis_answers() {
  command -v redis-cli >/dev/null 2>&1 || return 1
  [[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" == PONG ]]
}

# HTTP status of GET /servers/localhost with the given key; 000 when nothing answers. The key goes
# through curl's stdin config so it never shows up in `ps`.
pdns_api_status() {
  local key="$1" timeout="${2:-2}"
  printf 'header = "X-API-Key: %s"\n' "$key" |
    curl -K - -s -o /dev/null -w '%{http_code}' --max-time "$timeout" \
      -H 'Accept: application/json' "$I_API_URL/api/v1/servers/localhost" 2>/dev/null ||
    true
}

proc_cmdline() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }
proc_comm() { cat "/proc/$1/comm" 2>/dev/null || true; }

# pdns_server processes started from this instance's config dir in this checkout (whatever the pid file
# says). The trailing space keeps .state/pdns from matching .state/pdns-secondary.
our_pdns_pids() {
  local dir cmd
  for dir in /proc/[0-9]*; do
    [[ "$(proc_comm "${dir#/proc/}")" == pdns_server* ]] || continue
    cmd="$(proc_cmdline "${dir#/proc/}")"
    [[ "$cmd" == *"--config-dir=$I_DIR "* ]] && printf '%s\n' "${dir#/proc/}"
  done
  return 0
}

# Pids listening on a port (TCP listen, or UDP bound). Uses ss, or /proc when iproute2 is absent.
port_pids() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    ss -Hlntup "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true
    return 0
  fi
  local hex inodes fd link
  hex="$(printf '%04X' "$port")"
  inodes="$(awk -v h=":$hex" '$2 ~ h"$" && ($4 == "0A" || FILENAME ~ /udp/) { print $10 }' \
    /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 2>/dev/null | sort -u)"
  [[ -n "$inodes" ]] || return 0
  for fd in /proc/[0-9]*/fd/*; do
    link="$(readlink "$fd" 2>/dev/null)" || continue
    [[ "$link" == socket:* ]] || continue
    grep -qx "${link//[^0-9]/}" <<<"$inodes" && { fd="${fd#/proc/}" && printf '%s\n' "${fd%%/*}"; }
  done | sort -u
  return 0
}

port_in_use() { [[ -n "$(port_pids "$1")" ]]; }

# Stops pids (TERM, then KILL after ~10 s) and waits until they are gone.
stop_pids() {
  local pids=("$@") pid i
  ((${#pids[@]} > 0)) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || return 0
    sleep 0.1
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  sleep 0.2
}

wait_ports_free() {
  local i
  for ((i = 0; i < 100; i++)); do
    port_in_use "$I_DNS_PORT" || port_in_use "$I_API_PORT" || return 0
    sleep 0.1
  done
  return 1
}

# ---------------------------------------------------------------------------------------------
# up, step by step

ensure_packages() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    # bind9utils is a transitional package on bookworm; bind9-utils is what carries named-checkzone.
    if [[ "$pkg" == bind9utils ]] && command -v named-checkzone >/dev/null 2>&1; then continue; fi
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    say "packages: all present (${PACKAGES[*]})"
    return
  fi
  ((EUID == 0)) || die "packages missing (${missing[*]}) and not root: install them with apt-get"
  # Debian packages would start their services on install; policy-rc.d (exit 101) forbids that. A
  # machine that already has one keeps it untouched.
  local made_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  say "packages: installing ${missing[*]}"
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >"$STATE/apt.log" 2>&1 || rc=$?
  ((made_policy)) && rm -f /usr/sbin/policy-rc.d
  if ((rc != 0)); then
    tail -n 20 "$STATE/apt.log" >&2
    die "apt-get failed to install ${missing[*]} (full log: $STATE/apt.log)"
  fi
  say "packages: installed ${missing[*]}"
}

ensure_mariadb() {
  if mariadb_answers; then
    say "mariadb: answering"
    return
  fi
  [[ -x /usr/sbin/mariadbd ]] || die "mariadb: /usr/sbin/mariadbd is not installed"
  # Without systemd nobody creates the socket directory.
  install -d -o mysql -g mysql -m 755 /run/mysqld 2>/dev/null || mkdir -p /run/mysqld
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd 9>&-
  local i
  for ((i = 0; i < 60; i++)); do
    if mariadb_answers; then
      say "mariadb: started"
      return
    fi
    sleep 0.5
  done
  die "mariadb: started /usr/sbin/mariadbd but it does not answer after 30 s (see /var/log/mysql or journal)"
}

ensure_redis() {
  if redis_answers; then
    say "redis: answering"
    return
  fi
  command -v redis-server >/dev/null 2>&1 || die "redis: redis-server is not installed"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null 9>&-
  local i
  for ((i = 0; i < 60; i++)); do
    if redis_answers; then
      say "redis: started"
      return
    fi
    sleep 0.5
  done
  die "redis: started redis-server but it does not answer after 30 s (see /var/log/redis/ci.log)"
}

ensure_state() {
  if ((STATE_EXISTED)); then
    say "state: $STATE exists"
  else
    mkdir -p "$STATE"
    say "state: created $STATE"
  fi
  chmod 700 "$STATE"
  mkdir -p "$PDNS_DIR" "$PDNS_SECONDARY_DIR"
}

# Creates or fixes a MariaDB account so that its password and database grants are exactly what
# this checkout expects; says "ok" when nothing had to change.
ensure_db_user() {
  local user="$1" host="$2" password="$3"
  shift 3
  local dbs=("$@") qpw grants db changed=()
  qpw="$(sql_quote "$password")"
  if [[ "$(sql "SELECT COUNT(*) FROM mysql.user WHERE User=$(sql_quote "$user") AND Host=$(sql_quote "$host")")" == 0 ]]; then
    sql "CREATE USER IF NOT EXISTS $(sql_quote "$user")@$(sql_quote "$host") IDENTIFIED BY $qpw"
    changed+=(created)
  elif [[ "$(sql "SELECT COUNT(*) FROM mysql.user WHERE User=$(sql_quote "$user") AND Host=$(sql_quote "$host") AND authentication_string=PASSWORD($qpw)")" == 0 ]]; then
    sql "ALTER USER $(sql_quote "$user")@$(sql_quote "$host") IDENTIFIED BY $qpw"
    changed+=("password reset to this checkout's")
  fi
  grants="$(sql "SHOW GRANTS FOR $(sql_quote "$user")@$(sql_quote "$host")")"
  for db in "${dbs[@]}"; do
    if ! grep -qF "GRANT ALL PRIVILEGES ON \`$db\`.* TO" <<<"$grants"; then
      sql "GRANT ALL PRIVILEGES ON \`$db\`.* TO $(sql_quote "$user")@$(sql_quote "$host")"
      changed+=("granted ALL on $db")
    fi
  done
  if ((${#changed[@]} == 0)); then
    say "mariadb: user $user@$host ok"
  else
    local joined
    joined="$(printf '%s, ' "${changed[@]}")"
    say "mariadb: user $user@$host ${joined%, }"
  fi
}

ensure_database() {
  local db="$1" exists
  exists="$(sql "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name=$(sql_quote "$db")")"
  if [[ "$exists" != 0 ]]; then
    say "mariadb: database $db exists"
  else
    sql "CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    say "mariadb: created database $db"
  fi
}

# A read-only account on PowerDNS's database for ScaiDNS's drift scans (PDNS_DATABASE_URL): SELECT, nothing else.
ensure_pdns_reader() {
  local password="$1" host qpw
  qpw="$(sql_quote "$password")"
  for host in 127.0.0.1 localhost; do
    if [[ "$(sql "SELECT COUNT(*) FROM mysql.user WHERE User='scaidns_ro' AND Host=$(sql_quote "$host")")" == 0 ]]; then
      sql "CREATE USER 'scaidns_ro'@$(sql_quote "$host") IDENTIFIED BY $qpw"
      sql "GRANT SELECT ON \`pdns\`.* TO 'scaidns_ro'@$(sql_quote "$host")"
      say "mariadb: user scaidns_ro@$host created, granted SELECT on pdns"
    else
      sql "ALTER USER 'scaidns_ro'@$(sql_quote "$host") IDENTIFIED BY $qpw"
      sql "GRANT SELECT ON \`pdns\`.* TO 'scaidns_ro'@$(sql_quote "$host")"
      say "mariadb: user scaidns_ro@$host ok (SELECT on pdns)"
    fi
  done
}

ensure_pdns_database() {
  local password="$1" has_domains
  ensure_database pdns
  local host
  for host in 127.0.0.1 localhost; do ensure_db_user pdns "$host" "$password" pdns; done
  has_domains="$(sql "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='pdns' AND table_name='domains'")"
  if [[ "$has_domains" != 0 ]]; then
    say "mariadb: pdns schema present"
  else
    [[ -f "$PDNS_SCHEMA" ]] || die "pdns: $PDNS_SCHEMA is missing (is pdns-backend-mysql installed?)"
    mysql_cmd
    "${MYSQL[@]}" pdns <"$PDNS_SCHEMA"
    say "mariadb: loaded the pdns schema"
  fi
}

# The application user's password: an existing .env wins (so it keeps working), then .state.
app_db_password() {
  local url rest userinfo
  if url="$(read_kv "$ENV_FILE" DATABASE_URL)" && [[ "$url" == *://*@* ]]; then
    rest="${url#*://}"
    userinfo="${rest%@*}"
    if [[ "$userinfo" == *:* && "$(url_decode "${userinfo%%:*}")" == scaidns ]]; then
      url_decode "${userinfo#*:}"
      return
    fi
  fi
  state_secret APP_DB_PASSWORD 32
}

ensure_app_database() {
  local password="$1" host
  ensure_database scaidns
  ensure_database scaidns_test
  # `scaidns\_%` (escaped underscore) covers the throw-away databases tests and schema checks create.
  for host in 127.0.0.1 localhost; do
    ensure_db_user scaidns "$host" "$password" scaidns 'scaidns\_%'
  done
}

# Puts a freshly written config file in place (mode 600) unless it says what the current one says.
# Returns 0 when the file changed (the server must restart to read it), 1 when it did not.
install_conf() {
  local label="$1" tmp="$2" conf="$3"
  chmod 600 "$tmp"
  if [[ -f "$conf" ]] && cmp -s "$tmp" "$conf"; then
    rm -f "$tmp"
    say "$label: $conf unchanged"
    return 1
  fi
  mv "$tmp" "$conf"
  say "$label: wrote $conf"
  return 0
}

write_pdns_conf() {
  local api_key="$1" db_password="$2" tmp
  tmp="$(mktemp "$PDNS_DIR/.pdns.conf.XXXXXX")"
  cat >"$tmp" <<EOF
# Written by scripts/stack.sh for local development and tests; rewritten by every \`up\`.
# PowerDNS keeps its data in its own MariaDB database (pdns), never in ScaiDNS's.
launch=gmysql
gmysql-host=127.0.0.1
gmysql-port=3306
gmysql-dbname=pdns
gmysql-user=pdns
gmysql-password=$db_password
gmysql-dnssec=yes

daemon=no
guardian=no
disable-syslog=yes
# The pid file is ours (pdns_server.pid): pdns would otherwise write socket-dir/pdns.pid.
write-pid=no
socket-dir=$PDNS_DIR
local-address=127.0.0.1
local-port=$PDNS_DNS_PORT

api=yes
api-key=$api_key
webserver=yes
webserver-address=127.0.0.1
webserver-port=$PDNS_API_PORT
webserver-allow-from=127.0.0.0/8,::1/128
# MB; bulk imports PATCH thousands of rrsets at once (the default is 2).
webserver-max-bodysize=64

# ScaiDNS sets api_rectify per zone; the server default would rectify every PATCH of every zone.
default-api-rectify=no
# RFC 2136 updates: ScaiDNS writes signed zones this way (PowerDNS then fixes only the NSEC chain around
# the names it changes, where a PATCH rectifies the whole zone). Nobody is allowed by default: a zone
# takes updates only once ScaiDNS has set its ALLOW-DNSUPDATE-FROM and TSIG-ALLOW-DNSUPDATE metadata,
# and then only signed with ScaiDNS's TSIG key.
dnsupdate=yes
allow-dnsupdate-from=
default-soa-content=ns1.@ hostmaster.@ 0 10800 3600 604800 3600
default-ttl=3600
direct-dnskey=yes
loglevel=4
# The security poll is a DNS query to the internet; a dev box or CI machine has no use for it.
security-poll-suffix=

# Primary of the stack's secondary (127.0.0.1:$PDNS_SECONDARY_DNS_PORT, .state/pdns-secondary). Only zones of kind
# Master (and Producer, a catalog zone) send NOTIFY; Native zones, all that ScaiDNS creates today, never do and
# are transferred only when a secondary asks for them. A catalog lists only the Master zones whose \`catalog\`
# names it, and a Producer zone needs a serial at or below the Unix time (create it with soa_edit_api EPOCH):
# PowerDNS sets it to the Unix time on every membership change, which a YYYYMMDDnn serial would see as a decrease.
primary=yes
allow-axfr-ips=127.0.0.0/8
# Every Master/Producer zone notifies the local secondary: one server-wide line, where ALSO-NOTIFY metadata would
# have to be set (and kept) on each zone, catalog members included. NOTIFY is sent no matter whether the
# secondary runs (it is UDP: a stopped secondary costs a few log lines).
also-notify=127.0.0.1:$PDNS_SECONDARY_DNS_PORT
# NOTIFY only the secondary above, never the hosts a zone's NS records name (also-notify is not filtered by this;
# test zones carry NS names such as ns1.example.com that must not be sent anything).
only-notify=
# Seconds between the primary's checks for changed serials of Master zones (then NOTIFY) and for changed catalog
# membership (then the Producer zone's serial moves and it notifies). The default, 60, makes every catalog change
# wait up to a minute; PUT …/notify does not help there, as the serial moves only in this check.
xfr-cycle-interval=5
EOF
  install_conf pdns "$tmp" "$PDNS_CONF"
}

# The secondary's own database: gsqlite3, one file, holding nothing that cannot be transferred again (delete
# the file with the secondary stopped to start afresh). The schema goes in through a temporary file so that a
# failed load never leaves a half-made database behind.
ensure_secondary_db() {
  if [[ -f "$PDNS_SECONDARY_DB" ]] &&
    [[ "$(sqlite3 "$PDNS_SECONDARY_DB" "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='domains'" 2>/dev/null)" == 1 ]]; then
    say "pdns-secondary: database $PDNS_SECONDARY_DB present"
    return
  fi
  [[ -f "$PDNS_SQLITE_SCHEMA" ]] || die "pdns-secondary: $PDNS_SQLITE_SCHEMA is missing (is pdns-backend-sqlite3 installed?)"
  command -v sqlite3 >/dev/null 2>&1 || die "pdns-secondary: the sqlite3 shell is not installed: run scripts/stack.sh up"
  local tmp="$PDNS_SECONDARY_DIR/.pdns.sqlite3.new"
  rm -f "$tmp"
  sqlite3 "$tmp" <"$PDNS_SQLITE_SCHEMA" || die "pdns-secondary: loading $PDNS_SQLITE_SCHEMA failed"
  chmod 600 "$tmp"
  rm -f "$PDNS_SECONDARY_DB-wal" "$PDNS_SECONDARY_DB-shm"
  mv -f "$tmp" "$PDNS_SECONDARY_DB"
  say "pdns-secondary: created $PDNS_SECONDARY_DB"
}

write_secondary_conf() {
  local api_key="$1" tmp conf="$PDNS_SECONDARY_DIR/pdns.conf"
  tmp="$(mktemp "$PDNS_SECONDARY_DIR/.pdns.conf.XXXXXX")"
  cat >"$tmp" <<EOF
# Written by scripts/stack.sh for local development and tests; rewritten by every \`up\`.
# A secondary of the stack's primary (127.0.0.1:$PDNS_DNS_PORT): it holds only what it transferred, in its own
# SQLite file, and never takes writes from ScaiDNS (its API is for reading and for its Slave/Consumer zones).
launch=gsqlite3
gsqlite3-database=$PDNS_SECONDARY_DB
# Signed zones arrive presigned; their PRESIGNED flag is metadata, which needs the DNSSEC tables.
gsqlite3-dnssec=yes

daemon=no
guardian=no
disable-syslog=yes
write-pid=no
socket-dir=$PDNS_SECONDARY_DIR
local-address=127.0.0.1
local-port=$PDNS_SECONDARY_DNS_PORT

api=yes
api-key=$api_key
webserver=yes
webserver-address=127.0.0.1
webserver-port=$PDNS_SECONDARY_API_PORT
webserver-allow-from=127.0.0.0/8,::1/128

# Secondary: Slave zones follow their primaries (NOTIFY, then SOA check and AXFR/IXFR). A zone of kind
# Consumer is a catalog zone (RFC 9432): PowerDNS adds and removes a Slave zone for each of its members, with
# the Consumer zone's primaries. Nothing else is needed to consume a catalog.
secondary=yes
allow-notify-from=127.0.0.0/8
# Seconds between checks of Slave/Consumer zones (SOA refresh due, queued retrievals); the default is 60.
xfr-cycle-interval=5
# Never a primary itself: it neither notifies nor accepts zones announced by others (no autosecondary).
primary=no
autosecondary=no
dnsupdate=no
loglevel=4
security-poll-suffix=
EOF
  install_conf pdns-secondary "$tmp" "$conf"
}

# Stops whatever pdns_server holds our ports without being ours (another clone, an old config).
# Anything else on the ports is not ours to kill.
free_pdns_ports() {
  local port pid comm parent victims=()
  for port in "$I_DNS_PORT" "$I_API_PORT"; do
    for pid in $(port_pids "$port"); do
      comm="$(proc_comm "$pid")"
      if [[ "$comm" != pdns_server* ]]; then
        die "port $port is held by ${comm:-?} (pid $pid), not a pdns_server: free it and re-run"
      fi
      victims+=("$pid")
      # Under a guardian, killing the instance alone would only make the guardian restart it.
      parent="$(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null || true)"
      [[ -n "$parent" && "$(proc_comm "$parent")" == pdns_server* ]] && victims+=("$parent")
    done
  done
  ((${#victims[@]} > 0)) || return 0
  mapfile -t victims < <(printf '%s\n' "${victims[@]}" | sort -u)
  local pid_
  for pid_ in "${victims[@]}"; do
    say "$I_LABEL: stopping another pdns_server on port $I_DNS_PORT/$I_API_PORT (pid $pid_: $(proc_cmdline "$pid_"))"
  done
  stop_pids "${victims[@]}"
  wait_ports_free || die "$I_LABEL: ports $I_DNS_PORT/$I_API_PORT still busy after stopping pid(s) ${victims[*]}"
}

start_pdns() {
  local api_key="$1"
  [[ -f "$I_CONF" ]] || die "$I_LABEL: $I_CONF is missing: run scripts/stack.sh up first"
  command -v pdns_server >/dev/null 2>&1 || die "$I_LABEL: pdns_server is not installed: run scripts/stack.sh up"
  free_pdns_ports
  [[ -f "$I_LOG" ]] && mv -f "$I_LOG" "$I_LOG.1"
  # setsid: the server must outlive the shell (and the process group of a test runner) that started it.
  # 9>&-: the server must not inherit (and hold forever) the lock of this script.
  (cd "$I_DIR" && exec setsid nohup pdns_server --config-dir="$I_DIR" >"$I_LOG" 2>&1 </dev/null 9>&-) &
  local started=$! i pid='' exited=0
  for ((i = 0; i < 100; i++)); do
    if [[ "$(pdns_api_status "$api_key" 1)" == 200 ]]; then
      pid="$(our_pdns_pids | head -n 1)"
      printf '%s\n' "${pid:-$started}" >"$I_PIDFILE"
      say "$I_LABEL: started pdns_server (pid ${pid:-$started}, dns 127.0.0.1:$I_DNS_PORT, api $I_API_URL)"
      return 0
    fi
    if ! kill -0 "$started" 2>/dev/null && [[ -z "$(our_pdns_pids)" ]]; then
      exited=1
      break
    fi
    sleep 0.2
  done
  printf -- '--- tail of %s ---\n' "$I_LOG" >&2
  tail -n 25 "$I_LOG" >&2 || true
  local leftovers
  mapfile -t leftovers < <(our_pdns_pids)
  stop_pids "${leftovers[@]}"
  rm -f "$I_PIDFILE"
  if ((exited)); then die "$I_LABEL: pdns_server exited during start-up (log above: $I_LOG)"; fi
  die "$I_LABEL: pdns_server did not answer on $I_API_URL within 20 s (log above: $I_LOG)"
}

stop_pdns() {
  local pids
  mapfile -t pids < <(our_pdns_pids)
  rm -f "$I_PIDFILE"
  if ((${#pids[@]} == 0)); then
    say "$I_LABEL: not running"
    return 0
  fi
  stop_pids "${pids[@]}"
  say "$I_LABEL: stopped pdns_server (pid ${pids[*]})"
}

# Running from this config dir and answering with our key: leave it alone.
pdns_healthy() {
  local api_key="$1"
  [[ -n "$(our_pdns_pids)" ]] && [[ "$(pdns_api_status "$api_key")" == 200 ]]
}

ensure_pdns() {
  local api_key="$1" conf_changed="$2"
  if [[ "$conf_changed" == 0 ]] && pdns_healthy "$api_key"; then
    local pid
    pid="$(our_pdns_pids | head -n 1)"
    [[ "$(cat "$I_PIDFILE" 2>/dev/null || true)" == "$pid" ]] || printf '%s\n' "$pid" >"$I_PIDFILE"
    say "$I_LABEL: running (pid $pid), API answering on $I_API_URL"
    return
  fi
  if [[ -n "$(our_pdns_pids)" ]]; then
    if [[ "$conf_changed" == 1 ]]; then say "$I_LABEL: restarting for the new config"; fi
    stop_pdns
  fi
  start_pdns "$api_key"
}

# An .env written before the secondary existed gets its keys appended (never rewritten: a developer may have
# edited it); a key already there is only compared.
ensure_env_secondary() {
  local secondary_key="$1" reader_password="$2" key value missing=()
  local -A want=(
    [SECONDARIES]="127.0.0.1:$PDNS_SECONDARY_DNS_PORT"
    [SECONDARY_PDNS_API_URLS]="http://:$secondary_key@127.0.0.1:$PDNS_SECONDARY_API_PORT"
    [PDNS_DATABASE_URL]="mysql://scaidns_ro:$reader_password@127.0.0.1:3306/pdns"
  )
  for key in SECONDARIES SECONDARY_PDNS_API_URLS PDNS_DATABASE_URL; do
    if value="$(read_kv "$ENV_FILE" "$key")"; then
      [[ "$value" == "${want[$key]}" ]] && continue
      if [[ "$key" == SECONDARY_PDNS_API_URLS || "$key" == PDNS_DATABASE_URL ]]; then
        say "env: WARNING: $key in $ENV_FILE differs from this stack's (its secret is in $SECRETS)"
      else
        say "env: WARNING: $key in $ENV_FILE is $value, not this stack's ${want[$key]}"
      fi
    else
      missing+=("$key")
    fi
  done
  ((${#missing[@]} > 0)) || return 0
  {
    [[ -s "$ENV_FILE" && "$(tail -c 1 "$ENV_FILE")" != $'\n' ]] && printf '\n'
    printf '# The local PowerDNS secondary and the read-only view of the PowerDNS database (added by scripts/stack.sh up).\n'
    for key in "${missing[@]}"; do printf '%s=%s\n' "$key" "${want[$key]}"; done
  } >>"$ENV_FILE"
  say "env: added ${missing[*]} to $ENV_FILE"
}

# The secondary consumes the catalog zone ScaiDNS produces on the primary (PDNS_CATALOG_ZONE in .env, or
# ScaiDNS's default): a Consumer zone whose primary is the stack's primary. PowerDNS then adds and removes a
# Slave zone for each member by itself. Made once; ScaiDNS makes the Producer zone on the primary.
ensure_catalog_consumer() {
  local secondary_key="$1" catalog code
  catalog="$(read_kv "$ENV_FILE" PDNS_CATALOG_ZONE 2>/dev/null || true)"
  catalog="${catalog:-catalog.scaidns.invalid}"
  catalog="${catalog%.}."
  code="$(printf 'header = "X-API-Key: %s"\n' "$secondary_key" |
    curl -K - -s -o /dev/null -w '%{http_code}' --max-time 5 -H 'Accept: application/json' \
      "$PDNS_SECONDARY_API_URL/api/v1/servers/localhost/zones/$catalog")"
  if [[ "$code" == 200 ]]; then
    say "pdns-secondary: consumes the catalog $catalog"
    return
  fi
  code="$(printf 'header = "X-API-Key: %s"\n' "$secondary_key" |
    curl -K - -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST -H 'Accept: application/json' \
      -H 'Content-Type: application/json' \
      -d "{\"name\":\"$catalog\",\"kind\":\"Consumer\",\"masters\":[\"127.0.0.1:$PDNS_DNS_PORT\"]}" \
      "$PDNS_SECONDARY_API_URL/api/v1/servers/localhost/zones")"
  [[ "$code" == 201 ]] || die "pdns-secondary: could not create the Consumer zone $catalog (HTTP $code)"
  say "pdns-secondary: now consumes the catalog $catalog from 127.0.0.1:$PDNS_DNS_PORT"
}

ensure_env_file() {
  local api_key="$1" app_password="$2" secondary_key="$3" reader_password="$4"
  if [[ -f "$ENV_FILE" ]]; then
    local env_key
    env_key="$(read_kv "$ENV_FILE" PDNS_API_KEY || true)"
    if [[ "$env_key" == "$api_key" ]]; then
      say "env: $ENV_FILE exists (PDNS_API_KEY matches the running server)"
    else
      say "env: WARNING: PDNS_API_KEY in $ENV_FILE differs from this stack's key (in $SECRETS); the app will get 401 from PowerDNS"
    fi
    ensure_env_secondary "$secondary_key" "$reader_password"
    return
  fi
  (
    umask 077
    cat >"$ENV_FILE" <<EOF
# Written by scripts/stack.sh up for local development; never used in production. Safe to edit:
# the script does not overwrite an existing .env (it only appends keys that a newer stack added).
ENVIRONMENT=development
LOG_FORMAT=text
LOG_LEVEL=INFO
PORT=8000
DATABASE_URL=mysql://scaidns:$app_password@127.0.0.1:3306/scaidns
REDIS_URL=redis://127.0.0.1:6379/0
PDNS_API_URL=$PDNS_API_URL
PDNS_API_KEY=$api_key
PDNS_SERVER_ID=localhost
PDNS_DNS_UPDATE_ADDRESS=127.0.0.1:$PDNS_DNS_PORT
# The local PowerDNS secondary: takes NOTIFY/AXFR from the primary and consumes the catalog zone ScaiDNS
# makes (PDNS_CATALOG_ZONE, default catalog.scaidns.invalid). ScaiDNS checks its serials and, through its
# API, asks it to transfer each change at once.
SECONDARIES=127.0.0.1:$PDNS_SECONDARY_DNS_PORT
SECONDARY_PDNS_API_URLS=http://:$secondary_key@127.0.0.1:$PDNS_SECONDARY_API_PORT
# Read-only access to PowerDNS's database: drift scans read only the zones whose fingerprint moved.
PDNS_DATABASE_URL=mysql://scaidns_ro:$reader_password@127.0.0.1:3306/pdns
EXTERNAL_URL=http://127.0.0.1:8000
SESSION_SECRET=$(random_secret 48)
API_KEY_PEPPER=$(random_secret 48)

# ScaiKey is optional in development (ENVIRONMENT=development); required in staging and production.
SCAIKEY_URL=
SCAIKEY_CLIENT_ID=
SCAIKEY_CLIENT_SECRET=
SCAIKEY_APPLICATION_ID=
SCAIKEY_WEBHOOK_SECRET=
EOF
  )
  say "env: wrote $ENV_FILE"
}

cmd_up() {
  ensure_state
  ensure_packages
  ensure_mariadb
  ensure_redis
  local api_key pdns_db_password app_password secondary_key reader_password conf_changed=0
  api_key="$(state_secret PDNS_API_KEY 40)"
  pdns_db_password="$(state_secret PDNS_DB_PASSWORD 32)"
  secondary_key="$(state_secret PDNS_SECONDARY_API_KEY 40)"
  reader_password="$(state_secret PDNS_READER_PASSWORD 32)"
  app_password="$(app_db_password)"
  say "secrets: $SECRETS"
  ensure_pdns_database "$pdns_db_password"
  ensure_pdns_reader "$reader_password"
  ensure_app_database "$app_password"
  write_pdns_conf "$api_key" "$pdns_db_password" && conf_changed=1
  ensure_pdns "$api_key" "$conf_changed"
  use_instance secondary
  ensure_secondary_db
  conf_changed=0
  write_secondary_conf "$secondary_key" && conf_changed=1
  ensure_pdns "$secondary_key" "$conf_changed"
  use_instance primary
  ensure_env_file "$api_key" "$app_password" "$secondary_key" "$reader_password"
  ensure_catalog_consumer "$secondary_key"
  say "up: done"
}

# One line on the chosen pdns_server; non-zero when it is down.
pdns_status() {
  local pids api_key code
  pids="$(our_pdns_pids | tr '\n' ' ')"
  api_key="$(read_kv "$SECRETS" "$I_SECRET" || true)"
  code="$(pdns_api_status "$api_key")"
  if [[ -n "$pids" && "$code" == 200 ]]; then
    say "$I_LABEL: up (pid ${pids% }, dns 127.0.0.1:$I_DNS_PORT, api $I_API_URL answering)"
  elif [[ -n "$pids" ]]; then
    say "$I_LABEL: DOWN (pid ${pids% } running but the API answers HTTP $code)"
    return 1
  elif port_in_use "$I_API_PORT" || port_in_use "$I_DNS_PORT"; then
    say "$I_LABEL: DOWN (not running from $I_DIR; ports $I_DNS_PORT/$I_API_PORT held by pid(s) $( (port_pids "$I_DNS_PORT" && port_pids "$I_API_PORT") | sort -u | paste -sd, -))"
    return 1
  else
    say "$I_LABEL: DOWN (not running)"
    return 1
  fi
}

cmd_status() {
  local down=0
  if mariadb_answers; then say "mariadb: up (127.0.0.1:3306)"; else
    say "mariadb: DOWN (127.0.0.1:3306 does not answer)"
    down=1
  fi
  if redis_answers; then say "redis: up (127.0.0.1:6379)"; else
    say "redis: DOWN (127.0.0.1:6379 does not answer)"
    down=1
  fi
  use_instance primary
  pdns_status || down=1
  use_instance secondary
  pdns_status || down=1
  use_instance primary
  return "$down"
}

cmd_down() {
  stop_pdns
  use_instance secondary
  stop_pdns
  use_instance primary
  say "down: MariaDB and Redis left running (they belong to the machine)"
}

# Starts the chosen instance (primary unless use_instance said otherwise) from the config `up` wrote.
cmd_pdns_start() {
  local api_key
  api_key="$(read_kv "$SECRETS" "$I_SECRET")" || die "$I_LABEL: no API key in $SECRETS: run scripts/stack.sh up first"
  if pdns_healthy "$api_key"; then
    say "$I_LABEL: running (pid $(our_pdns_pids | head -n 1)), API answering on $I_API_URL"
    return
  fi
  if [[ -n "$(our_pdns_pids)" ]]; then stop_pdns; fi
  start_pdns "$api_key"
}

# One run at a time per checkout (npm test, setup and a test's pdns-stop may overlap).
lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/stack.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w 120 9 || die "another scripts/stack.sh run holds $STATE/stack.lock for over 120 s"
  fi
}

case "${1:-}" in
  up | down | pdns-stop | pdns-start | secondary-stop | secondary-start) lock ;;
esac

case "${1:-}" in
  up) cmd_up ;;
  status) cmd_status ;;
  down) cmd_down ;;
  pdns-stop) stop_pdns ;;
  pdns-start) cmd_pdns_start ;;
  secondary-stop) use_instance secondary && stop_pdns ;;
  secondary-start) use_instance secondary && cmd_pdns_start ;;
  *)
    printf 'usage: %s up|status|down|pdns-stop|pdns-start|secondary-stop|secondary-start\n' "$(basename "$0")" >&2
    exit 2
    ;;
esac
