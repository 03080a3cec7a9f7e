#!/usr/bin/env bash
# Säkerhetskopia av webbplatsen: databasen (pg_dump) och uppladdade filer (media).
#
#   DATABASE_URL=postgres://... DJANGO_MEDIA_ROOT=/srv/vastkom/media scripts/backup.sh /srv/backup
#
# Skapar <mål>/vastkom-<tid>/ med db.dump (pg_dumps eget format), media.tar.gz och SHA256SUMS,
# och skriver ut mappens sökväg. Databasen dumpas i en enda ögonblicksbild (pg_dump tar en
# konsistent bild medan webbplatsen är igång). Återställ med scripts/restore.sh.
set -euo pipefail
dest_root="${1:?ange en mapp att lägga säkerhetskopian i}"
: "${DATABASE_URL:?DATABASE_URL måste vara satt (postgres://...)}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "Säkerhetskopiering stöds för PostgreSQL (DATABASE_URL=$DATABASE_URL)." >&2; exit 2 ;;
esac
here="$(cd "$(dirname "$0")/.." && pwd)"
media="${DJANGO_MEDIA_ROOT:-$here/media}"
dest="$dest_root/vastkom-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$dest"
pg_dump --format=custom --no-owner --no-privileges --file="$dest/db.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$dest/media.tar.gz" .
else
  tar -czf "$dest/media.tar.gz" --files-from /dev/null
fi
(cd "$dest" && sha256sum db.dump media.tar.gz > SHA256SUMS)
echo "$dest"
