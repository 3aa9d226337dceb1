# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One charon (kernel-libipsec) per tunnel endpoint namespace: config, start, load over VICI, read SAs and failure reasons.

The connection and its PSK are loaded over the VICI socket, so no secret is ever written to a
config file; the only copy on disk is the spec the engine keeps (mode 0600) for restarts.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket

import vici

from . import system

CHARON = "/usr/lib/ipsec/charon"
# charon runs as: unshare -m bash -c 'mount --bind ... && exec charon' (its own /run, see start()).
UNSHARE = "unshare"
BASH = "bash"
MOUNT = "mount"
# kernel-libipsec before kernel-netlink: libipsec then owns the IPsec interface (ESP in user space
# over the TUN device ipsec0), kernel-netlink only does addresses and routes.
PLUGINS = ("random", "nonce", "openssl", "aes", "gcm", "sha1", "sha2", "hmac", "kdf", "gmp", "pem", "pkcs1", "pubkey",
           "kernel-libipsec", "kernel-netlink", "socket-default", "vici")
RETRANSMIT_TRIES = 4


def strongswan_conf(run_dir: str, log_path: str, dpd_timeout: int) -> str:
    """strongswan.conf, one setting per line (the parser in 5.9 wants that).

    IKEv2 has no DPD timeout setting: a peer is dead when the retransmissions of a DPD request run
    out. With a constant back-off (base 1) of timeout T and N tries, that takes (N+1)*T seconds, so
    T is chosen to make it the endpoint's dpd_timeout.
    """
    per_try = max(1.0, dpd_timeout / (RETRANSMIT_TRIES + 1))
    return "\n".join([
        "charon {",
        "  load = %s" % " ".join(PLUGINS),
        "  install_routes = no",
        "  install_virtual_ip = no",
        "  retransmit_tries = %d" % RETRANSMIT_TRIES,
        "  retransmit_timeout = %.1f" % per_try,
        "  retransmit_base = 1.0",
        "  filelog {",
        "    main {",
        "      path = %s" % log_path,
        "      time_format = %Y-%m-%dT%H:%M:%S",
        "      flush_line = yes",
        "      append = yes",
        "      default = 1",
        "      ike = 1",
        "      cfg = 1",
        "    }",
        "  }",
        "  syslog {",
        "    daemon {",
        "      default = -1",
        "    }",
        "  }",
        "  plugins {",
        "    vici {",
        "      socket = unix://%s" % vici_path(run_dir),
        "    }",
        "  }",
        "}",
        "",
    ])


def vici_path(run_dir: str) -> str:
    return os.path.join(run_dir, "charon.vici")


def marker(ns: str) -> str:
    """The process name charon runs under in ``ns``."""
    return "charon[%s]" % ns


def start(ns: str, run_dir: str, conf_path: str, out_path: str) -> int:
    """Start charon in ``ns`` with ``run_dir`` bind-mounted on /run (its own pid file), return its pid.

    ``exec -a`` puts the namespace in the process name so a leftover is easy to recognise.
    """
    script = '%s --bind "$1" /run && STRONGSWAN_CONF="$2" exec -a "charon[$3]" %s' % (MOUNT, CHARON)
    return system.spawn(ns, [UNSHARE, "-m", BASH, "-c", script, "charon", run_dir, conf_path, ns], out_path)


@contextlib.contextmanager
def session(run_dir: str):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(10)
    try:
        sock.connect(vici_path(run_dir))
        yield vici.Session(sock)
    finally:
        sock.close()


def ready(run_dir: str) -> bool:
    try:
        with session(run_dir) as sess:
            sess.version()
        return True
    except OSError:
        return False


def loaded_plugins(run_dir: str) -> set:
    """The plugins charon actually loaded (it starts without one that fails to load, and says so only in its log)."""
    with session(run_dir) as sess:
        return {_text(name) for name in sess.stats().get("plugins", [])}


