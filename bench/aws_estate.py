# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The estate benchmark of issue 4: our aws_vpn role against a loop over the stock AWS modules.

Run from the repo root:  python bench/aws_estate.py [--sites 25] [--cgws 2] [--pending-seconds 0.5] [--concentrator]

Builds SITES x CGWS VPN connections (two tunnels each) on one TGW with ECMP, then runs again with
no change, on two AWS twins (one per side, so neither sees the other's calls):

- ours: playbooks/provision_aws.yml with the intent as extra vars (-e @intent.json);
- loop: a play looping over the same connections with community.aws.ec2_customer_gateway then
  amazon.aws.ec2_vpc_vpn (no tunnel options: see loop_connections).

With --concentrator ours puts every site (one CGW each) on one VPN concentrator of the TGW (intent
gateways[].concentrator; the role creates the concentrator in the first run). The stock modules cannot express a
concentrator (amazon.aws 10.1.2 ec2_vpc_vpn has no VpnConcentratorId, and there is no concentrator module), so the
loop side builds what they can: the same sites as plain connections on the TGW.

Both sides get the same TGW (VPC, TGW, attachment) beforehand from the role's own gateway tasks;
that preparation is not counted. Prints wall time and AWS calls (all, mutating) from each twin's
ledger per run, and the ratios loop/ours.

With --regions (issue 19): SITES x CGWS connections in each of two Regions (us-east-1, eu-west-1), a TGW in each
made beforehand with boto3 (not counted), three sides on their own twins:

- ours: one hybridvpn.s2s.vpn_estate task for both Regions (one client per Region, converged at the same time),
  its arguments from the plan with the role's own filter (vpn_estate_args);
- ours-serial: the same module run once per Region, one after the other (what a loop of the module would do):
  ours-serial / ours is the speed-up of converging the Regions concurrently;
- loop: the stock modules per connection, each task given its item's Region.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [REPO, os.path.join(REPO, ".collections")]

from lab.aws_twin.client import TwinProcess  # noqa: E402  pylint: disable=wrong-import-position
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan  # noqa: E402  pylint: disable=wrong-import-position

GATEWAY = "tgw-bench"

PREPARE_PLAY = [{
    "name": "The TGW both sides use (not counted)", "hosts": "aws", "gather_facts": False,
    "module_defaults": {"group/amazon.aws.aws": "{{ {'region': aws_vpn_intent.region} | combine(aws_vpn_aws_settings) }}",
                        "group/hybridvpn.s2s.aws": "{{ {'region': aws_vpn_intent.region} | combine(aws_vpn_aws_settings) }}"},
    "vars": {"aws_vpn_plan": "{{ aws_vpn_intent | hybridvpn.s2s.vpn_plan }}"},
    "tasks": [{"name": "What the gateway tasks are to build",
               "hybridvpn.s2s.vpn_gateway_info": {"gateways": "{{ aws_vpn_plan.gateways }}", "tags": "{{ aws_vpn_plan.tags }}"},
               "register": "bench_gateways"},
              {"name": "Gateway tasks of the role",
               "ansible.builtin.include_role": {"name": "hybridvpn.s2s.aws_vpn", "tasks_from": "gateway.yml"},
               "vars": {"aws_vpn_gateway": "{{ aws_vpn_plan.gateways[0] }}", "aws_vpn_gateway_found": "{{ bench_gateways.gateways[0] }}"}}],
}]

LOOP_PLAY = [{
    "name": "The same estate with a loop over the stock modules", "hosts": "aws", "gather_facts": False,
    "module_defaults": {"group/aws": "{{ {'region': aws_vpn_intent.region} | combine(aws_vpn_aws_settings) }}"},
    "tasks": [
        {"name": "Find the TGW", "amazon.aws.ec2_transit_gateway_info": {"filters": {"tag:Name": GATEWAY, "state": "available"}},
         "register": "bench_tgw"},
        {"name": "Customer gateways", "community.aws.ec2_customer_gateway": {
            "name": "{{ item.name }}", "ip_address": "{{ item.public_ip }}", "bgp_asn": "{{ item.asn }}"},
         "loop": "{{ bench_connections }}", "loop_control": {"label": "{{ item.name }}"}, "register": "bench_cgws"},
        {"name": "VPN connections", "amazon.aws.ec2_vpc_vpn": {
            "customer_gateway_id": "{{ item.gateway.customer_gateway.customer_gateway_id }}",
            "transit_gateway_id": "{{ bench_tgw.transit_gateways[0].transit_gateway_id }}",
            "static_only": False,
            "tags": {"Name": "{{ item.item.name }}"}},
         "loop": "{{ bench_cgws.results }}", "loop_control": {"label": "{{ item.item.name }}"}},
    ],
}]


def intent(sites: int, cgws: int, concentrator: bool = False) -> dict:
    """SITES sites of CGWS CGWs each (one connection per CGW, BGP, active/active) on one TGW with ECMP, or on its VPN
    concentrator."""
    return {
        "region": "us-east-1", "tags": {"project": "bench"},
        "gateways": [{"name": GATEWAY, "type": "tgw", "amazon_side_asn": 64513, "vpc_cidrs": ["10.20.0.0/16"], "ecmp": True,
                      "concentrator": concentrator}],
        "sites": [{"name": "site-%02d" % site, "gateway": GATEWAY, "prefixes": ["10.%d.0.0/16" % (100 + site)],
                   "cgws": [{"name": "site-%02d-%s" % (site, chr(ord("a") + n)), "public_ip": "198.51.100.%d" % (10 + cgws * site + n),
                             "asn": 65000 + site, "platform": "ios"} for n in range(cgws)]}
                  for site in range(sites)],
    }


def loop_connections(estate: dict) -> list:
    """The baseline's loop items: per connection its CGW.

    No tunnel_options: amazon.aws 10.1.2 ec2_vpc_vpn fills the suboptions it is not given with None
    (TunnelInsideIpv6Cidr) and boto3 refuses the request ("Failed to create vpn connection"), so AWS
    picks the inside CIDRs and PSKs on that side."""
    return [{"name": c["cgw"]["name"], "public_ip": c["cgw"]["public_ip"], "asn": c["cgw"]["asn"]}
            for c in plan.build(estate)["connections"]]


class Side:
    """One side of the benchmark: its twin, inventory and extra-vars files, and a runner."""

    def __init__(self, name: str, workdir: str, estate: dict, pending_seconds: float):
        self.name = name
        self.dir = os.path.join(workdir, name)
        os.makedirs(self.dir)
        self.twin = TwinProcess.start(os.path.join(self.dir, "twin"))
        self.twin.settings(pending_seconds=pending_seconds)
        self.inventory = self.write("inventory.yml", {"all": {"children": {"aws": {"hosts": {"localhost": {
            "ansible_connection": "local", "ansible_python_interpreter": sys.executable,
            "aws_vpn_aws_settings": {"endpoint_url": self.twin.endpoint_url, "access_key": "testing", "secret_key": "testing"}}}}}}})
        self.intent = self.write("intent.json", {"aws_vpn_intent": estate})

    def write(self, name: str, data) -> str:
        path = os.path.join(self.dir, name)
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as handle:
            if name.endswith(".json"):
                json.dump(data, handle)
            else:
                yaml.safe_dump(data, handle)
        return path

    def run(self, label: str, playbook: str, *args: str) -> dict:
        """Runs ansible-playbook; wall time and the twin's ledger for that run."""
        env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"), PYTHONPATH=os.path.join(REPO, ".collections"),
                   ANSIBLE_NOCOLOR="1")
        cmd = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", self.inventory, "-e", "@" + self.intent,
               playbook, *args]
        since = self.twin.last_seq()
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        log = os.path.join(self.dir, label.replace(" ", "_") + ".log")
        with open(log, "w", encoding="utf-8") as handle:
            handle.write(proc.stdout + proc.stderr)
        if proc.returncode != 0:
            raise SystemExit("%s %s failed (%d), see %s" % (self.name, label, proc.returncode, log))
        calls = self.twin.ledger(since)
        changed = [line for line in proc.stdout.splitlines() if line.startswith("localhost")][-1].split("changed=")[1].split()[0]
        return {"seconds": elapsed, "calls": len(calls), "mutating": sum(1 for c in calls if c["mutating"]), "changed": int(changed)}


