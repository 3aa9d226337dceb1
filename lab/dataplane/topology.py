# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bring a spec up as namespaces, veths, charons and FRR; take it down; cut, drain, stop and restore tunnels.

Namespaces (``<lab>`` is the spec name)::

    <lab>-<router>-lan  host (VPC instance / on-prem server), default route to its router
    <lab>-<router>      router: LAN, one "tunnel interface" per tunnel (a veth whose far end is the
                        endpoint namespace, holding the inside address like a VTI), FRR with one
                        eBGP session per tunnel
    <lab>-<tunnel>-aws  tunnel endpoint: charon (kernel-libipsec, ESP in user space on TUN ipsec0),
    <lab>-<tunnel>-cgw  a bump in the wire between the router's tunnel interface and the underlay
    <lab>-<tunnel>-nat  a CGW endpoint's 1:1 NAT (nftables) between it and the underlay, when the
                        endpoint is behind NAT (``nat_public_ip``)
    <lab>-inet          the underlay: routes every outside address, policy-routed per tunnel

See lab/dataplane/__init__.py for the packet path.
"""

from __future__ import annotations

import os
import sys

from . import frr, host, nat, spec as specmod, strongswan, system
from .state import LabState

TRANSIT_MTU = 1400      # libipsec's ipsec0 MTU: the router's tunnel interface must not exceed it
FROM_TUNNEL_TABLE = 100
FROM_TUNNEL_PREF = 100
CUT_PREF = 10
UNDERLAY_PREF = 1000
HOST_TABLE = 200        # per-router source routing in a LAN host: table HOST_TABLE + position on the segment
FALLBACK_TABLE = 253    # Linux's "default" table: consulted after main, and zebra leaves it alone
POLICY_FIELDS = ("prepend", "med", "local_pref")   # what a device's route-map sets: changed live (update_policy)


class Lab:
    """One running (or to-be-running) lab: a spec plus its state record."""

    def __init__(self, spec: specmod.Spec, state: LabState):
        self.spec = spec
        self.state = state

    @classmethod
    def create(cls, spec: specmod.Spec) -> "Lab":
        state = LabState.for_lab(spec.name)
        state.write_spec(spec.to_dict())
        state.save()
        return cls(spec, state)

    @classmethod
    def load(cls, name: str) -> "Lab":
        state = LabState.for_lab(name)
        if not state.path.exists():
            raise KeyError("no lab named %r is up (labs: %s)" % (name, ", ".join(LabState.labs()) or "none"))
        return cls(specmod.from_dict(state.read_spec()), state)

    # --- names -------------------------------------------------------------------------------
    @property
    def inet(self) -> str:
        return "%s-inet" % self.spec.name

    def router_ns(self, router_name: str) -> str:
        return "%s-%s" % (self.spec.name, router_name)

    def host_ns(self, router_name: str) -> str:
        return "%s-%s-lan" % (self.spec.name, self.spec.segment_of(self.spec.router(router_name)))

    def endpoint_ns(self, tunnel, side: str) -> str:
        return "%s-%s-%s" % (self.spec.name, tunnel.name, side)

    def tunnel_index(self, tunnel) -> int:
        return self.spec.tunnels.index(tunnel)

    def nat_ns(self, tunnel) -> str:
        return "%s-%s-nat" % (self.spec.name, tunnel.name)

    def underlay_port(self, tunnel, side: str) -> str:
        return "u%d%s" % (self.tunnel_index(tunnel), side[0])

    def tunnel_if(self, tunnel) -> str:
        return "tun%d" % self.tunnel_index(tunnel)

    def charon_running(self, tunnel, side: str) -> bool:
        ens = self.endpoint_ns(tunnel, side)
        pid = self.state.data["charon_pids"].get(ens, 0)
        return system.alive(pid) and strongswan.marker(ens) in system.cmdline(pid)

    def charon_dir(self, tunnel, side: str) -> str:
        return str(self.state.ns_dir(self.endpoint_ns(tunnel, side)))

    # --- bring-up ----------------------------------------------------------------------------
    def _namespace(self, ns: str) -> None:
        self.state.add("namespaces", ns)
        system.add_namespace(ns)

    def up(self) -> None:
        """Create everything (idempotent: existing pieces are kept), then load the IKE connections.

        Raises ``system.Refused`` at the first piece the host cannot run (a missing program or plugin
        package, a daemon that does not start), before any tunnel is tried."""
        host.require_files()
        self._namespace(self.inet)
        for router in self.spec.routers:
            self._router(router)
        for tunnel in self.spec.tunnels:
            for side in specmod.SIDES:
                self._endpoint(tunnel, side)
        for router in self.spec.routers:
            self._frr(router)
        # Responders first, so an initiator's first IKE_SA_INIT finds its peer listening.
        for tunnel in self.spec.tunnels:
            for side in sorted(specmod.SIDES, key=lambda s: tunnel.endpoint(s).ike.start_action == "start"):
                self._load(tunnel, side)

    def _router(self, router) -> None:
        """The router, its LAN port and its address on the segment's host (one bridge per segment, shared by an HA pair)."""
        rns, hns = self.router_ns(router.name), self.host_ns(router.name)
        members = self.spec.segment_routers(self.spec.segment_of(router))
        position = members.index(router)
        self._namespace(rns)
        self._namespace(hns)
        system.ensure(hns, "link", "add", "br0", "type", "bridge")
        system.ip(hns, "link", "set", "br0", "up")
        port = "eth%d" % position
        system.add_veth(rns, "lan", hns, port)
        system.ip(hns, "link", "set", port, "master", "br0")
        stacks = [(router.lan.cidr, router.lan.router_ip, router.lan.host_ip)]
        if router.lan.cidr6:
            stacks.append((router.lan.cidr6, router.lan.router_ip6, router.lan.host_ip6))
        for cidr, router_ip, host_ip in stacks:
            fam, prefixlen = system.family(router_ip), cidr.split("/")[1]
            system.ensure(rns, "addr", "replace", "%s/%s" % (router_ip, prefixlen), "dev", "lan", *system.no_dad(router_ip))
            system.ensure(hns, "addr", "replace", "%s/%s" % (host_ip, prefixlen), "dev", "br0", *system.no_dad(host_ip))
            # What the host sends from this router's host address leaves via this router; the first router is the default gateway.
            table = HOST_TABLE + position
            system.ensure(hns, *fam, "route", "replace", "default", "via", router_ip, "table", table)
            system.ensure(hns, *fam, "rule", "add", "pref", table, "from", host_ip, "lookup", table)
            if position == 0:
                system.ensure(hns, *fam, "route", "replace", "default", "via", router_ip)
        if len(members) > 1:
            self._fallback(router, members[(position + 1) % len(members)])

    def _fallback(self, router, partner) -> None:
        """HA pair: what this router's tunnels would carry goes to its partner on the LAN once BGP has no route.

        The routes sit in the kernel's "default" table, looked up after main, so a BGP route always wins
        (the partner's iBGP or IGP route on real gear). If both routers lose every tunnel, packets bounce
        between them until their TTL runs out, as with floating static routes.
        """
        rns = self.router_ns(router.name)
        for prefix in sorted({p for t, s in self.spec.tunnels_of(router) for p in t.peer(s).bgp.advertise}):
            via = partner.lan.router_ip6 if ":" in prefix else partner.lan.router_ip
            if via:
                system.ensure(rns, "route", "replace", prefix, "via", via, "table", FALLBACK_TABLE)

    def _endpoint(self, tunnel, side: str) -> None:
        end, peer = tunnel.endpoint(side), tunnel.peer(side)
        ens, rns = self.endpoint_ns(tunnel, side), self.router_ns(end.router)
        self._namespace(ens)
        self._underlay(tunnel, side)
        # The router's "tunnel interface": inside address on the router, the endpoint is the wire.
        tif = self.tunnel_if(tunnel)
        rmac, emac = system.add_veth(rns, tif, ens, "transit", mtu=TRANSIT_MTU)
        system.ensure(rns, "addr", "replace", end.inside, "dev", tif, *system.no_dad(end.inside))
        system.ensure(rns, "neigh", "replace", peer.inside_ip, "lladdr", emac, "dev", tif, "nud", "permanent")
        system.ensure(ens, "route", "replace", system.host_prefix(end.inside_ip), "dev", "transit")
        system.ensure(ens, "neigh", "replace", end.inside_ip, "lladdr", rmac, "dev", "transit", "nud", "permanent")
        # Whatever leaves the tunnel goes to the router; everything else from the router enters it.
        fam = system.family(end.inside_ip)
        system.ensure(ens, *fam, "rule", "add", "pref", FROM_TUNNEL_PREF, "iif", "ipsec0", "lookup", FROM_TUNNEL_TABLE)
        system.ensure(ens, *fam, "route", "replace", "default", "via", end.inside_ip, "dev", "transit", "onlink", "table", FROM_TUNNEL_TABLE)
        self._charon(tunnel, side)

    def _underlay(self, tunnel, side: str) -> None:
        """Endpoint <-> inet veth (through its NAT namespace when it is behind NAT). The inet routes to an endpoint
        by (source, destination), so CGW endpoints of different tunnels may share one outside address, as one real
        CGW does; it knows an endpoint behind NAT only by the NAT's public address."""
        end, peer = tunnel.endpoint(side), tunnel.peer(side)
        ens, port = self.endpoint_ns(tunnel, side), self.underlay_port(tunnel, side)
        if end.nat_public_ip:
            self._namespace(self.nat_ns(tunnel))
        near, near_port = (self.nat_ns(tunnel), "inside") if end.nat_public_ip else (self.inet, port)
        imac, emac = system.add_veth(near, near_port, ens, "under")
        system.ensure(ens, "addr", "replace", system.host_prefix(end.outside_ip), "dev", "under", *system.no_dad(end.outside_ip))
        system.ensure(ens, "neigh", "replace", peer.reachable_ip, "lladdr", imac, "dev", "under", "nud", "permanent")
        system.ensure(ens, "route", "replace", system.host_prefix(peer.reachable_ip), "dev", "under", "src", end.outside_ip)
        if end.nat_public_ip:
            emac = self._nat(tunnel, end, peer, emac)
        table = UNDERLAY_PREF + 2 * self.tunnel_index(tunnel) + specmod.SIDES.index(side)
        system.ensure(self.inet, "neigh", "replace", end.reachable_ip, "lladdr", emac, "dev", port, "nud", "permanent")
        system.ensure(self.inet, "route", "replace", system.host_prefix(end.reachable_ip), "dev", port, "table", table)
        system.ensure(self.inet, *system.family(end.reachable_ip), "rule", "add", "pref", table,
                      "from", peer.reachable_ip, "to", end.reachable_ip, "lookup", table)

    def _nat(self, tunnel, end, peer, endpoint_mac: str) -> str:
        """The NAT namespace between a CGW endpoint (port ``inside``) and the inet (port ``outside``): routes both
        ways and the 1:1 NAT. Returns the MAC of its outside port, the inet's next hop to the public address."""
        nns = self.nat_ns(tunnel)
        imac, omac = system.add_veth(self.inet, self.underlay_port(tunnel, "cgw"), nns, "outside")
        system.ensure(nns, "neigh", "replace", end.outside_ip, "lladdr", endpoint_mac, "dev", "inside", "nud", "permanent")
        system.ensure(nns, "route", "replace", "%s/32" % end.outside_ip, "dev", "inside")
        system.ensure(nns, "neigh", "replace", peer.outside_ip, "lladdr", imac, "dev", "outside", "nud", "permanent")
        system.ensure(nns, "route", "replace", "%s/32" % peer.outside_ip, "dev", "outside")
        nat.one_to_one(nns, end.outside_ip, end.nat_public_ip)
        return omac

    def _charon(self, tunnel, side: str) -> None:
        """Start this endpoint's charon unless it runs, then route everything from the router into ipsec0."""
        ens, run_dir = self.endpoint_ns(tunnel, side), self.charon_dir(tunnel, side)
        if not self.charon_running(tunnel, side):
            conf = os.path.join(run_dir, "strongswan.conf")
            with open(conf, "w", encoding="utf-8") as handle:
                handle.write(strongswan.strongswan_conf(run_dir, os.path.join(run_dir, "charon.log"), tunnel.endpoint(side).ike.dpd_timeout))
            if os.path.exists(strongswan.vici_path(run_dir)):
                os.unlink(strongswan.vici_path(run_dir))
            pid = strongswan.start(ens, run_dir, conf, os.path.join(run_dir, "charon.out"))
            self.state.data["charon_pids"][ens] = pid
            self.state.save()
        if not system.wait_for(lambda: strongswan.ready(run_dir) and system.ip(ens, "link", "show", "ipsec0", check=False).returncode == 0, 20):
            raise system.CommandError("charon in %s did not come up; see %s" % (ens, os.path.join(run_dir, "charon.out")))
        host.require_plugins(ens, strongswan.loaded_plugins(run_dir))
        system.ip(ens, "link", "set", "ipsec0", "mtu", TRANSIT_MTU, "up")
        system.ensure(ens, *system.family(tunnel.endpoint(side).inside_ip), "route", "replace", "default", "dev", "ipsec0")
        self.state.discard("stopped", ens)

    def _load(self, tunnel, side: str) -> None:
        end, peer = tunnel.endpoint(side), tunnel.peer(side)
        strongswan.load(self.charon_dir(tunnel, side), tunnel.name, end.outside_ip, peer.reachable_ip, end.ike, end.inside_version)

    def _sessions(self, router) -> list:
        return [(self.tunnel_index(t), t.peer(s).inside_ip, t.endpoint(s).bgp) for t, s in self.spec.tunnels_of(router)]

    def _bgpd_text(self, router) -> str:
        rns = self.router_ns(router.name)
        drained = {self.tunnel_index(self.spec.tunnel(name)) for name in self.state.data["drained"]} if router.side == "aws" else set()
        return frr.bgpd_conf(router, self._sessions(router), os.path.join(frr.run_dir(rns), "bgpd.log"), drained)

    def _frr(self, router) -> None:
        rns = self.router_ns(router.name)
        if not self._sessions(router):
            return
        self.state.add("frr_run_dirs", frr.run_dir(rns))
        frr.prepare(rns)
        frr.write(rns, "zebra.conf", frr.zebra_conf(router, os.path.join(frr.run_dir(rns), "zebra.log")))
        frr.write(rns, "bgpd.conf", self._bgpd_text(router))
        frr.start(rns)

    # --- live policy change ------------------------------------------------------------------
    def update_policy(self, new: specmod.Spec) -> list:
        """Take a spec that differs from the running one only in BGP policy (POLICY_FIELDS): re-apply the policy of
        the routers whose sessions changed, with a soft refresh (no session or SA goes down, as on real gear), and
        return their names. Raise ValueError when anything else differs: that needs a new lab."""
        if _without_policy(new.to_dict()) != _without_policy(self.spec.to_dict()):
            raise ValueError("spec %s changed beyond BGP policy (%s): not a live change" % (new.name, ", ".join(POLICY_FIELDS)))
        before = {r.name: self._sessions(r) for r in self.spec.routers}
        self.spec = new
        changed = [r.name for r in new.routers if self._sessions(r) != before[r.name]]
        self.state.write_spec(new.to_dict())
        for name in changed:
            self._apply_policy(name)
        return changed

    # --- teardown ----------------------------------------------------------------------------
    def down(self) -> list:
        return teardown(self.state)

    # --- failure injection -------------------------------------------------------------------
    def _cut_rules(self, tunnel, side: str) -> list:
        """Underlay blackholes: ``side`` is the endpoint that stops hearing its peer; ``both`` cuts both ways."""
        aws, cgw = tunnel.aws.outside_ip, tunnel.cgw.reachable_ip
        toward = {"aws": [(cgw, aws)], "cgw": [(aws, cgw)], "both": [(cgw, aws), (aws, cgw)]}[side]
        return [["pref", CUT_PREF, "from", src, "to", dst, "blackhole"] for src, dst in toward]

    def cut(self, name: str, side: str = "both") -> None:
        """Cut one tunnel, or every tunnel of a router when ``name`` is a router (its uplink fails)."""
        for tunnel in self.spec.tunnels_named(name):
            for rule in self._cut_rules(tunnel, side):
                self.state.add("cuts", [str(x) for x in rule])
                system.ensure(self.inet, "rule", "add", *rule)

    def stop(self, tunnel_name: str, side: str) -> None:
        """Stop one endpoint's charon (its ipsec0 and SAs vanish; the peer notices by DPD)."""
        tunnel = self.spec.tunnel(tunnel_name)
        ens = self.endpoint_ns(tunnel, side)
        self.state.add("stopped", ens)
        pid = self.state.data["charon_pids"].get(ens)
        if pid:
            system.stop_pid(pid, marker=strongswan.marker(ens))

    def drain(self, tunnel_name: str, settle: float = None) -> None:
        """AWS maintenance: steer both directions off the tunnel with BGP, wait until no router uses it, take it down.

        The AWS router prepends and sets a worst MED on what it advertises over the tunnel (the CGW
        moves its egress) and lowers local preference on what it learns over it (AWS moves its own).
        """
        tunnel = self.spec.tunnel(tunnel_name)
        self.state.add("drained", tunnel.name)
        self._apply_policy(tunnel.aws.router)
        hold = max(tunnel.aws.bgp.hold, 3)
        system.wait_for(lambda: not self.carries_traffic(tunnel), settle if settle is not None else hold)
        strongswan.terminate(self.charon_dir(tunnel, "aws"), tunnel.name)

    def _apply_policy(self, router_name: str) -> None:
        router = self.spec.router(router_name)
        rns = self.router_ns(router.name)
        frr.reload_policy(rns, self._bgpd_text(router))

    def carries_traffic(self, tunnel) -> bool:
        """Whether either router's FIB sends the other side's LAN prefixes over this tunnel."""
        for side in specmod.SIDES:
            end, peer = tunnel.endpoint(side), tunnel.peer(side)
            rns = self.router_ns(end.router)
            for prefix in peer.bgp.advertise:
                if peer.inside_ip in frr.route_nexthops(rns, prefix):
                    return True
        return False

    def restore(self, name: str) -> None:
        """Undo cut, stop and drain on a tunnel (or every tunnel of a router), and bring its SAs back."""
        for tunnel in self.spec.tunnels_named(name):
            self._restore(tunnel)

    def _restore(self, tunnel) -> None:
        mine = [[str(x) for x in rule] for rule in self._cut_rules(tunnel, "both")]
        for rule in list(self.state.data["cuts"]):
            if rule in mine:
                system.ip(self.inet, "rule", "del", *rule, check=False)
                self.state.discard("cuts", rule)
        for side in specmod.SIDES:
            ens = self.endpoint_ns(tunnel, side)
            if ens in self.state.data["stopped"] or not self.charon_running(tunnel, side):
                self._charon(tunnel, side)
                self._load(tunnel, side)
        if tunnel.name in self.state.data["drained"]:
            self.state.discard("drained", tunnel.name)
            self._apply_policy(tunnel.aws.router)
        sas = {side: strongswan.sas(self.charon_dir(tunnel, side)) for side in specmod.SIDES}
        if all((sa["ike_state"], sa["child_state"]) == ("ESTABLISHED", "INSTALLED") for sa in sas.values()):
            return
        # Half-dead SAs (one side gave up, the other still retransmits or believes it is up) would
        # only clear after DPD and retransmission timers: start both sides afresh instead.
        for side in specmod.SIDES:
            strongswan.terminate(self.charon_dir(tunnel, side), tunnel.name)
        for side in specmod.SIDES:
            if tunnel.endpoint(side).ike.start_action == "start":
                strongswan.initiate(self.charon_dir(tunnel, side), tunnel.name)


