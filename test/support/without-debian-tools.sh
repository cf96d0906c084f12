#!/usr/bin/env bash
# Runs a command (default: `npm test`) as on a machine without Debian's chromium, poppler-utils and
# zbar-tools, nor the libraries Debian's chromium brought in (libnss3, libnspr4, libexpat1): in a
# private mount namespace, every file of those packages is covered by /dev/null, so an executable
# is no longer executable and a shared library no longer loads ("file too short"). Nothing changes
# outside the namespace. Needs root and util-linux `unshare` (both present where CI runs).
#   bash test/support/without-debian-tools.sh            # npm test
#   bash test/support/without-debian-tools.sh npx vitest run --project e2e
set -euo pipefail
cd "$(dirname "$0")/../.."
PACKAGES=(chromium chromium-common poppler-utils libpoppler126 zbar-tools libzbar0 libnss3 libnspr4 libexpat1)
[ "$#" -gt 0 ] || set -- npm test
exec unshare --mount --propagation private bash -euo pipefail -c '
  hidden=0
  for pkg in '"${PACKAGES[*]}"'; do
    dpkg -L "$pkg" >/dev/null 2>&1 || continue
    while read -r f; do
      if [ -f "$f" ] && [ ! -L "$f" ]; then mount --bind /dev/null "$f"; hidden=$((hidden + 1)); fi
    done < <(dpkg -L "$pkg")
  done
  echo "without-debian-tools: covered $hidden files of '"${PACKAGES[*]}"'"
  exec "$@"
' bash "$@"
