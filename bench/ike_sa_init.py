# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How large is the IKE_SA_INIT a customer gateway sends, per crypto profile and platform (issue 16)?

A device offers the IKE proposals of its config: IOS-XE one per ``crypto ikev2 proposal`` (several algorithms each),
Junos and VyOS one per proposal entry (one combination each). Many proposals make an IKE_SA_INIT larger than one
IPv4 packet, and IKE fragmentation (RFC 7383) does not cover IKE_SA_INIT: it fragments at the IP layer, which
firewalls and NAT on the way often drop. Measured, not computed: for every profile and platform,

1. the cgw role configures a device twin (one VGW connection, the profile's tunnel options);
2. the lab reads that twin as ``make lab-sync`` does (lab.dataplane_sync: device config -> strongSwan proposals);
3. one lab tunnel per (profile, platform) comes up against an AWS end accepting the profile; the CGW's charon logs
   the size of the IKE_SA_INIT it sends.

Root only (network namespaces). Prints one table:

    PYTHONPATH=.collections:. .venv/bin/python bench/ike_sa_init.py [--profiles aws_default,recommended] [--keep DIR]
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / ".collections"), str(ROOT / "bench")]

# pylint: disable=wrong-import-position
import cgw_push  # noqa: E402  (the device twins and the push play)
import lab.device_twins as twins  # noqa: E402
from lab.dataplane import spec as specmod, topology  # noqa: E402
from lab.dataplane.cli import wait_up  # noqa: E402
from lab.dataplane.state import LabState  # noqa: E402
from lab.dataplane_sync import aws_side, cgw_side, translate  # noqa: E402
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles, tunnel_options  # noqa: E402

# The twins' platforms; vyos13 is VyOS 1.3 syntax (its own proposal layout).
PLATFORMS = (("ios", "cisco.ios.ios"), ("junos", "junipernetworks.junos.junos"), ("vyos", "vyos.vyos.vyos"), ("vyos13", "vyos.vyos.vyos"))
IPV4_FRAGMENT_PAYLOAD = 1480   # 1500-byte MTU less the IPv4 header (a multiple of 8, as fragment offsets need)
SENT = re.compile(r"sending packet: from \S+\[500\] to \S+\[500\] \((\d+) bytes\)")
LAB = "ikesize"
AWS_VPC = "10.10.0.0/24"


def _cases(names):
    return [(profile, platform, network_os) for profile in names for platform, network_os in PLATFORMS]


def _push(folder: Path, cases) -> dict:
    """Configure one twin per case with the cgw role; {twin name: (twin spec, its connection, (profile, platform),
    why the role refused it or None)}."""
    names = ["cgw%02d" % i for i in range(len(cases))]   # lab router names keep 12 characters: short and distinct
    spec = {"defaults": {"username": "admin", "password": cgw_push.PASSWORD, "state_dir": str(folder / "state")},
            "twins": [{"name": n, "platform": platform, "port": 0} for n, (_p, platform, _nos) in zip(names, cases)]}
    device_twins = cgw_push.Twins(folder, 0)   # writes its own twins.yml: replaced by this spec below
    device_twins.names = names
    twins_file = folder / "twins.yml"
    twins_file.write_text(cgw_push.yaml.safe_dump(spec))
    with device_twins:
        hosts = {}
        for i, (name, (profile, _platform, network_os)) in enumerate(zip(names, cases)):
            connection = dict(cgw_push._connection(i), accept=[AWS_VPC])   # pylint: disable=protected-access
            for tunnel in connection["tunnels"]:
                tunnel["options"] = profiles.get(profile).tunnel_options()
            hosts[name] = {"ansible_connection": "ansible.netcommon.network_cli", "ansible_network_os": network_os,
                           "ansible_host": "127.0.0.1", "ansible_port": device_twins.ports[name], "ansible_user": "admin",
                           "ansible_password": cgw_push.PASSWORD, "cgw_connections": [connection], "cgw_verify": "skip",
                           # the big profiles load hundreds of lines: this bench measures sizes, not push time
                           "ansible_command_timeout": 600}
        inventory = folder / "inventory.yml"
        inventory.write_text(cgw_push.yaml.safe_dump({"all": {"hosts": hosts}}))
        cgw_push.play(folder, "push", cgw_push.PUSH, inventory, 10)
        log = (folder / "push.log").read_text()
        by_name = dict(zip(names, cases))
        return {t.name: (t, hosts[t.name]["cgw_connections"][0], by_name[t.name][:2], _refusal(log, t.name))
                for t in twins.load_spec(str(twins_file))}


