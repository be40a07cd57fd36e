#!/usr/bin/env bash
# Restore FILE (from scripts/backup-database.sh) into the EMPTY PostgreSQL database at
# DATABASE_URL: create it first (createdb). Refuses a database that already has tables,
# so a restore never mixes with other data. One transaction: it ends complete or not at
# all. Owners and privileges are not restored; the role in DATABASE_URL owns everything.
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 FILE DATABASE_URL" >&2
  echo "  e.g. createdb -h db.example adoptadapt_restored &&" >&2
  echo "       $0 adoptadapt-2026-11-30.dump postgres://user@db.example:5432/adoptadapt_restored" >&2
  exit 2
fi
file="$1"
database_url="$2"

if [ ! -r "$file" ]; then
  echo "$0: cannot read $file" >&2
  exit 1
fi
relations="$(psql --no-psqlrc --quiet --tuples-only --no-align --dbname="$database_url" \
  --command="SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND n.nspname NOT LIKE 'pg\_%'")"
if [ "$relations" != "0" ]; then
  echo "$0: refusing to restore: the target database is not empty ($relations tables," \
    "sequences, views or indexes). Restore into a new database made with createdb." >&2
  exit 1
fi

pg_restore --exit-on-error --single-transaction --no-owner --no-privileges \
  --dbname="$database_url" "$file"
# pg_restore does not bring the planner's statistics; gather them before serving.
psql --no-psqlrc --quiet --dbname="$database_url" --command="ANALYZE"
echo "restored $file"
