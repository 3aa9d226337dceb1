#!/usr/bin/env bash
# Lay the collection out as DEST/ansible_collections/hybridvpn/s2s for ansible-test:
# the files git tracks plus new ones it does not ignore, exactly as in the work tree.
set -euo pipefail
dest=${1:?usage: ansible-test-tree.sh DEST}
target="$dest/ansible_collections/hybridvpn/s2s"
rm -rf "$target"
mkdir -p "$target"
git ls-files -z --cached --others --exclude-standard \
  | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$target"
# ansible-test only looks at what git knows in a git tree; make the copy a tree of its own.
git -C "$target" init -q
git -C "$target" add -A
