# Sourced by `make test`: exports DATABASE_URL for a PostgreSQL the tests can use.
# Uses DATABASE_URL when it is set; otherwise finds, starts or installs the local server.
if [ -n "${DATABASE_URL:-}" ]; then
  echo "Tester mot DATABASE_URL från miljön."
  return 0 2>/dev/null || exit 0
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "PostgreSQL saknas: installerar med apt-get."
    as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  # A fresh Debian server asks for a password on TCP: give the superuser a local one.
  as_root su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 || true
fi
pg_isready -h 127.0.0.1 -p 5432
export DATABASE_URL="postgres://postgres:postgres@127.0.0.1:5432/vastkom"
# The named database itself (the checks connect to it; pytest creates test_vastkom beside it).
psql "postgres://postgres:postgres@127.0.0.1:5432/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = 'vastkom'" 2>/dev/null | grep -q 1 \
  || psql "postgres://postgres:postgres@127.0.0.1:5432/postgres" -qc "CREATE DATABASE vastkom" || true
