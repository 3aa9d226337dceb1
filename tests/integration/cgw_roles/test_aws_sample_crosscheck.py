# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cross-check: what the cgw roles push agrees with AWS's own device sample for the same tunnels.

One VPN connection is built on the AWS twin with a crypto profile's tunnel options; its tunnel facts
(Describe) drive the cgw role on every device twin, and GetVpnConnectionDeviceSampleConfiguration gives
AWS's sample for the same connection (Cisco IOS IKEv2, Juniper SRX, Vyatta). Both texts are read by the
shipped parsers (plugins/module_utils/cgw/config_read) into the same model, so algorithm words meet as
crypto_vocab canonical names, and are compared tunnel by tunnel (keyed by AWS's outside IP) on what must
agree: peer and source, inside address, key, IKE version, lifetimes, DPD, MTU/MSS, BGP neighbour and ASNs.
Proposals: every algorithm of AWS's sample is one of ours, unless the profile rejects it (deliberately
stronger). The deliberate differences are listed in docs/cgw-aws-samples.md.
"""

from __future__ import annotations

import copy

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr, profiles, tunnel_options

from .conftest import HOSTS

CGW_IP, CGW_ASN, AWS_ASN = "198.51.100.11", 65011, 64512
PROFILE = "recommended"
# our platform -> (AWS device type vendor, the dialect its sample is written in)
SAMPLE_OF = {"ios": ("Cisco Systems, Inc.", "ios"), "junos": ("Juniper Networks, Inc.", "junos"),
             "vyos": ("Vyatta", "vyos13"), "vyos13": ("Vyatta", "vyos13")}
SALT = "crosscheck"
# A device names one PFS group per IPsec policy: we pick the profile's first (strongest); AWS's tunnel accepts it.
OPTION_FIELD = {vocab.ENCRYPTION: "encryption_algorithms", vocab.INTEGRITY: "integrity_algorithms", vocab.DH_GROUP: "dh_group_numbers"}
ONE_OF = {(2, vocab.DH_GROUP): "phase2_dh_group_numbers"}
PHASES = {1: ("ike_proposals", {vocab.ENCRYPTION: "encryption", vocab.INTEGRITY: "integrity", vocab.DH_GROUP: "dh_groups"}),
          2: ("ipsec_proposals", {vocab.ENCRYPTION: "encryption", vocab.INTEGRITY: "integrity"})}


@pytest.fixture(scope="module")
def connection(aws_twin):
    """A VGW connection whose tunnels carry the profile's options, and the role input built from its Describe."""
    aws_twin.reset()
    ec2 = aws_twin.client("ec2")
    cgw = ec2.create_customer_gateway(BgpAsn=CGW_ASN, PublicIp=CGW_IP, Type="ipsec.1")["CustomerGateway"]
    vgw = ec2.create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=AWS_ASN)["VpnGateway"]
    spec = tunnel_options.to_api(profiles.get(PROFILE).tunnel_options())
    conn = ec2.create_vpn_connection(CustomerGatewayId=cgw["CustomerGatewayId"], Type="ipsec.1", VpnGatewayId=vgw["VpnGatewayId"],
                                     Options={"TunnelOptions": [copy.deepcopy(spec), copy.deepcopy(spec)]})["VpnConnection"]
    tunnels = []
    for index, aws in enumerate(conn["Options"]["TunnelOptions"], 1):
        options = tunnel_options.from_api(aws)
        addrs = inside_cidr.addresses(options["inside_cidr"])
        tunnels.append({"index": index, "outside_ip": aws["OutsideIpAddress"], "inside_cidr": options["inside_cidr"],
                        "aws_inside_ip": addrs["aws"], "cgw_inside_ip": addrs["cgw"],
                        "pre_shared_key": options.pop("pre_shared_key"), "options": options})
    facts = {"vpn_connection_id": conn["VpnConnectionId"], "name": "crosscheck", "cgw_asn": CGW_ASN,
             "amazon_side_asn": AWS_ASN, "local_address": CGW_IP, "advertise": ["192.168.11.0/24"],
             "accept": ["10.10.0.0/16"], "tunnels": tunnels}
    types = {t["Vendor"]: t["VpnConnectionDeviceTypeId"] for t in ec2.get_vpn_connection_device_types()["VpnConnectionDeviceTypes"]}

    def sample(platform, sample_type):
        vendor, dialect = SAMPLE_OF[platform]
        text = ec2.get_vpn_connection_device_sample_configuration(
            VpnConnectionId=conn["VpnConnectionId"], VpnConnectionDeviceTypeId=types[vendor],
            InternetKeyExchangeVersion="ikev2", SampleType=sample_type)["VpnConnectionDeviceSampleConfiguration"]
        return load.parse(text, load.Source(name="aws-sample", platform=dialect, psk_salt=SALT))

    return facts, sample


