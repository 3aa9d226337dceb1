# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the cgw_command action plugin (plugins/action/cgw_command.py does the work in the worker)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: cgw_command
short_description: Run CLI commands on a customer gateway over its network_cli session
version_added: 1.0.0
description:
  - Sends each command over the device's C(ansible.netcommon.network_cli) session in order (through the platform's
    cliconf plugin, as the vendors' C(*_command) modules do) and returns every output. A command that needs an
    answer to a prompt is given as a dictionary.
  - The C(hybridvpn.s2s) roles use it for their device reads, the Junos and VyOS commit sessions, rollbacks and
    saves.
  - Commands may change the device, so in check mode the task is skipped unless it sets C(check_mode=false)
    (reads do).
  - Runs as an action plugin, with no module process per device.
options:
  commands:
    description:
      - The commands, in order. Each is a string or a dictionary with C(command), C(prompt) (a regular expression)
        and C(answer); a dictionary with the one key C(load_file) (true) stands for the load of O(file_lines)
        (nothing when O(file_lines) is empty).
      - The task fails at the first command the device rejects.
    type: list
    elements: raw
    required: true
  lock_wait:
    description:
      - Seconds to wait for the device's configuration lock. A command the device refuses because another session holds
        the lock (IOS-XE C(configure terminal lock), Junos C(configure exclusive), a VyOS commit while another commit
        runs) is sent again every second; when the lock is still taken after O(lock_wait) seconds the task fails with
        C(device busy), naming the device and the lock's holder.
      - A failure while the session is in configuration mode leaves it (IOS-XE C(end), Junos C(rollback 0) and
        C(exit), VyOS C(exit discard)), releasing the lock at once.
      - Unset, the commands are sent as they are.
    type: int
  file_lines:
    description:
      - Config lines to copy to the device as a file before the commands (by SCP over the device's SSH; IOS-XE
        C(flash:hybridvpn-s2s-<token>.cfg), a token of its own per task), so that one command loads them all - the
        element of O(commands) with the key C(load_file) stands for the platform's command loading that file (IOS-XE
        C(do copy <file> running-config)).
      - The file is deleted from the device after the commands, also when one of them fails (then after leaving
        configuration mode). Never put a key in it - the roles send key lines one by one.
      - A device that refuses the transfer (IOS-XE without C(ip scp server enable)) fails the task before any command
        is sent.
    type: str
notes:
  - Needs C(ansible_connection=ansible.netcommon.network_cli) and C(ansible_network_os) of IOS-XE, Junos or VyOS;
    Junos also over C(ansible.netcommon.netconf) (each command sent as the Junos XML API RPC doing it).
author:
  - hybridvpn.s2s contributors (@hybridvpn)
"""

EXAMPLES = r"""
- name: Read the tunnel state
  hybridvpn.s2s.cgw_command:
    commands:
      - show crypto ikev2 sa
      - show ip bgp summary
  register: state
  check_mode: false

- name: Push IOS-XE lines holding the configuration lock (wait up to a minute for another session's lock)
  hybridvpn.s2s.cgw_command:
    commands:
      - configure terminal lock
      - interface Tunnel100
      - description s2s
      - end
    lock_wait: 60

- name: Roll back a VyOS to the previous revision
  hybridvpn.s2s.cgw_command:
    commands:
      - configure
      - command: rollback 1
        prompt: 'Proceed with reboot\? \[confirm\]'
        answer: "y"
      - exit
"""

RETURN = r"""
stdout:
  description: The output of every command, in order; on a failure, the outputs of the commands sent before it (with O(lock_wait)).
  returned: always
  type: list
  elements: str
  sample: ["IPv4 Crypto IKEv2  SA ..."]
stdout_lines:
  description: Every output split into lines.
  returned: success
  type: list
  elements: list
left_file:
  description: The file O(file_lines) copied to the device, when the task failed (its session may not have deleted it, or
    be out of step after a timeout); for M(hybridvpn.s2s.cgw_restore)'s C(remove_file) on a fresh session.
  returned: failure, when a file was left
  type: str
  sample: "flash:hybridvpn-s2s-0a1b2c3d.cfg"
"""
