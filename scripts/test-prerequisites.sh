#!/usr/bin/env bash
# What `mvn verify` needs beyond Java and Maven, checked (and installed where it can be) before any
# module builds; the root pom runs this in the validate phase, and not at all with -DskipTests or
# -Dmaven.test.skip.
#   - Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): the
#     dashboard's Selenium tests drive them.
#   - Debian's postgresql (initdb, pg_ctl, postgres under /usr/lib/postgresql/*/bin): the
#     PostgreSQL tests start a throwaway server with them.
# As root with apt-get it installs what is missing. Otherwise, or with
# HOURGLASS_INSTALL_TEST_TOOLS=no, it fails with one line saying what to install. It never skips.
# Standard error carries only that one line (the build shows it as its error); progress goes to
# standard output.
set -uo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
has_postgres() {
  local bin
  for bin in /usr/lib/postgresql/*/bin; do
    [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] && [ -x "$bin/postgres" ] && return 0
  done
  return 1
}
has_postgres || missing+=(postgresql)

[ ${#missing[@]} -eq 0 ] && exit 0

refuse() {
  echo "hourglass: the tests need Debian packages that are missing: install them with" \
    "'apt-get install ${missing[*]}' as root$1, or build without tests (-DskipTests)" >&2
  exit 1
}

if [ "${HOURGLASS_INSTALL_TEST_TOOLS:-yes}" = no ]; then
  refuse " (HOURGLASS_INSTALL_TEST_TOOLS=no: not installing them myself)"
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  refuse ""
fi

echo "hourglass: installing Debian packages the tests need: ${missing[*]}"
log="$(mktemp -t hourglass-apt.XXXXXX)"
# Wait for another apt or dpkg run (a second build on the same machine) rather than fail on its lock.
if ! { apt-get -o DPkg::Lock::Timeout=600 update \
       && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y \
            "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 20 "$log"
  echo "hourglass: apt-get could not install ${missing[*]} (its log: $log)" >&2
  exit 1
fi
rm -f "$log"

still=()
[ -x /usr/bin/chromium ] || still+=(chromium)
[ -x /usr/bin/chromedriver ] || still+=(chromium-driver)
has_postgres || still+=(postgresql)
if [ ${#still[@]} -ne 0 ]; then
  echo "hourglass: apt-get ran, but ${still[*]} is still missing: install it by hand" >&2
  exit 1
fi