def _play(facts):
    return {"name": "cgw", "hosts": "all", "gather_facts": False, "vars": {"cgw_connections": [facts], "cgw_verify": "skip"},
            "tasks": [{"name": "run cgw", "ansible.builtin.include_role": {"name": "hybridvpn.s2s.cgw"}}]}


@pytest.fixture(scope="module")
def pushed(cgw_lab, connection):
    """The role's config on every twin, read back into the model (and the run's report)."""
    facts, _sample = connection
    report, (configs,) = cgw_lab.run([_play(facts), "snapshot"])
    models = {p: load.parse("\n".join(lines), load.Source(name=HOSTS[p], platform=p, psk_salt=SALT)) for p, lines in configs.items()}
    return report, models


def _tunnels(model):
    return {t["peer"]: t for t in model["tunnels"] if t["peer"]}


def _neighbor(model, address):
    return next(n for n in model["bgp"]["neighbors"] if n["address"] == address)


def _dpd(tunnel):
    """DPD as (interval, seconds until the peer is declared dead), whatever the dialect calls them."""
    dpd = tunnel["crypto"]["dpd"]
    if "retry_interval" in dpd:     # IOS-XE: seconds between retries, compared as AWS's sample writes them
        return dpd["interval"], dpd["retry_interval"]
    if "timeout" in dpd:
        return dpd["interval"], dpd["timeout"]
    return dpd["interval"], dpd["interval"] * dpd.get("retries", dpd.get("threshold"))


def _algorithms(tunnel, phase):
    """{family: set of canonical names} offered in ``phase`` (phase 2 DH = PFS group)."""
    key, families = PHASES[phase]
    out = {family: set() for family in families}
    for proposal in tunnel["crypto"][key]:
        for family, field in families.items():
            out[family].update(proposal[field])
    if phase == 2:
        out[vocab.DH_GROUP] = {p.get("pfs") for p in tunnel["crypto"][key] if p.get("pfs")} | {tunnel["crypto"]["pfs"]} - {None}
    return out


def _source(tunnel):
    """The CGW's outside address when the config names it (Junos samples name an interface instead)."""
    return tunnel["source"] if tunnel["source"] and tunnel["source"][0].isdigit() else None


