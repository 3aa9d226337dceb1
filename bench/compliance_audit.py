# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Audit N device configs and N VPN connections offline, side by side with a no-op play over the same N hosts.

The corpus's compliant configs (one per vendor, rotating) are copied N times with their own
outside IPs and keys; the AWS side is the matching Describe entries. Both plays run with the
same N-host inventory; the target is the audit within 2x of the no-op floor.

    PYTHONPATH=.collections .venv/bin/python bench/compliance_audit.py --count 1000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
CORPUS = os.path.join(ROOT, "tests/unit/plugins/module_utils/fixtures/compliance")
VENDORS = (("ios", "ios/compliant.cfg", "vpn-0ios"), ("junos", "junos/compliant.set", "vpn-0junos"),
           ("vyos", "vyos/compliant.set", "vpn-0vyos"))
NOOP = """---
- name: No-op floor
  hosts: cgw
  gather_facts: false
  tasks:
    - name: Nothing
      ansible.builtin.debug:
        msg: noop
      changed_when: false
"""


def _read(path):
    with open(os.path.join(CORPUS, path), encoding="utf-8") as handle:
        return handle.read()


def build_inputs(count, workdir):
    """N configs, one connections file, an N-host inventory and the audit's extra vars."""
    aws = {c["VpnConnectionId"]: c for c in json.loads(_read("aws/compliant.json"))}
    connections, devices, hosts = [], [], []
    for index in range(count):
        platform, path, conn_id = VENDORS[index % len(VENDORS)]
        template = aws[conn_id]
        old = [t["OutsideIpAddress"] for t in template["Options"]["TunnelOptions"]]
        keys = [t["PreSharedKey"] for t in template["Options"]["TunnelOptions"]]
        swaps = {old[0]: "100.64.%d.%d" % divmod(index, 256), old[1]: "100.65.%d.%d" % divmod(index, 256),
                 keys[0]: "Bench.T1_%06d_key" % index, keys[1]: "Bench.T2_%06d_key" % index, conn_id: "vpn-%08x" % index}
        text, conn = _read(path), json.dumps(template)
        for before, after in swaps.items():
            text, conn = text.replace(before, after), conn.replace(before, after)
        name = "cgw%04d" % index
        config = os.path.join(workdir, "%s.cfg" % name)
        with open(config, "w", encoding="utf-8") as handle:
            handle.write(text)
        connections.append(json.loads(conn))
        devices.append({"name": name, "platform": platform, "path": config})
        hosts.append(name)
    with open(os.path.join(workdir, "connections.json"), "w", encoding="utf-8") as handle:
        json.dump(connections, handle)
    with open(os.path.join(workdir, "inventory.ini"), "w", encoding="utf-8") as handle:
        handle.write("[cgw]\n" + "\n".join(hosts) + "\n[cgw:vars]\nansible_connection=local\n"
                     "ansible_python_interpreter=%s\n[local]\nlocalhost ansible_connection=local\n" % sys.executable)
    with open(os.path.join(workdir, "vars.json"), "w", encoding="utf-8") as handle:
        json.dump({"compliance_connection_files": [os.path.join(workdir, "connections.json")], "compliance_device_files": devices,
                   "compliance_device_hosts": [], "compliance_report_dir": os.path.join(workdir, "reports")}, handle)


def timed(args, env):
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit("%s failed:\n%s\n%s" % (" ".join(args[:2]), proc.stdout[-3000:], proc.stderr[-3000:]))
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--forks", type=int, default=5)
    opts = parser.parse_args()
    playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), PYTHONPATH=os.path.join(ROOT, ".collections"),
               ANSIBLE_FORKS=str(opts.forks))
    with tempfile.TemporaryDirectory() as workdir:
        build_inputs(opts.count, workdir)
        with open(os.path.join(workdir, "noop.yml"), "w", encoding="utf-8") as handle:
            handle.write(NOOP)
        inventory = ["-i", os.path.join(workdir, "inventory.ini")]
        noop = timed([playbook, os.path.join(workdir, "noop.yml")] + inventory, env)
        audit = timed([playbook, os.path.join(ROOT, "playbooks/audit.yml")] + inventory +
                      ["-e", "@" + os.path.join(workdir, "vars.json"), "-e", "compliance_fail_on=never"], env)
        with open(os.path.join(workdir, "reports", "vpn-compliance.json"), encoding="utf-8") as handle:
            summary = json.load(handle)["summary"]
    print("| play | hosts / inputs | seconds | x no-op |")
    print("|---|---|---|---|")
    print("| no-op (debug per host, forks %d) | %d hosts | %.1f | 1.00 |" % (opts.forks, opts.count, noop))
    print("| audit (playbooks/audit.yml, offline) | %d configs + %d connections, %d checks, %d findings | %.1f | %.2f |"
          % (opts.count, opts.count, summary["total"], summary["fail"], audit, audit / noop))
    print(json.dumps({"count": opts.count, "noop_s": round(noop, 2), "audit_s": round(audit, 2), "ratio": round(audit / noop, 2),
                      "checks": summary["total"], "findings": summary["fail"]}))


if __name__ == "__main__":
    main()
