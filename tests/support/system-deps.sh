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
# SumatraPDF, which prints on Windows counters, runs under Wine in the printing tests: it is a
# 32-bit program, so Wine's 32-bit half and the 32-bit CUPS library it prints through.
have wine || missing+=(wine)
[ -e /usr/lib/i386-linux-gnu/wine/i386-windows/kernel32.dll ] || missing+=(wine32:i386)
[ -e /usr/lib/i386-linux-gnu/libcups.so.2 ] || missing+=(libcups2:i386)

if ((${#missing[@]} == 0)); then
  exit 0
fi
if [ "$(id -u)" = 0 ] && have apt-get; then
  echo "Installing system packages the tests need: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  case " ${missing[*]} " in *:i386*) dpkg --add-architecture i386 ;; esac
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian's postgresql package starts a cluster of its own; the tests run their own.
  if have pg_ctlcluster; then pg_ctlcluster 15 main stop >/dev/null 2>&1 || true; fi
  exit 0
fi
echo "The tests need these system packages: ${missing[*]}" >&2
echo "On Debian: sudo apt-get install ${missing[*]}" >&2
exit 1