ANY = {4: "0.0.0.0/0", 6: "::/0"}


def connection(name: str, local: str, remote: str, ike, inside_version: int = 4) -> dict:
    """The VICI load-conn message for one route-based tunnel: any-to-any of the inside family (AWS's
    0.0.0.0/0, or ::/0 for TunnelInsideIpVersion ipv6), UDP-encapsulated over the outside addresses' family
    (IPv4, or IPv6 for OutsideIpAddressType Ipv6)."""
    child = {
        "local_ts": [ANY[inside_version]],
        "remote_ts": [ANY[inside_version]],
        "esp_proposals": list(ike.esp_proposals),
        "rekey_time": "%ds" % ike.child_rekey_time,
        "life_time": "%ds" % ike.child_life_time,
        "dpd_action": ike.dpd_action,
        "start_action": ike.start_action,
    }
    conn = {
        "version": str(ike.version),
        "local_addrs": [local],
        "remote_addrs": [remote],
        "proposals": list(ike.proposals),
        "rekey_time": "%ds" % ike.ike_rekey_time,
        "over_time": "%ds" % ike.ike_over_time,
        "dpd_delay": "%ds" % ike.dpd_delay,
        # libipsec only speaks ESP-in-UDP; force it even though there is no NAT.
        "encap": "yes",
        "mobike": "no",
        # An initiator keeps trying forever, like a CGW would; a responder never initiates.
        "keyingtries": "0",
        "local": {"auth": "psk", "id": ike.local_id or local},
        "remote": {"auth": "psk", "id": ike.remote_id or remote},
        "children": {name: child},
    }
    if ike.version == 1:
        conn["dpd_timeout"] = "%ds" % ike.dpd_timeout
    return {name: conn}


def load(run_dir: str, name: str, local: str, remote: str, ike, inside_version: int = 4) -> None:
    """Load the PSK and the connection; a start_action of ``start`` makes charon initiate at once."""
    with session(run_dir) as sess:
        sess.load_shared({"id": "psk-" + name, "type": "IKE", "data": ike.psk,
                          "owners": [ike.local_id or local, ike.remote_id or remote]})
        sess.load_conn(connection(name, local, remote, ike, inside_version))


def initiate(run_dir: str, name: str) -> None:
    with session(run_dir) as sess:
        for _log in sess.initiate({"child": name, "ike": name, "timeout": "-1"}):
            pass


def terminate(run_dir: str, name: str) -> None:
    with session(run_dir) as sess:
        with contextlib.suppress(vici.exception.CommandException):
            for _log in sess.terminate({"ike": name, "force": "yes", "timeout": "-1"}):
                pass


def _text(value):
    return value.decode() if isinstance(value, bytes) else value


def _algorithms(sa: dict) -> str:
    """``AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048``, like swanctl prints it."""
    parts = []
    if "encr-alg" in sa:
        enc = _text(sa["encr-alg"])
        parts.append(enc + ("-" + _text(sa["encr-keysize"]) if "encr-keysize" in sa else ""))
    for key in ("integ-alg", "prf-alg", "dh-group"):
        if key in sa:
            parts.append(_text(sa[key]))
    return "/".join(parts)


def _ike_path(sa: dict) -> dict:
    """Addresses, ports and identities of an IKE SA, and what NAT detection found (RFC 7296 2.23): ``nat_local``
    when this host's address was translated on the way (it is behind NAT), ``nat_remote`` when the peer's was.
    libipsec forces UDP encapsulation (``encap``), which strongSwan does by faking a NAT for *this* host in what it
    sends, so only ``nat_local`` is a real finding here: it comes from the peer's view of our address."""
    path = {key.replace("-", "_"): _text(sa.get(key, "")) for key in ("local-host", "local-port", "local-id",
                                                                      "remote-host", "remote-port", "remote-id")}
    path.update({key.replace("-", "_"): _text(sa.get(key, "no")) == "yes" for key in ("nat-local", "nat-remote", "nat-fake")})
    return path


