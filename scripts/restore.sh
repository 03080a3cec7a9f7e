#!/usr/bin/env bash
# Återställ en säkerhetskopia från scripts/backup.sh till databasen i DATABASE_URL och
# mappen DJANGO_MEDIA_ROOT.
#
#   DATABASE_URL=postgres://.../vastkom DJANGO_MEDIA_ROOT=/srv/vastkom/media scripts/restore.sh /srv/backup/vastkom-<tid>
#
# Kontrollerar först filernas kontrollsummor. Databasens tabeller ersätts (pg_restore --clean)
# i en enda transaktion: antingen blir allt återställt eller ingenting. Filerna packas upp i
# media-mappen (befintliga filer med samma namn skrivs över). Stoppa appservrar och arbetare
# först, och kör `python manage.py migrate` efteråt om koden är nyare än säkerhetskopian.
set -euo pipefail
src="${1:?ange säkerhetskopians mapp (vastkom-<tid>)}"
: "${DATABASE_URL:?DATABASE_URL måste vara satt (postgres://...)}"
here="$(cd "$(dirname "$0")/.." && pwd)"
media="${DJANGO_MEDIA_ROOT:-$here/media}"
(cd "$src" && sha256sum --check --quiet SHA256SUMS)
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$src/db.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$src/media.tar.gz"
echo "Återställt från $src"
