# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The declarative topology spec of the data-plane lab, loadable from JSON or YAML.

A spec names routers (an AWS gateway - ``vgw`` or ``tgw`` - or a ``cgw``), each with one LAN and a
host on it, and tunnels. A tunnel has two endpoints, ``aws`` and ``cgw``; each endpoint says which
router it belongs to, its outside (underlay) address, its inside address (``169.254.10.1/30``), its
IKE/IPsec settings (strongSwan proposal strings) and its BGP session settings. The peer's outside
and inside addresses are the other endpoint's; they may be repeated (``peer_outside_ip``,
``peer_inside_ip``) and are then checked. Errors name the field and the rule; no message ever
contains a pre-shared key.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import re
import typing
from dataclasses import dataclass, field

import yaml

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentError, IntentErrors

NAME_RE = re.compile(r"^[a-z][a-z0-9]{0,11}$")
PROPOSAL_RE = re.compile(r"^[a-z0-9_]+(-[a-z0-9_]+)*$")
DPD_ACTIONS = ("clear", "restart", "none")
START_ACTIONS = ("start", "none", "trap")
KINDS = {"aws": ("vgw", "tgw"), "cgw": ("cgw",)}
SIDES = ("aws", "cgw")


class SpecError(IntentError):
    """One broken rule in a lab spec: ``field`` is a dotted path, ``rule`` a stable identifier."""


class SpecErrors(IntentErrors):
    """Every rule a lab spec broke, reported together."""

    def __init__(self, errors):
        super().__init__(errors)
        lines = [str(e) for e in self.errors]
        self.args = ("%d problem(s) in the lab spec:\n  - %s" % (len(lines), "\n  - ".join(lines)),)


@dataclass
class Lan:
    """The LAN behind a router: the router's address and one host address (in a namespace of its own) to ping.

    Routers naming the same ``segment`` share one LAN (an HA pair of CGWs): one host namespace with a
    bridge, one host address per router; traffic sourced from a router's ``host_ip`` leaves via that router.
    """
    cidr: str
    router_ip: str
    host_ip: str
    segment: typing.Optional[str] = None
    # Dual stack (for IPv6 inside tunnels): the LAN's IPv6 prefix, the router's and the host's IPv6 addresses.
    cidr6: typing.Optional[str] = None
    router_ip6: typing.Optional[str] = None
    host_ip6: typing.Optional[str] = None


@dataclass
class Router:
    """An AWS gateway (vgw: one egress tunnel, tgw: ECMP) or a customer gateway router."""
    name: str
    side: str
    kind: str
    lan: Lan
    maximum_paths: typing.Optional[int] = None

    def paths(self) -> int:
        """ECMP width: a VGW picks one egress tunnel, a TGW spreads over up to 8 (VpnEcmpSupport)."""
        if self.maximum_paths is not None:
            return self.maximum_paths
        return 8 if self.kind == "tgw" else 1


@dataclass
class Ike:
    """IKE and CHILD SA settings of one endpoint, in strongSwan terms (seconds, proposal strings)."""
    psk: str = field(repr=False)
    proposals: typing.List[str]
    esp_proposals: typing.List[str]
    version: int = 2
    local_id: typing.Optional[str] = None
    remote_id: typing.Optional[str] = None
    dpd_delay: int = 10
    dpd_timeout: int = 30
    dpd_action: str = "clear"
    ike_rekey_time: int = 28800
    ike_over_time: int = 2880
    child_rekey_time: int = 3240
    child_life_time: int = 3600
    start_action: str = "start"


@dataclass
class Bgp:
    """One eBGP session over the tunnel, seen from this endpoint's router."""
    asn: int
    peer_asn: int
    keepalive: int = 10
    hold: int = 30
    advertise: typing.List[str] = field(default_factory=list)
    import_allow: typing.List[str] = field(default_factory=lambda: ["any"])
    export_allow: typing.Optional[typing.List[str]] = None
    maximum_prefix: int = 100
    prepend: int = 0
    med: typing.Optional[int] = None
    local_pref: typing.Optional[int] = None   # set on what this router learns over the tunnel (its egress choice)

    def exports(self) -> typing.List[str]:
        """What may leave on this session: the export allow list, by default exactly what is advertised."""
        return self.export_allow if self.export_allow is not None else list(self.advertise)