@pytest.mark.parametrize("platform", tuple(HOSTS))
def test_role_config_agrees_with_aws_sample_point_by_point(connection, pushed, platform):
    facts, sample = connection
    report, models = pushed
    assert report.changed(0, HOSTS[platform]), platform
    ours, theirs = _tunnels(models[platform]), _tunnels(sample(platform, "recommended"))
    assert set(ours) == set(theirs) == {t["outside_ip"] for t in facts["tunnels"]}, platform
    options = {t["outside_ip"]: t["options"] for t in facts["tunnels"]}
    aws_inside_of = {t["outside_ip"]: t["aws_inside_ip"] for t in facts["tunnels"]}
    for peer, aws in theirs.items():
        mine = ours[peer]
        for field in ("inside_address", "mtu", "mss"):
            assert mine[field] == aws[field], (platform, peer, field, mine[field], aws[field])
        if _source(aws):
            assert _source(mine) == _source(aws) == CGW_IP, (platform, peer)
        for field in ("ike_version", "ike_lifetime", "ipsec_lifetime", "psk"):
            assert mine["crypto"][field] and mine["crypto"][field] == aws["crypto"][field], (platform, peer, field)
        assert _dpd(mine) == _dpd(aws), (platform, peer)
        for field in ("df_bit", "replay_window"):     # IOS-XE: ours per IPsec profile, AWS's sample global
            assert mine["crypto"].get(field) == aws["crypto"].get(field), (platform, peer, field)
        # the recommended sample's algorithms are all among what we offer
        for phase in (1, 2):
            offered = _algorithms(mine, phase)
            for family, names in _algorithms(aws, phase).items():
                if (phase, family) in ONE_OF:
                    accepted = set(options[peer][ONE_OF[phase, family]])
                    assert len(offered[family]) == 1 and offered[family] <= accepted, (platform, peer, family, offered[family])
                else:
                    assert names <= offered[family], (platform, peer, phase, family, names, offered[family])
        aws_inside = aws_inside_of[peer]
        for field in ("remote_as", "keepalive", "hold_time"):
            assert _neighbor(models[platform], aws_inside)[field] == _neighbor(sample(platform, "recommended"), aws_inside)[field]
    assert models[platform]["bgp"]["local_as"] == sample(platform, "recommended")["bgp"]["local_as"] == CGW_ASN
    assert _neighbor(models[platform], facts["tunnels"][0]["aws_inside_ip"])["remote_as"] == AWS_ASN


@pytest.mark.parametrize("platform", tuple(HOSTS))
def test_where_we_differ_from_the_compatibility_sample_the_profile_is_stronger(connection, pushed, platform):
    """AWS's compatibility sample offers AES128/SHA1/DH2 whatever the tunnel allows; every such algorithm we
    leave out, the profile left out of the AWS tunnel's options too (so AWS would not negotiate it either)."""
    facts, sample = connection
    _report, models = pushed
    options = {t["outside_ip"]: t["options"] for t in facts["tunnels"]}
    ours, theirs = _tunnels(models[platform]), _tunnels(sample(platform, "compatibility"))
    left_out = set()
    for peer, aws in theirs.items():
        for phase in (1, 2):
            offered = _algorithms(ours[peer], phase)
            for family, names in _algorithms(aws, phase).items():
                for name in names - offered[family]:
                    left_out.add((family, phase, name))
                    field = "phase%d_%s" % (phase, OPTION_FIELD[family])
                    assert name not in options[peer][field], (platform, peer, field, name)
    assert {(vocab.ENCRYPTION, 1, "AES128"), (vocab.INTEGRITY, 2, "SHA1"), (vocab.DH_GROUP, 1, 2)} <= left_out, left_out


def test_junos_stores_keys_as_9_and_a_second_run_changes_nothing(cgw_lab, connection, pushed):
    """Junos re-encodes a clear key as $9$ with a fresh salt; the role compares keys decoded, so nothing is re-set."""
    facts, _sample = connection
    assert pushed
    report, (configs,) = cgw_lab.run([_play(facts), "snapshot"])
    for platform, host in HOSTS.items():
        assert report.changed(0, host) == [], (platform, report.changed(0, host))
    key_lines = [line for line in configs["junos"] if "pre-shared-key ascii-text" in line]
    assert len(key_lines) == 2 and all(" ascii-text \"$9$" in line or " ascii-text $9$" in line for line in key_lines)
    for tunnel in facts["tunnels"]:
        assert all(tunnel["pre_shared_key"] not in line for line in configs["junos"])


def test_no_key_in_any_output(cgw_lab, connection, pushed):
    facts, _sample = connection
    assert pushed
    for text in cgw_lab.outputs:
        for tunnel in facts["tunnels"]:
            assert tunnel["pre_shared_key"] not in text