def _without_policy(spec_dict: dict) -> dict:
    """The spec with every endpoint's POLICY_FIELDS blanked."""
    out = {key: value for key, value in spec_dict.items() if key != "tunnels"}
    out["tunnels"] = [{key: (dict(value, bgp={k: v for k, v in value["bgp"].items() if k not in POLICY_FIELDS})
                             if isinstance(value, dict) and "bgp" in value else value) for key, value in tunnel.items()}
                      for tunnel in spec_dict["tunnels"]]
    return out


def start(spec: specmod.Spec) -> Lab:
    """Create and bring up a lab. A fresh lab that fails half way is removed again; one that was
    already running is left for ``status`` and ``down``."""
    existed = LabState.for_lab(spec.name).path.exists()
    lab = Lab.create(spec)
    try:
        lab.up()
    except Exception:
        if not existed:
            print("bring-up failed; tearing down what was created", file=sys.stderr)
            lab.down()
        raise
    return lab


def teardown(state: LabState) -> list:
    """Remove every namespace (with its processes and veths), FRR run dir and file the lab recorded, and wait
    until the processes it stopped are reaped; return those that are not (``system.unreaped``)."""
    stopped = []
    for ns in reversed(state.data["namespaces"]):
        stopped += system.delete_namespace(ns)
    for ns, pid in state.data["charon_pids"].items():
        system.stop_pid(pid, marker=strongswan.marker(ns))
    for path in state.data["frr_run_dirs"]:
        if path.startswith(frr.RUN_ROOT + "/"):
            frr.remove_run_dir(os.path.basename(path))
    state.remove()
    state.data = LabState(state.root).data
    return system.unreaped(stopped)