@dataclass
class Endpoint:
    """One end of a tunnel; ``inside`` is ``address/prefixlen`` inside the tunnel's /30.

    A CGW endpoint behind NAT gives ``nat_public_ip``: its ``outside_ip`` is then its own (private) address, which
    charon binds, and a 1:1 NAT in front of it shows the peer ``nat_public_ip`` (AWS's customer gateway address).
    """
    router: str
    outside_ip: str
    inside: str
    ike: Ike
    bgp: Bgp
    peer_outside_ip: typing.Optional[str] = None
    peer_inside_ip: typing.Optional[str] = None
    nat_public_ip: typing.Optional[str] = None

    @property
    def reachable_ip(self) -> str:
        """The address the peer and the underlay know this endpoint by: the NAT's, when it is behind one."""
        return self.nat_public_ip or self.outside_ip

    @property
    def inside_ip(self) -> str:
        return str(ipaddress.ip_interface(self.inside).ip)

    @property
    def prefixlen(self) -> int:
        return ipaddress.ip_interface(self.inside).network.prefixlen

    @property
    def inside_version(self) -> int:
        """4 (inside /30, IPv4 inside the tunnel) or 6 (inside /126, TunnelInsideIpVersion ipv6: IPv6 inside)."""
        return ipaddress.ip_interface(self.inside).version


@dataclass
class Tunnel:
    """Two endpoints. ``as_configured``: each endpoint is what its own device's config says (dataplane_sync), so the
    inside addresses and the peer ASN may disagree as two misconfigured devices do, and the lab shows what follows
    (BGP never opens, Bad Peer AS) instead of refusing the spec; hand-written specs keep both checks."""
    name: str
    aws: Endpoint
    cgw: Endpoint
    as_configured: bool = False

    def endpoint(self, side: str) -> Endpoint:
        return self.aws if side == "aws" else self.cgw

    def peer(self, side: str) -> Endpoint:
        return self.cgw if side == "aws" else self.aws


@dataclass
class Spec:
    """A whole lab: routers, tunnels and the name that prefixes every namespace the engine creates."""
    name: str
    routers: typing.List[Router]
    tunnels: typing.List[Tunnel]

    def router(self, name: str) -> Router:
        return next(r for r in self.routers if r.name == name)

    def tunnel(self, name: str) -> Tunnel:
        for tunnel in self.tunnels:
            if tunnel.name == name:
                return tunnel
        raise KeyError("no tunnel named %r in spec %r (have: %s)" % (name, self.name, ", ".join(t.name for t in self.tunnels)))

    def tunnels_named(self, name: str) -> typing.List[Tunnel]:
        """One tunnel by name, or every tunnel of a router (a CGW whose uplink fails loses them all)."""
        if any(r.name == name for r in self.routers):
            return [t for t, _side in self.tunnels_of(self.router(name))]
        return [self.tunnel(name)]

    def segment_of(self, router: Router) -> str:
        return router.lan.segment or router.name

    def segment_routers(self, segment: str) -> typing.List[Router]:
        """The routers on one LAN segment, in spec order (the first is the host's default gateway)."""
        return [r for r in self.routers if self.segment_of(r) == segment]

    def tunnels_of(self, router: Router) -> typing.List[typing.Tuple[Tunnel, str]]:
        """(tunnel, side) pairs whose endpoint sits on this router, in spec order."""
        return [(t, s) for t in self.tunnels for s in SIDES if t.endpoint(s).router == router.name]

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def _build(cls, data, path: str):
    """Build dataclass ``cls`` from plain data, naming the dotted path of any missing or unknown key."""
    if not isinstance(data, dict):
        raise SpecError(path or "spec", "type.mapping", "must be a mapping")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise SpecError("%s.%s" % (path, unknown[0]) if path else unknown[0], "key.unknown", "unknown key")
    kwargs = {}
    for fld in dataclasses.fields(cls):
        where = "%s.%s" % (path, fld.name) if path else fld.name
        if fld.name not in data:
            if fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING:
                raise SpecError(where, "key.required", "is required")
            continue
        kwargs[fld.name] = _value(hints[fld.name], data[fld.name], where)
    return cls(**kwargs)


def _value(hint, value, where: str):
    origin = typing.get_origin(hint)
    if origin is typing.Union:
        inner = [a for a in typing.get_args(hint) if a is not type(None)][0]
        return None if value is None else _value(inner, value, where)
    if origin in (list, typing.List):
        if not isinstance(value, list):
            raise SpecError(where, "type.list", "must be a list")
        item = typing.get_args(hint)[0]
        return [_value(item, v, "%s[%d]" % (where, i)) for i, v in enumerate(value)]
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, where)
    if hint is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise SpecError(where, "type.int", "must be an integer")
    if hint is str and not isinstance(value, str):
        raise SpecError(where, "type.str", "must be a string")
    return value


