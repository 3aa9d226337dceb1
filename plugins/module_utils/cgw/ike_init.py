# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How large the IKE_SA_INIT request grows with a tunnel's IKE proposals (issue 16).

A platform that offers one algorithm of each kind per proposal (VyOS) multiplies proposals: AWS's defaults give
192. IKE_SA_INIT is sent in the clear and IKEv2 fragmentation does not apply to it (RFC 7383 section 2.5:
only messages with an Encrypted payload are fragmented), so a large one is fragmented at the IP layer, where
fragments are often dropped. RFC 7296 section 2: "All IKEv2 implementations MUST be able to send, receive, and
process IKE messages that are up to 1280 octets long" - the limit a render keeps to (``MUST_ACCEPT_OCTETS``).

The size is counted from RFC 7296 section 3 payload formats as strongSwan (VyOS's IKE daemon) builds the
request: IKE header; SA payload with, per proposal, an encryption transform with its Key Length attribute, a
PRF, an integrity transform unless the cipher is AEAD, and a DH group; the KE payload of the first proposal's
group; a 32-octet nonce; the two NAT detection notifies; IKEV2_FRAGMENTATION_SUPPORTED and
SIGNATURE_HASH_ALGORITHMS (RFC 7427, four hash algorithms).
"""

from __future__ import annotations

MUST_ACCEPT_OCTETS = 1280

_IKE_HEADER = 28
_PAYLOAD_HEADER = 4
_PROPOSAL_HEADER = 8
_TRANSFORM = 8
_KEY_LENGTH_ATTRIBUTE = 4
_NONCE = 32
_NOTIFY_HEADER = 8
_NAT_DETECTION = 2 * (_NOTIFY_HEADER + 20)          # SHA-1 hashes (RFC 7296 section 2.23)
_FRAGMENTATION_SUPPORTED = _NOTIFY_HEADER            # RFC 7383 section 2.3
_SIGNATURE_HASHES = _NOTIFY_HEADER + 4 * 2           # RFC 7427 section 4
# Key exchange public value per DH group number: MODP groups are the prime's size (RFC 2409, RFC 3526, RFC 5114),
# ECP groups two coordinates (RFC 5903, RFC 5114, RFC 6954), curve25519/448 one (RFC 8031).
KE_OCTETS = {1: 96, 2: 128, 5: 192, 14: 256, 15: 384, 16: 512, 17: 768, 18: 1024, 19: 64, 20: 96, 21: 132,
             22: 128, 23: 256, 24: 256, 25: 48, 26: 56, 27: 56, 28: 64, 29: 96, 30: 128, 31: 32, 32: 56}


def proposal_octets(aead: bool) -> int:
    """One proposal substructure: encryption (with key length), PRF, integrity unless AEAD, DH group."""
    transforms = 3 if aead else 4
    return _PROPOSAL_HEADER + transforms * _TRANSFORM + _KEY_LENGTH_ATTRIBUTE


def request_octets(proposals, first_dh_group: int) -> int:
    """The IKE_SA_INIT request's size in octets (the UDP payload) for ``proposals`` (dicts with ``aead``)."""
    sa_payload = _PAYLOAD_HEADER + sum(proposal_octets(p["aead"]) for p in proposals)
    ke_payload = _PAYLOAD_HEADER + 4 + KE_OCTETS[first_dh_group]
    nonce = _PAYLOAD_HEADER + _NONCE
    return (_IKE_HEADER + sa_payload + ke_payload + nonce + _NAT_DETECTION + _FRAGMENTATION_SUPPORTED
            + _SIGNATURE_HASHES)
