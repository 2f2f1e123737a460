#!/bin/sh
# One-shot schema job (temporalio/admin-tools): creates the `temporal` and `temporal_visibility`
# databases and applies every versioned schema migration shipped with this admin-tools version.
# Safe to run on every `docker compose up`: `create` ignores an existing database, `setup-schema`
# keeps a higher recorded version, and `update-schema` applies only the missing steps, so a newer
# TEMPORAL_ADMINTOOLS_VERSION migrates an existing database before the newer server starts.
set -eu

: "${POSTGRES_SEEDS:=postgresql}"
: "${DB_PORT:=5432}"
: "${POSTGRES_USER:=temporal}"
# temporal-sql-tool reads the password from SQL_PASSWORD (kept out of the process list).
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
export SQL_PASSWORD

SCHEMA_DIR=/etc/temporal/schema/postgresql/v12

echo "Waiting for PostgreSQL at ${POSTGRES_SEEDS}:${DB_PORT}..."
attempt=0
until nc -z -w 5 "$POSTGRES_SEEDS" "$DB_PORT"; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 30 ]; then
    echo "PostgreSQL did not answer on ${POSTGRES_SEEDS}:${DB_PORT}" >&2
    exit 1
  fi
  sleep 2
done

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

for pair in "temporal:temporal" "temporal_visibility:visibility"; do
  db=${pair%%:*}
  schema=${pair#*:}
  echo "Database ${db}: create, set up, migrate (${SCHEMA_DIR}/${schema}/versioned)"
  sql_tool --db "$db" create
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "${SCHEMA_DIR}/${schema}/versioned"
done

echo "PostgreSQL schema is up to date"