def from_dict(data: dict) -> Spec:
    """Build and validate a spec; raises SpecErrors listing every broken rule (SpecError for a malformed shape)."""
    spec = _build(Spec, data, "")
    errors = list(_problems(spec))
    if errors:
        raise SpecErrors(errors)
    return spec


def load(path: str) -> Spec:
    """Read a spec from a JSON or YAML file (YAML is a superset of JSON, so one parser reads both)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    data = json.loads(text) if path.endswith(".json") else yaml.safe_load(text)
    return from_dict(data)


def _problems(spec: Spec):
    if not NAME_RE.match(spec.name):
        yield SpecError("name", "name.format", "must be 1-12 lowercase letters/digits starting with a letter")
    yield from _router_problems(spec)
    seen_aws_outside, seen_pairs, seen_tunnels = set(), set(), set()
    for index, tunnel in enumerate(spec.tunnels):
        where = "tunnels[%d]" % index
        if not NAME_RE.match(tunnel.name):
            yield SpecError(where + ".name", "name.format", "must be 1-12 lowercase letters/digits starting with a letter")
        if tunnel.name in seen_tunnels:
            yield SpecError(where + ".name", "name.unique", "tunnel %s is defined twice" % tunnel.name)
        seen_tunnels.add(tunnel.name)
        for side in SIDES:
            yield from _endpoint_problems(spec, tunnel, side, "%s.%s" % (where, side))
        pair = (tunnel.aws.outside_ip, tunnel.cgw.reachable_ip)
        if len({":" in ip for ip in pair}) > 1:  # one IKE peering runs over one address family (AWS: both ends Ipv6)
            yield SpecError(where + ".cgw.outside_ip", "outside_ip.family", "%s and %s are of different IP versions" % pair)
        # The underlay routes the CGW side by (source, destination) so CGW endpoints may share an
        # outside address like a real CGW does; the AWS outside address must be unique.
        if tunnel.aws.outside_ip in seen_aws_outside:
            yield SpecError(where + ".aws.outside_ip", "outside_ip.unique", "AWS outside address %s is used twice" % tunnel.aws.outside_ip)
        if pair in seen_pairs:
            yield SpecError(where, "outside_ip.pair_unique", "two tunnels between %s and %s" % pair)
        seen_aws_outside.add(tunnel.aws.outside_ip)
        seen_pairs.add(pair)
        yield from _tunnel_consistency(tunnel, where)


def _router_problems(spec: Spec):
    names = set()
    for index, router in enumerate(spec.routers):
        where = "routers[%d]" % index
        if not NAME_RE.match(router.name):
            yield SpecError(where + ".name", "name.format", "must be 1-12 lowercase letters/digits starting with a letter")
        if router.name in names:
            yield SpecError(where + ".name", "name.unique", "router %s is defined twice" % router.name)
        names.add(router.name)
        if router.side not in KINDS:
            yield SpecError(where + ".side", "side.choice", "must be one of %s" % ", ".join(KINDS))
        elif router.kind not in KINDS[router.side]:
            yield SpecError(where + ".kind", "kind.choice", "must be one of %s on the %s side" % (", ".join(KINDS[router.side]), router.side))
        if router.maximum_paths is not None and not 1 <= router.maximum_paths <= 64:
            yield SpecError(where + ".maximum_paths", "maximum_paths.range", "must be 1-64")
        yield from _lan_problems(router.lan, where + ".lan")
        yield from _segment_problems(spec, router, where)
        asns = {t.endpoint(s).bgp.asn for t, s in spec.tunnels_of(router)}
        if len(asns) > 1:
            yield SpecError(where, "asn.consistent", "its tunnel endpoints disagree on the local ASN: %s" % sorted(asns))


def _lan_problems(lan: Lan, where: str):
    """The IPv4 LAN, and the optional IPv6 one: both addresses inside the prefix; IPv6 all or nothing."""
    families = [("", 4)]
    given6 = [k for k in ("cidr6", "router_ip6", "host_ip6") if getattr(lan, k)]
    if given6 and len(given6) < 3:
        yield SpecError(where, "lan.ipv6", "cidr6, router_ip6 and host_ip6 go together")
    elif given6:
        families.append(("6", 6))
    for suffix, version in families:
        try:
            net = ipaddress.ip_network(getattr(lan, "cidr" + suffix))
            if net.version != version:
                raise ValueError("cidr%s must be an IPv%d prefix" % (suffix, version))
            for key in ("router_ip" + suffix, "host_ip" + suffix):
                if ipaddress.ip_address(getattr(lan, key)) not in net:
                    yield SpecError("%s.%s" % (where, key), "lan.inside", "must be inside %s" % net)
        except ValueError as exc:
            yield SpecError(where, "lan.address", str(exc))


def _segment_problems(spec: Spec, router: Router, where: str):
    """Routers sharing a LAN segment: same side and prefix, their own router and host addresses; no name clash."""
    segment = spec.segment_of(router)
    if router.lan.segment is not None and not NAME_RE.match(router.lan.segment):
        yield SpecError(where + ".lan.segment", "name.format", "must be 1-12 lowercase letters/digits starting with a letter")
    if any(r.name == segment and spec.segment_of(r) != segment for r in spec.routers):
        yield SpecError(where + ".lan.segment", "segment.unique", "%s is the name of a router on another LAN" % segment)
    for other in spec.segment_routers(segment)[:spec.segment_routers(segment).index(router)]:
        if (other.side, other.lan.cidr) != (router.side, router.lan.cidr):
            yield SpecError(where + ".lan", "segment.consistent", "shares segment %s with %s, so needs its side and cidr" % (segment, other.name))
        for key in ("router_ip", "host_ip"):
            if getattr(other.lan, key) == getattr(router.lan, key):
                yield SpecError("%s.lan.%s" % (where, key), "segment.distinct", "%s on segment %s is also %s's" % (key, segment, other.name))


def _endpoint_problems(spec: Spec, tunnel: Tunnel, side: str, where: str):
    end = tunnel.endpoint(side)
    routers = {r.name: r for r in spec.routers}
    if end.router not in routers:
        yield SpecError(where + ".router", "router.known", "no router named %s" % end.router)
    elif routers[end.router].side != side:
        yield SpecError(where + ".router", "router.side", "router %s is on the %s side" % (end.router, routers[end.router].side))
    try:
        ipaddress.ip_address(end.outside_ip)
    except ValueError:
        yield SpecError(where + ".outside_ip", "address.ip", "must be an IPv4 or IPv6 address (AWS's OutsideIpAddressType)")
    if end.nat_public_ip is not None:
        yield from _nat_problems(end, side, where)
    try:
        inside = ipaddress.ip_interface(end.inside)
        if inside.network.prefixlen > inside.max_prefixlen - 2:
            yield SpecError(where + ".inside", "inside.prefixlen", "needs a /30 (IPv6: /126) or shorter prefix")
        if inside.version == 6 and end.router in routers and not routers[end.router].lan.cidr6:
            yield SpecError(where + ".inside", "inside.ipv6_lan", "an IPv6 inside tunnel needs an IPv6 LAN (lan.cidr6) on router %s" % end.router)
    except ValueError:
        yield SpecError(where + ".inside", "address.interface", "must be address/prefixlen, e.g. 169.254.10.1/30 or fd00:0:0:10::1/126")
    yield from _ike_problems(end.ike, where + ".ike")
    yield from _bgp_problems(end.bgp, where + ".bgp")


def _nat_problems(end: Endpoint, side: str, where: str):
    """Only a CGW sits behind NAT (AWS's endpoints have public addresses); the NAT maps to another IPv4 address."""
    if side != "cgw":
        yield SpecError(where + ".nat_public_ip", "nat.cgw_only", "only a CGW endpoint can be behind NAT")
    try:
        ipaddress.IPv4Address(end.nat_public_ip)
    except ValueError:
        yield SpecError(where + ".nat_public_ip", "address.ipv4", "must be an IPv4 address")
        return
    if end.nat_public_ip == end.outside_ip:
        yield SpecError(where + ".nat_public_ip", "nat.distinct", "must differ from outside_ip, the address behind the NAT")


def _ike_problems(ike: Ike, where: str):
    if ike.version not in (1, 2):
        yield SpecError(where + ".version", "ike.version", "must be 1 or 2")
    for key in ("proposals", "esp_proposals"):
        values = getattr(ike, key)
        if not values:
            yield SpecError("%s.%s" % (where, key), "proposal.required", "needs at least one proposal")
        for i, value in enumerate(values):
            if not PROPOSAL_RE.match(value):
                yield SpecError("%s.%s[%d]" % (where, key, i), "proposal.format", "must be a strongSwan proposal like aes256-sha256-modp2048")
    if not ike.psk or any(c in ike.psk for c in "\n\r\0"):
        yield SpecError(where + ".psk", "psk.format", "must be a non-empty single-line string")
    if ike.dpd_action not in DPD_ACTIONS:
        yield SpecError(where + ".dpd_action", "dpd_action.choice", "must be one of %s" % ", ".join(DPD_ACTIONS))
    if ike.start_action not in START_ACTIONS:
        yield SpecError(where + ".start_action", "start_action.choice", "must be one of %s" % ", ".join(START_ACTIONS))
    for key in ("dpd_delay", "dpd_timeout", "ike_rekey_time", "ike_over_time", "child_rekey_time", "child_life_time"):
        if getattr(ike, key) < 0:
            yield SpecError("%s.%s" % (where, key), "time.range", "must be >= 0 seconds")
    if ike.child_life_time and ike.child_rekey_time >= ike.child_life_time:
        yield SpecError(where + ".child_rekey_time", "lifetime.order", "must be below child_life_time")


def _bgp_problems(bgp: Bgp, where: str):
    for key in ("asn", "peer_asn"):
        if not 1 <= getattr(bgp, key) <= 4294967295:
            yield SpecError("%s.%s" % (where, key), "asn.range", "must be 1-4294967295")
    if bgp.hold and (bgp.hold < 3 or bgp.keepalive >= bgp.hold):
        yield SpecError(where + ".hold", "bgp.timers", "hold must be 0 or >= 3 and above keepalive")
    for key in ("advertise", "export_allow"):
        for i, prefix in enumerate(getattr(bgp, key) or []):
            try:
                ipaddress.ip_network(prefix)
            except ValueError:
                yield SpecError("%s.%s[%d]" % (where, key, i), "prefix.format", "must be an IPv4 or IPv6 prefix")
    for i, entry in enumerate(bgp.import_allow):
        if entry != "any" and not re.match(r"^[0-9a-fA-F.:]+/\d+( (le|ge) \d+)*$", entry):
            yield SpecError("%s.import_allow[%d]" % (where, i), "prefix_list.format", "must be 'any' or 'PREFIX [ge N] [le N]'")
    if not 1 <= bgp.maximum_prefix <= 4294967295:
        yield SpecError(where + ".maximum_prefix", "maximum_prefix.range", "must be >= 1")
    if not 0 <= bgp.prepend <= 10:
        yield SpecError(where + ".prepend", "prepend.range", "must be 0-10")
    if bgp.med is not None and not 0 <= bgp.med <= 4294967295:
        yield SpecError(where + ".med", "med.range", "must be 0-4294967295")
    if bgp.local_pref is not None and not 0 <= bgp.local_pref <= 4294967295:
        yield SpecError(where + ".local_pref", "local_pref.range", "must be 0-4294967295")


def _tunnel_consistency(tunnel: Tunnel, where: str):
    """Each endpoint's peer_* fields and peer ASN must match the other endpoint (the ASN and the inside network
    unless the tunnel is as_configured)."""
    for side in SIDES:
        end, peer = tunnel.endpoint(side), tunnel.peer(side)
        here = "%s.%s" % (where, side)
        if end.peer_outside_ip not in (None, peer.reachable_ip):
            yield SpecError(here + ".peer_outside_ip", "peer.consistent",
                            "must equal the peer endpoint's outside_ip (its nat_public_ip when it is behind NAT)")
        if end.peer_inside_ip not in (None, _inside_ip_or_none(peer)):
            yield SpecError(here + ".peer_inside_ip", "peer.consistent", "must equal the peer endpoint's inside address")
        if end.bgp.peer_asn != peer.bgp.asn and not tunnel.as_configured:
            yield SpecError(here + ".bgp.peer_asn", "peer.consistent", "must equal the peer endpoint's bgp.asn")
    try:
        a, c = ipaddress.ip_interface(tunnel.aws.inside), ipaddress.ip_interface(tunnel.cgw.inside)
    except ValueError:
        return
    if a.ip == c.ip or (a.network != c.network and not tunnel.as_configured):
        yield SpecError(where, "inside.same_network", "the two inside addresses must be distinct hosts of one network")


def _inside_ip_or_none(endpoint: Endpoint):
    """The inside address, or None when ``inside`` is malformed (reported on its own)."""
    try:
        return endpoint.inside_ip
    except ValueError:
        return None
