#!/usr/bin/env bash
# What the test suite needs from the machine besides npm packages, checked before `npm test`.
# On Debian/Ubuntu, as root, missing packages are installed; otherwise the script names them
# and stops, so a missing tool fails loudly instead of skipping tests.
set -euo pipefail

missing=()
have() { command -v "$1" >/dev/null 2>&1; }
have chromium || [ -x /usr/bin/chromium ] || missing+=(chromium)
have cupsd || [ -x /usr/sbin/cupsd ] || missing+=(cups)
[ -e /usr/lib/cups/backend/cups-pdf ] || missing+=(printer-driver-cups-pdf)
have pdftotext && have pdffonts && have pdftoppm || missing+=(poppler-utils)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
have bzip2 || missing+=(bzip2)

if ((${#missing[@]} == 0)); then
  exit 0
fi
if [ "$(id -u)" = 0 ] && have apt-get; then
  echo "Installing system packages the tests need: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian's postgresql package starts a cluster of its own; the tests run their own.
  if have pg_ctlcluster; then pg_ctlcluster 15 main stop >/dev/null 2>&1 || true; fi
  exit 0
fi
echo "The tests need these system packages: ${missing[*]}" >&2
echo "On Debian: sudo apt-get install ${missing[*]}" >&2
exit 1
