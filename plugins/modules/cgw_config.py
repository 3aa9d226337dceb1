# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the cgw_config action plugin (plugins/action/cgw_config.py does the work in the worker)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: cgw_config
short_description: Work out, push or roll back a customer gateway's config over its network_cli session
version_added: 1.0.0
description:
  - Junos and VyOS compare on the box - load O(config) into the candidate, compare, then commit (or discard in check
    mode). IOS-XE has no candidate - the change is the difference between O(config) and the running config (as
    O(diff_match) says), sent in configuration mode unless in check mode.
  - With O(rollback), loads that rollback point (Junos C(rollback N)), then commits it, or discards it in check mode.
  - Goes through the platform's cliconf plugin, as C(ansible.netcommon.cli_config) does; the C(hybridvpn.s2s) roles
    use it to work out and push their changes.
  - Runs as an action plugin, with no module process per device.
options:
  config:
    description: The configuration lines, in the platform's syntax (IOS-XE children indented by one space).
    type: str
  rollback:
    description: The rollback point to load (Junos).
    type: int
  diff_match:
    description: How IOS-XE compares O(config) with the running config - C(line), C(strict), C(exact), or C(none) to send
      every line. Junos and VyOS compare on the box.
    type: str
    choices: [line, strict, exact, none]
    default: line
  lock_wait:
    description:
      - Take the device's configuration lock for the change - IOS-XE C(configure terminal lock) when the change is sent,
        Junos C(configure exclusive) for the load, compare and commit or discard - waiting up to O(lock_wait) seconds
        while another session holds it; then the task fails with C(device busy), naming the device and the holder.
      - VyOS has no lock for a configuration session (each has its own candidate and a commit takes the commit lock
        itself); the option does nothing there.
      - Unset, no lock is taken; with O(commit_commands) the session takes the lock where the platform has one (Junos)
        and a command the device refuses for its lock (also the VyOS commit lock) is sent again for up to O(lock_wait)
        seconds, unset a refusal fails the task at once.
    type: int
  commit_commands:
    description:
      - Work out and make the change in one configuration session (Junos, VyOS; the C(hybridvpn.s2s.cgw_junos) and
        C(hybridvpn.s2s.cgw_vyos) roles use it) - enter configuration mode with a clean candidate, load O(config),
        compare, then leave discarding the candidate in check mode or when nothing would change; otherwise load
        O(keys) and send these commands, which commit and leave configuration mode (strings, or network_cli command
        dicts with C(command), C(prompt) and C(answer)).
      - One session instead of a check-mode task and a push loading the same lines again; the device sees each line once.
    type: list
    elements: raw
  keys:
    description:
      - Configuration lines carrying keys, loaded with O(commit_commands) after the compare, so the change shown
        never holds a key; never returned, and a device error echoing one of them is reported without that line.
      - Must not change what O(config) sets (the candidate is compared before they are loaded).
    type: str
  load:
    description:
      - How O(commit_commands)' session loads O(config). C(lines) sends each line as a command (Junos all of them in one
        C(load set terminal)).
      - C(file) (VyOS) copies the set lines that end in a quoted value to the device by SCP as a config.boot-style file
        (C(/tmp/hybridvpn-s2s-<token>.config)) and loads them with one C(merge); deletions go one by one before it, other set
        lines one by one after it. A line the merge refuses fails the task (nothing is committed). The file is deleted
        after the session (operational mode C(rm -f)), also when it failed. O(keys) never go in the file.
    type: str
    choices: [lines, file]
    default: lines
notes:
  - Needs C(ansible_connection=ansible.netcommon.network_cli) and C(ansible_network_os) of IOS-XE, Junos or VyOS;
    Junos also over C(ansible.netcommon.netconf) (each command sent as the Junos XML API RPC doing it).
  - Supports check mode and diff mode.
author:
  - hybridvpn.s2s contributors (@hybridvpn)
"""

EXAMPLES = r"""
- name: Work out the change (check mode leaves the device as it was)
  hybridvpn.s2s.cgw_config:
    config: |
      archive
       path flash:archive
       maximum 5
  check_mode: true
  register: plan

- name: Work out the change, then commit-confirm it with the keys in one session (VyOS)
  hybridvpn.s2s.cgw_config:
    config: "{{ config_lines | join('\n') }}"
    keys: "{{ key_lines | join('\n') }}"
    commit_commands:
      - command: commit-confirm 10
        prompt: 'Proceed\? \[confirm\]'
        answer: "y"
      - exit
    lock_wait: 60
  register: push

- name: Discard a Junos candidate
  hybridvpn.s2s.cgw_config:
    rollback: 0
  check_mode: true
"""

RETURN = r"""
commands:
  description: The lines that make the change (IOS-XE; empty when there is none).
  returned: success, on IOS-XE
  type: list
  elements: str
  sample: ["archive", " maximum 5"]
left_file:
  description: The file O(load) copied to the device, when the task failed (its session may not have deleted it, or
    be out of step after a timeout); for M(hybridvpn.s2s.cgw_restore)'s C(remove_file) on a fresh session.
  returned: failure, when a file was left
  type: str
  sample: "flash:hybridvpn-s2s-0a1b2c3d.cfg"
"""
