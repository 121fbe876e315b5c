#!/usr/bin/env bash
# Proves that the migrations build exactly the schema the entities describe, and that they can be undone.
#
#   bash scripts/check-migrations.sh [database]        (default database: scaidns_schema_check)
#
# Uses DATABASE_URL (environment, else .env / ENV_FILE) for host and credentials only; the database it
# names is never touched. On a throw-away database (created here, refused if it already exists, dropped
# at the end) it:
#   1. runs every migration, then asks `migration:generate --check` whether the entities want anything
#      else (and prints what it would generate if so);
#   2. checks every application table is InnoDB with utf8mb4_unicode_ci (TypeORM does not compare those);
#   3. reverts the whole chain one migration at a time and checks nothing is left behind;
#   4. runs the chain again and repeats the check.
# The database is created with a different default collation (utf8mb4_general_ci) on purpose, so a
# migration that forgets to pin a table's charset fails step 2.
# In CI the `scaidns` user can do this (it has ALL on `scaidns_%`); the name must match what the user may create.
set -euo pipefail
cd "$(dirname "$0")/.."

CHECK_DB="${1:-scaidns_schema_check}"
if [[ ! "$CHECK_DB" =~ ^[A-Za-z0-9_]{1,64}$ ]]; then
  echo "check-migrations: '$CHECK_DB' is not a plain database name (letters, digits, _)" >&2
  exit 2
fi

WORK="$(mktemp -d)"
CREATED=0

