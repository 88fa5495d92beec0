#!/bin/sh
# A real CUPS print queue for the printing tests: starts cupsd if it is not running (CI
# containers have no systemd, so cupsd is started directly) and adds a cups-pdf queue that
# writes every job as a PDF into its own directory. Idempotent: run it as often as you like.
# Runs as root on Debian with `cups` and `printer-driver-cups-pdf` installed.
# Prints the cups-pdf output directory on its last line of stdout.
set -eu

QUEUE="${ACCESS_DESK_CUPS_QUEUE:-AccessDeskPDF}"
OUT_DIR="/var/spool/cups-pdf/$QUEUE"
CONF="/etc/cups/cups-pdf-$QUEUE.conf"
PPD=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd

fail() {
  echo "cups-setup: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "must run as root (it starts cupsd and adds a queue)"
for tool in cupsd lpadmin lpstat cupsenable cupsaccept; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not found: apt-get install cups printer-driver-cups-pdf"
done
[ -x /usr/lib/cups/backend/cups-pdf ] || fail "cups-pdf backend missing: apt-get install printer-driver-cups-pdf"
[ -f "$PPD" ] || fail "$PPD missing"

# lpstat speaks the system language; the checks below read its English output.
export LC_ALL=C

scheduler_running() {
  lpstat -r 2>/dev/null | grep -q 'scheduler is running'
}

if ! scheduler_running; then
  mkdir -p /run/cups
  # Without -f cupsd forks into the background once it is listening; a concurrent run of this
  # script may have started one already, in which case this one exits at once and we just wait.
  cupsd 2>/dev/null || true
  i=0
  until scheduler_running; do
    i=$((i + 1))
    [ "$i" -le 100 ] || fail "cupsd did not start (see /var/log/cups/error_log)"
    sleep 0.1
  done
fi

# cups-pdf reads /etc/cups/cups-pdf-<name>.conf for a device URI cups-pdf:/<name>, so this queue
# gets its own output directory, without touching the system's default PDF printer.
# Label 1 prefixes each file with its job id, so a test can find the file of its own job.
desired="$(printf '%s\n' \
  "# Written by tests/support/cups-setup.sh for the Access Desk printing tests." \
  "Out $OUT_DIR" \
  "AnonDirName $OUT_DIR" \
  "Label 1" \
  "UserUMask 0077")"
if [ ! -f "$CONF" ] || [ "$(cat "$CONF")" != "$desired" ]; then
  printf '%s\n' "$desired" >"$CONF"
fi
mkdir -p "$OUT_DIR"
# Sticky and world-writable like cups-pdf's own ANONYMOUS directory: gs runs as the job's owner and
# must be able to write here; UserUMask 0077 keeps each file readable by its owner only.
chmod 1777 "$OUT_DIR"

uri="cups-pdf:/$QUEUE"
if ! lpstat -v "$QUEUE" 2>/dev/null | grep -q "$uri"; then
  # lpadmin warns that PPD-based drivers are deprecated; cups-pdf has no other form yet.
  lpadmin -p "$QUEUE" -v "$uri" -P "$PPD" -D "Access Desk test printer (PDF)" -E 2>/dev/null
fi
# cups-pdf takes PostScript. The default PDF-to-PostScript step (Ghostscript) turns the fonts
# into Type 3 glyphs whose text cannot be read back; poppler's cairo renderer keeps TrueType
# fonts with their Unicode map, so the tests can check what was printed (README.Debian).
if ! lpoptions -p "$QUEUE" | grep -Eq 'pdftops-renderer(-default)?=pdftocairo'; then
  lpadmin -p "$QUEUE" -o pdftops-renderer-default=pdftocairo
fi
cupsenable "$QUEUE"
cupsaccept "$QUEUE"

echo "$OUT_DIR"
