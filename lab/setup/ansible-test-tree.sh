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
# amazon.aws (a galaxy.yml dependency the AWS modules import; bundled with ansible in the venv) goes
# beside the collection, where ansible-test looks for it: the import and validate-modules tests load
# its module_utils and doc fragments.
aws=$(python3 -c 'import ansible_collections.amazon.aws as m; print(list(m.__path__)[0])' 2>/dev/null || true)
if [ -n "$aws" ]; then
  mkdir -p "$dest/ansible_collections/amazon"
  ln -sfn "$aws" "$dest/ansible_collections/amazon/aws"
fi
# ansible-test only looks at what git knows in a git tree; make the copy a tree of its own.
git -C "$target" init -q
git -C "$target" add -A