def both_runs(side: Side, playbook: str, *args: str) -> dict:
    """First run then no-change run."""
    return {run: side.run(run, playbook, *args) for run in ("first run", "no-change run")}


def table(rows: dict, command: str, labels: dict) -> str:
    lines = ["| run | side | wall time (s) | API calls | mutating | changed tasks |", "|---|---|---:|---:|---:|---:|"]
    for run in ("first run", "no-change run"):
        for side in ("ours", "loop"):
            r = rows[side][run]
            lines.append("| %s | %s | %.1f | %d | %d | %d |" % (run, labels[side], r["seconds"], r["calls"], r["mutating"], r["changed"]))
        ours, loop = rows["ours"][run], rows["loop"][run]
        lines.append("| %s | **loop / ours** | **%.1fx** | **%.1fx** | %s | |" % (
            run, loop["seconds"] / ours["seconds"], loop["calls"] / max(ours["calls"], 1),
            "%.1fx" % (loop["mutating"] / ours["mutating"]) if ours["mutating"] else "%d vs 0" % loop["mutating"]))
    return "\n".join(lines + ["", "command: " + command])


REGIONS = ("us-east-1", "eu-west-1")

REGIONS_OURS_PLAY = [{
    "name": "Two Regions with vpn_estate", "hosts": "aws", "gather_facts": False,
    "module_defaults": {"group/hybridvpn.s2s.aws": "{{ {'region': aws_vpn_intent.region} | combine(aws_vpn_aws_settings) }}"},
    "vars": {"bench_plan": "{{ aws_vpn_intent | hybridvpn.s2s.vpn_plan }}"},
    "tasks": [{"name": "The estate (bench_batches: the Regions of each module run)", "hybridvpn.s2s.vpn_estate": {
        "customer_gateways": "{{ bench_plan | hybridvpn.s2s.vpn_estate_args('customer_gateways') | selectattr('region', 'in', item) }}",
        "connections": "{{ bench_plan | hybridvpn.s2s.vpn_estate_args('connections', gateway_ids=bench_gateway_ids)"
                       " | selectattr('region', 'in', item) }}",
        "match_tags": ["s2s:key"]},
        "loop": "{{ bench_batches }}"}],
}]

