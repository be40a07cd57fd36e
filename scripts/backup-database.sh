#!/usr/bin/env bash
# Back up the PostgreSQL database at DATABASE_URL into FILE (pg_dump's custom format).
# Without owners or privileges, so the file restores into a database owned by any role
# (scripts/restore-database.sh). The dump is written beside FILE and renamed only once
# pg_restore can read it back, so FILE is never a half-written backup.
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 DATABASE_URL FILE" >&2
  echo "  e.g. $0 postgres://user@db.example:5432/adoptadapt adoptadapt-\$(date +%F).dump" >&2
  exit 2
fi
database_url="$1"
file="$2"

partial="$file.partial"
trap 'rm -f "$partial"' EXIT
pg_dump --format=custom --no-owner --no-privileges --file="$partial" --dbname="$database_url"
pg_restore --list "$partial" >/dev/null
mv "$partial" "$file"
echo "backed up to $file ($(du -h "$file" | cut -f1))"
