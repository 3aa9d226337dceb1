#!/usr/bin/env bash
# Install the lab's Debian packages (pinned) when run as root; otherwise say what is missing.
set -euo pipefail
list=${1:?usage: setup-os.sh PACKAGE-LIST}
mapfile -t pins < <(grep -v '^#' "$list" | grep -v '^$')
missing=()
for pin in "${pins[@]}"; do
  name=${pin%%=*}
  dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed" || missing+=("$pin")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "setup: not root on Debian; the lab (strongSwan, FRR, namespaces) will be skipped. Missing: ${missing[*]}" >&2
  exit 0
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  echo "setup: pinned versions unavailable; installing the current bookworm builds of: ${missing[*]%%=*}" >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]%%=*}" >/dev/null
fi