REGIONS_LOOP_PLAY = [{
    "name": "Two Regions with a loop over the stock modules", "hosts": "aws", "gather_facts": False,
    "module_defaults": {"group/aws": "{{ aws_vpn_aws_settings }}"},
    "tasks": [
        {"name": "Customer gateways", "community.aws.ec2_customer_gateway": {
            "name": "{{ item.name }}", "ip_address": "{{ item.public_ip }}", "bgp_asn": "{{ item.asn }}", "region": "{{ item.region }}"},
         "loop": "{{ bench_connections }}", "loop_control": {"label": "{{ item.name }}"}, "register": "bench_cgws"},
        {"name": "VPN connections", "amazon.aws.ec2_vpc_vpn": {
            "customer_gateway_id": "{{ item.gateway.customer_gateway.customer_gateway_id }}",
            "transit_gateway_id": "{{ bench_gateway_ids[item.item.gateway] }}", "region": "{{ item.item.region }}",
            "static_only": False, "tags": {"Name": "{{ item.item.name }}"}},
         "loop": "{{ bench_cgws.results }}", "loop_control": {"label": "{{ item.item.name }}"}},
    ],
}]


def regions_intent(sites: int, cgws: int) -> dict:
    """intent(sites, cgws) in each of REGIONS: a TGW per Region, the sites numbered on across them."""
    out = intent(sites * len(REGIONS), cgws)
    out["gateways"] = [dict(out["gateways"][0], name="%s-%d" % (GATEWAY, n), region=region) for n, region in enumerate(REGIONS)]
    for index, site in enumerate(out["sites"]):
        site["gateway"] = out["gateways"][index // sites]["name"]
    return out


def regions_gateways(side: Side, estate: dict) -> dict:
    """A TGW per gateway of the intent, in its Region (boto3, not counted): {gateway name: TGW id}."""
    return {gw["name"]: side.twin.client("ec2", region=gw["region"]).create_transit_gateway(
        Options={"AmazonSideAsn": gw["amazon_side_asn"], "VpnEcmpSupport": "enable"})["TransitGateway"]["TransitGatewayId"]
        for gw in estate["gateways"]}


def regions_main(args, workdir: str) -> dict:
    estate = regions_intent(args.sites, args.cgws)
    names = ("ours", "ours-serial") if args.no_loop else ("ours", "ours-serial", "loop")
    sides = {name: Side(name, workdir, estate, args.pending_seconds) for name in names}
    batches = {"ours": [list(REGIONS)], "ours-serial": [[r] for r in REGIONS]}
    connections = [{"name": c["cgw"]["name"], "public_ip": c["cgw"]["public_ip"], "asn": c["cgw"]["asn"],
                    "region": c["gateway"]["region"], "gateway": c["gateway"]["name"]} for c in plan.build(estate)["connections"]]
    rows = {}
    try:
        for name, side in sides.items():
            ids = regions_gateways(side, estate)
            if name == "loop":
                play = side.write("loop.yml", REGIONS_LOOP_PLAY)
                extra = side.write("vars.json", {"bench_connections": connections, "bench_gateway_ids": ids})
            else:
                play = side.write("ours.yml", REGIONS_OURS_PLAY)
                extra = side.write("vars.json", {"bench_batches": batches[name], "bench_gateway_ids": ids})
            rows[name] = both_runs(side, play, "-e", "@" + extra)
    finally:
        for side in sides.values():
            side.twin.stop()
    return rows


def regions_table(rows: dict) -> str:
    lines = ["| run | side | wall time (s) | API calls | mutating |", "|---|---|---:|---:|---:|"]
    for run in ("first run", "no-change run"):
        for side in [s for s in ("ours", "ours-serial", "loop") if s in rows]:
            r = rows[side][run]
            lines.append("| %s | %s | %.1f | %d | %d |" % (run, side, r["seconds"], r["calls"], r["mutating"]))
        ours = rows["ours"][run]["seconds"]
        lines.append("| %s | **ours-serial / ours (concurrency)** | **%.2fx** | | |" % (run, rows["ours-serial"][run]["seconds"] / ours))
        if "loop" in rows:
            lines.append("| %s | **loop / ours** | **%.1fx** | | |" % (run, rows["loop"][run]["seconds"] / ours))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=25)
    parser.add_argument("--cgws", type=int, default=2, help="CGWs per site (one VPN connection each)")
    parser.add_argument("--pending-seconds", type=float, default=0.5, help="twin delay pending -> available")
    parser.add_argument("--parallel", action="store_true", help="run both sides at once (they share the cores)")
    parser.add_argument("--keep", metavar="DIR", help="keep the playbook logs, inventories and twin state in DIR (must not exist)")
    parser.add_argument("--regions", action="store_true", help="the two-Region estate (SITES x CGWS in each Region)")
    parser.add_argument("--no-loop", action="store_true", help="with --regions: only ours and ours-serial (the concurrency speed-up)")
    parser.add_argument("--concentrator", action="store_true",
                        help="ours on one VPN concentrator (one CGW per site); the loop cannot express one: plain TGW connections")
    args = parser.parse_args()
    if args.regions:
        load = os.getloadavg()
        with tempfile.TemporaryDirectory() as scratch:
            rows = regions_main(args, args.keep or scratch)
        print("%d Regions x %d sites x %d CGWs = %d VPN connections; twin pending_seconds=%s; %d cores; load average "
              "%.2f before, %.2f after (1 min)" % (len(REGIONS), args.sites, args.cgws, len(REGIONS) * args.sites * args.cgws,
                                                   args.pending_seconds, os.cpu_count(), load[0], os.getloadavg()[0]))
        print(regions_table(rows))
        print("\ncommand: " + " ".join(["python", "bench/aws_estate.py"] + sys.argv[1:]))
        return
    if args.concentrator:
        args.cgws = 1  # a concentrator site is one BGP connection
    estate = intent(args.sites, args.cgws, args.concentrator)
    labels = {"ours": "ours (concentrator)" if args.concentrator else "ours",
              "loop": "loop (TGW: no concentrator in the stock modules)" if args.concentrator else "loop"}
    rows = {}
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.keep or scratch
        sides = {name: Side(name, workdir, estate, args.pending_seconds) for name in ("ours", "loop")}
        try:
            for side in sides.values():
                side.run("prepare", side.write("prepare.yml", PREPARE_PLAY))
            ours, loop = sides["ours"], sides["loop"]
            jobs = {"ours": (ours, os.path.join(REPO, "playbooks", "provision_aws.yml"), "-e", "aws_vpn_publish_facts=false"),
                    "loop": (loop, loop.write("loop.yml", LOOP_PLAY),
                             "-e", "@" + loop.write("loop-vars.json", {"bench_connections": loop_connections(estate)}))}
            if args.parallel:
                with concurrent.futures.ThreadPoolExecutor(2) as pool:
                    futures = {name: pool.submit(both_runs, *job) for name, job in jobs.items()}
                    rows = {name: future.result() for name, future in futures.items()}
            else:
                rows = {name: both_runs(*job) for name, job in jobs.items()}
        finally:
            for side in sides.values():
                side.twin.stop()
    print("%d sites x %d CGWs = %d VPN connections, %d tunnels; twin pending_seconds=%s; %d cores; sides %s" % (
        args.sites, args.cgws, args.sites * args.cgws, 2 * args.sites * args.cgws, args.pending_seconds, os.cpu_count(),
        "in parallel" if args.parallel else "one after the other"))
    print("load average at the end: %.2f %.2f %.2f" % os.getloadavg())
    print(table(rows, " ".join(["python", "bench/aws_estate.py"] + sys.argv[1:]), labels))


if __name__ == "__main__":
    main()