def _refusal(log: str, host: str):
    """Why the role left this twin unconfigured (its rule id when it names one), or None when it pushed."""
    recap = re.search(r"^%s\s*:.*\bfailed=(\d+)" % re.escape(host), log, re.M)
    if recap and recap.group(1) == "0":
        return None
    fatal = re.search(r"fatal: \[%s\]: FAILED! =>\s*\n(.*?)(?:\n\S|\Z)" % re.escape(host), log, re.S)
    size = re.search(r"IKE_SA_INIT\s+of\s+about\s+(\d+)\s+octets", fatal.group(1)) if fatal else None
    return "refused by the role: IKE_SA_INIT of about %s octets computed" % size.group(1) if size else "push failed (see push.log)"


def _aws_end(connection: dict, tunnel: dict) -> dict:
    """The AWS end of one tunnel as lab.dataplane_sync reads it from AWS: the profile's options, defaults filled."""
    options = dict(tunnel["options"], inside_cidr=tunnel["inside_cidr"], pre_shared_key=tunnel["pre_shared_key"])
    api = dict(tunnel_options.to_api(options), OutsideIpAddress=tunnel["outside_ip"])
    gateway = {"asn": connection["amazon_side_asn"], "vpc_cidrs": [AWS_VPC]}
    return aws_side.endpoint(api, gateway, connection["cgw_asn"])


def _lab_spec(devices: dict) -> tuple:
    """One lab tunnel per device: its first tunnel against the AWS end of its profile."""
    connections, cgws = [], {}
    for name, (twin, connection, _case, refused) in devices.items():
        if refused:
            continue
        first = connection["tunnels"][0]
        cgws[name] = [e for e in cgw_side.endpoints(twin) if e["peer_outside_ip"] == first["outside_ip"]]
        connections.append({"vpn_connection_id": connection["vpn_connection_id"], "cgw_ip": connection["local_address"],
                            "gateway": {"name": "vgw-bench", "kind": "vgw", "vpc_cidrs": [AWS_VPC]},
                            "tunnels": [dict(_aws_end(connection, first))]})
    spec, mapping, unpaired = translate.build(connections, cgws, LAB)
    if unpaired:
        raise SystemExit("the lab could not pair these AWS tunnels with a device tunnel: %s" % unpaired)
    return spec, mapping


def _sa_init_bytes(lab, tunnel) -> int:
    log = Path(lab.charon_dir(tunnel, "cgw")) / "charon.log"
    sizes = [int(m.group(1)) for m in SENT.finditer(log.read_text(errors="replace"))] if log.exists() else []
    return sizes[0] if sizes else 0


def _state(status: dict) -> str:
    cgw = status["endpoints"]["cgw"]
    words = "IKE %s, CHILD %s" % (cgw["ike_state"], cgw["child_state"])
    return words + ("" if status["up"] else " (down: %s)" % status["reason"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--profiles", default=",".join(profiles.PROFILES))
    parser.add_argument("--keep", help="keep the twins' state, inventory and logs here")
    parser.add_argument("--wait", type=float, default=45, help="seconds for the tunnels to come up")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("bench/ike_sa_init.py needs root (network namespaces)")
    folder = Path(args.keep or tempfile.mkdtemp(prefix="ike-sa-init-"))
    folder.mkdir(parents=True, exist_ok=True)
    devices = _push(folder, _cases(args.profiles.split(",")))
    spec, mapping = _lab_spec(devices)
    topology.teardown(LabState.for_lab(LAB))
    lab = topology.Lab.create(specmod.from_dict(spec))
    try:
        lab.up()
        report = {t["tunnel"]: t for t in wait_up(lab, args.wait)["tunnels"]}
        rows = [(profile, platform, "-", "-", "-", refused) for _t, _c, (profile, platform), refused in devices.values() if refused]
        for entry in mapping:
            tunnel = next(t for t in lab.spec.tunnels if t.name == entry["tunnel"])
            size = _sa_init_bytes(lab, tunnel)
            profile, platform = devices[entry["twin"]][2]
            rows.append((profile, platform, len(tunnel.cgw.ike.proposals), size,
                         math.ceil((size + 8) / IPV4_FRAGMENT_PAYLOAD) if size else 0,
                         _state(report[tunnel.name])))
    finally:
        lab.down()
    print("| profile | platform | IKE proposals offered | IKE_SA_INIT bytes | IPv4 packets (1500 MTU) | tunnel |")
    print("|---|---|---:|---:|---:|---|")
    order = {(p, f): i for i, (p, f, _n) in enumerate(_cases(args.profiles.split(",")))}
    for row in sorted(rows, key=lambda r: order[r[:2]]):
        print("| %s | %s | %s | %s | %s | %s |" % row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