COUNTERS = ("bytes_in", "bytes_out", "packets_in", "packets_out")


def _number(sa: dict, key: str) -> int:
    return int(_text(sa.get(key, 0)) or 0)


def sas(run_dir: str) -> dict:
    """IKE and CHILD SA state of this charon: {ike_state, ike_version, ike_algorithms, child_state, esp_algorithms}
    plus ike_uptime / child_uptime (seconds since established / installed), the CHILD SA's byte and packet counters,
    and where the IKE SA runs (``ike_path``: addresses, ports, identities, NAT detection)."""
    result = {"ike_state": "NONE", "ike_version": "", "ike_algorithms": "", "child_state": "NONE", "esp_algorithms": "",
              "ike_uptime": 0, "child_uptime": 0, "ike_path": {}}
    result.update(dict.fromkeys(COUNTERS, 0))
    with session(run_dir) as sess:
        for entry in sess.list_sas():
            for _name, sa in entry.items():
                state = _text(sa["state"])
                # Prefer an ESTABLISHED SA over one still connecting (e.g. during a rekey race).
                if result["ike_state"] == "ESTABLISHED" and state != "ESTABLISHED":
                    continue
                result["ike_state"] = state
                result["ike_version"] = "IKEv%s" % _text(sa.get("version", "?"))
                result["ike_algorithms"] = _algorithms(sa)
                result["ike_uptime"] = _number(sa, "established")
                result["ike_path"] = _ike_path(sa)
                for child in sa.get("child-sas", {}).values():
                    result["child_state"] = _text(child["state"])
                    result["esp_algorithms"] = _algorithms(child)
                    result["child_uptime"] = _number(child, "install-time")
                    # One CHILD SA at a time here (route-based, 0.0.0.0/0): its counters are the tunnel's since it was installed.
                    result.update({key: _number(child, key.replace("_", "-")) for key in COUNTERS})
    return result


# (pattern, reason) from charon's log, most specific first; the last match in the log wins.
REASONS = [
    (re.compile(r"NO_PROPOSAL_CHOSEN|N\(NO_PROP\)|proposals unacceptable|no acceptable proposal found"),
     "NO_PROPOSAL_CHOSEN: proposal mismatch"),
    (re.compile(r"AUTHENTICATION_FAILED|N\(AUTH_FAILED\)|MAC mismatched|authentication of .* failed"),
     "AUTHENTICATION_FAILED: pre-shared key or identity mismatch"),
    (re.compile(r"TS_UNACCEPTABLE|traffic selectors .* unacceptable"), "TS_UNACCEPTABLE: traffic selector mismatch"),
    (re.compile(r"no IKE config found|no matching peer config found|no peer config found"), "no matching connection (identity or address mismatch)"),
    (re.compile(r"key derivation failed|KDF_PRF with .* not supported"), "IKE key derivation failed (a crypto plugin is missing)"),
    (re.compile(r"giving up after \d+ retransmits"), "no IKE response (peer unreachable or DPD timeout)"),
    (re.compile(r"retransmit \d+ of request"), "waiting for IKE response (retransmitting)"),
    (re.compile(r"deleting IKE_SA|received DELETE for IKE_SA|closing IKE_SA"), "IKE SA deleted"),
]
ESTABLISHED = re.compile(r"CHILD_SA .* established")


def reason(log_path: str, max_bytes: int = 200000) -> str:
    """Why the tunnel is (or last was) not up, from the tail of charon's log; '' when nothing failed since it came up."""
    try:
        with open(log_path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - max_bytes))
            lines = handle.read().decode(errors="replace").splitlines()
    except FileNotFoundError:
        return "charon log missing"
    for line in reversed(lines):
        if ESTABLISHED.search(line):
            return ""
        for pattern, why in REASONS:
            if pattern.search(line):
                return why
    return ""