# A little SQL client on top of mysql2 (a dependency already), so the mysql CLI is not needed.
# Connects with DATABASE_URL's host, port and credentials, without selecting a database.
sql() {
  node - "$@" <<'NODE'
const { createConnection } = require('mysql2/promise');
const [query, ...params] = process.argv.slice(2);
const url = new URL(process.env.ADMIN_DATABASE_URL);
(async () => {
  const conn = await createConnection({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    const [rows] = await conn.query(query, params);
    if (Array.isArray(rows)) for (const row of rows) console.log(Object.values(row).join('\t'));
  } finally {
    await conn.end();
  }
})().catch((err) => {
  console.error(`check-migrations: SQL failed: ${err.message}`);
  process.exit(1);
});
NODE
}

cleanup() {
  local status=$?
  if [[ $CREATED == 1 ]]; then
    sql "DROP DATABASE IF EXISTS \`$CHECK_DB\`" || echo "check-migrations: could not drop $CHECK_DB; drop it by hand" >&2
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT

fail() {
  echo "check-migrations: FAIL: $*" >&2
  exit 1
}

# DATABASE_URL from the environment, else from .env (as ormconfig.ts does), with the database swapped.
CHECK_URL="$(CHECK_DB="$CHECK_DB" node -e '
  const { existsSync } = require("node:fs");
  const file = process.env.ENV_FILE ?? ".env";
  if (!process.env.DATABASE_URL && existsSync(file)) require("dotenv").config({ path: file, quiet: true });
  const raw = process.env.DATABASE_URL?.trim();
  if (!raw) { console.error("check-migrations: DATABASE_URL is not set (environment or .env)"); process.exit(2); }
  let url;
  try { url = new URL(raw); } catch { console.error("check-migrations: DATABASE_URL is not a URL"); process.exit(2); }
  if (url.pathname.replace(/^\//, "") === process.env.CHECK_DB) {
    console.error("check-migrations: refusing to use the database DATABASE_URL points at; name a throw-away one");
    process.exit(2);
  }
  url.pathname = "/" + process.env.CHECK_DB;
  console.log(url.toString());
')"
export ADMIN_DATABASE_URL="$CHECK_URL"

typeorm() {
  DATABASE_URL="$CHECK_URL" node -r ts-node/register/transpile-only -r tsconfig-paths/register \
    ./node_modules/typeorm/cli.js -d ormconfig.ts "$@"
}

# Runs a TypeORM command quietly (the CLI logs every query); shows the end of its log if it fails.
quietly() {
  local label="$1"
  shift
  if ! typeorm "$@" >"$WORK/$label.log" 2>&1; then
    tail -n 40 "$WORK/$label.log" >&2
    fail "$label failed (log above)"
  fi
}

check_entities_match() {
  local label="$1" status=0
  typeorm migration:generate --check --dryrun "$WORK/SchemaDrift" >"$WORK/generate-$label.log" 2>&1 || status=$?
  if [[ $status == 0 ]]; then
    echo "  ok: entities and migrations agree ($label)"
  elif grep -q "Unexpected changes in database schema" "$WORK/generate-$label.log"; then
    cat "$WORK/generate-$label.log" >&2
    fail "the entities and the migrations disagree ($label). Above is the migration TypeORM would generate;
      add a migration (npm run migration:generate -- libs/core/src/database/migrations/<Name>, then rename
      the file to <timestamp>-kebab-name.ts and list it in migrations/index.ts) or fix the entity."
  else
    cat "$WORK/generate-$label.log" >&2
    fail "migration:generate --check could not run ($label)"
  fi
}

check_tables() {
  local bad
  bad="$(sql "SELECT CONCAT(TABLE_NAME, ': ', ENGINE, ' ', TABLE_COLLATION) FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = ? AND TABLE_NAME NOT IN ('schema_migrations', 'typeorm_metadata')
      AND (ENGINE <> 'InnoDB' OR TABLE_COLLATION <> 'utf8mb4_unicode_ci')" "$CHECK_DB")"
  [[ -z "$bad" ]] || fail "tables not InnoDB / utf8mb4_unicode_ci (add ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci to their CREATE TABLE):
$bad"
  echo "  ok: every table is InnoDB, utf8mb4_unicode_ci"
}

count() { sql "SELECT COUNT(*) FROM \`$CHECK_DB\`.$1"; }

summary() {
  local tables
  tables="$(sql "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?
    AND TABLE_NAME NOT IN ('schema_migrations', 'typeorm_metadata')" "$CHECK_DB")"
  echo "  $(count schema_migrations) migrations applied: $tables tables, $(count "roles WHERE is_system = 1") system roles," \
    "$(count "templates WHERE template_type = 'system'") system templates, $(count platform_config) platform config keys"
}

if [[ -n "$(sql "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?" "$CHECK_DB")" ]]; then
  # A run killed before its cleanup leaves its database behind; only names made for this check are dropped.
  [[ "$CHECK_DB" == scaidns_schema_check* ]] ||
    fail "database $CHECK_DB already exists; this script only uses a database it creates"
  echo "check-migrations: dropping $CHECK_DB left over by an interrupted run"
  sql "DROP DATABASE \`$CHECK_DB\`"
fi
sql "CREATE DATABASE \`$CHECK_DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
CREATED=1
echo "check-migrations: using throw-away database $CHECK_DB"

echo "1. migrate up"
quietly migration-run migration:run
summary
check_entities_match "after the first run"
check_tables

echo "2. revert the whole chain"
applied="$(count schema_migrations)"
for ((i = 1; i <= applied; i++)); do
  quietly "migration-revert-$i" migration:revert
done
left="$(sql "SELECT GROUP_CONCAT(TABLE_NAME) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?
  AND TABLE_NAME NOT IN ('schema_migrations', 'typeorm_metadata')" "$CHECK_DB")"
[[ -z "$left" || "$left" == "NULL" ]] || fail "tables left after reverting every migration: $left"
[[ "$(count schema_migrations)" == 0 ]] || fail "schema_migrations not empty after reverting every migration"
[[ "$(count typeorm_metadata)" == 0 ]] || fail "typeorm_metadata rows left after reverting every migration"
echo "  ok: $applied migrations reverted, nothing left behind"

echo "3. migrate up again"
quietly migration-rerun migration:run
summary
check_entities_match "after revert and re-run"
check_tables

echo "check-migrations: OK"
