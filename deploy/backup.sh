#!/usr/bin/env bash
# One backup run, started by deploy/systemd/portal-backup.service (which loads /etc/portal/portal.env):
# `manage.py backup`, the archive read back with `restore --check`, optional gpg encryption,
# retention, optional copy to another machine. docs/deploy.md, "Sao lưu và khôi phục".
#   BACKUP_DIR            where archives are kept (the unit sets /srv/portal/backups)
#   BACKUP_KEEP_DAYS      archives older than this many days are deleted (default 14)
#   BACKUP_GPG_RECIPIENT  a public key (id or e-mail) in GNUPGHOME: keep only the encrypted .gpg
#   BACKUP_COPY_TO        an rsync destination, e.g. backup@10.0.0.9:/srv/backups/portal/
set -euo pipefail
APP=$(cd "$(dirname "$0")/.." && pwd)
PY=${PORTAL_VENV:-/srv/portal/venv}/bin/python
DIR=${BACKUP_DIR:?BACKUP_DIR chưa được đặt}
KEEP_DAYS=${BACKUP_KEEP_DAYS:-14}
umask 077
mkdir -p "$DIR"
cd "$APP"

archive="$DIR/portal-$(TZ=Asia/Ho_Chi_Minh date +%Y%m%d-%H%M%S).tar.gz"
"$PY" manage.py backup --output "$archive"
# Read the whole archive back (gzip, every SHA-256) before trusting it or deleting older ones.
"$PY" manage.py restore --check "$archive"

if [ -n "${BACKUP_GPG_RECIPIENT:-}" ]; then
  gpg --batch --yes --trust-model always --encrypt --recipient "$BACKUP_GPG_RECIPIENT" --output "$archive.gpg" "$archive"
  rm -f -- "$archive"
  archive="$archive.gpg"
fi

find "$DIR" -maxdepth 1 -type f -name 'portal-*.tar.gz*' -mtime +"$KEEP_DAYS" -print -delete

if [ -n "${BACKUP_COPY_TO:-}" ]; then
  rsync --chmod=F600 --timeout=600 -- "$archive" "$BACKUP_COPY_TO"
fi
echo "Bản sao lưu: $archive"
