# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twin's process: moto's real WSGI server with the VPN fidelity layer in front of it.

Every request passes the middleware: control calls (/_twin/) go to control.py; AWS calls get
a fault drawn, the EC2 VPN actions are answered by vpn.py, everything else by moto; each
AWS call lands in the ledger.
"""

from __future__ import annotations

import faulthandler
import json
import logging
import os
import signal
import threading

from werkzeug.serving import make_server
from moto.iam.models import get_account_id_from
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app

from lab.aws_twin import cloudwan, control, lag, moto_fixes, propagation, query, sts, vpn, wire
from lab.aws_twin.faults import Faults
from lab.aws_twin import gateways
from lab.aws_twin.gateways import Context
from lab.aws_twin.ledger import Ledger
from lab.aws_twin.settings import TwinSettings
from lab.aws_twin.telemetry import Telemetry

STATE_FILE = "aws-twin.json"
LOG = logging.getLogger("aws_twin")


class Twin:
    """The WSGI application: fidelity layer in front of moto's DomainDispatcherApplication."""

    def __init__(self, settings: TwinSettings = None):
        self.settings = settings or TwinSettings()
        moto_fixes.install()
        self.moto = DomainDispatcherApplication(create_backend_app)
        self.vpn = vpn.VpnService(self.settings)
        self.cloudwan = cloudwan.CloudWanService(self.vpn)
        self.telemetry = Telemetry(self.vpn)
        self.ledger = Ledger()
        self.faults = Faults()
        self.propagation = propagation.Propagation()

    def __call__(self, environ, start_response):
        body = wire.read_body(environ)
        if environ.get("PATH_INFO", "").startswith(control.PREFIX):
            line, answer = control.handle(self, environ, body)
            return _send(start_response, line, [("Content-Type", "application/json")], json.dumps(answer, default=str).encode())
        call = wire.identify(environ, body)
        routed = call.protocol == "rest-json" and self.cloudwan.route(environ.get("REQUEST_METHOD"), environ.get("PATH_INFO", ""))
        if routed:
            call.action = routed[0]  # faults and the ledger see AWS's operation name
        if environ.get("PATH_INFO", "").startswith("/moto-api"):
            return self.moto(environ, start_response)
        fault = self.faults.draw(call.service, call.action)
        refused = sts.refusal(call.action, call.form) if call.service == "sts" else None
        if fault:
            line, headers, payload = wire.error(call, fault[0], "Injected fault (twin): %s" % fault[0], fault[1])
        elif refused:
            line, headers, payload = wire.error(call, refused[0], refused[1], 400)
        elif call.protocol == "ec2" and call.action in vpn.ACTIONS:
            line, headers, payload = self._vpn(call)
        elif routed:
            line, headers, payload = self._cloudwan(call, environ, body, routed)
        elif call.protocol == "ec2" and call.action in propagation.ACTIONS:
            line, headers, payload = self._answer(call, lambda: self.propagation.handle(self._context(call), call.action,
                                                                                        call.form))
        else:
            line, headers, payload = self._moto(environ, call)
            if call.action == "DescribeRouteTables" and line.startswith("200"):
                payload = self.propagation.decorate(self._context(call), payload)
        status = int(line.split()[0])
        if status < 300 and call.action.startswith("Create"):
            self.faults.note_created(call.service, call.action, lag.created_ids(payload))
        if status < 300 and call.protocol == "ec2" and call.action == "CreateCustomerGateway":
            gateways.record_customer_gateway_fields(self._context(call), call.form, lag.created_ids(payload))
        self.ledger.record(call.service, call.action, status, call.dry_run, fault[0] if fault else None, call.region)
        return _send(start_response, line, headers, payload)

    def _context(self, call) -> Context:
        return Context(get_account_id_from(call.access_key), call.region)

    def _vpn(self, call):
        hidden = self.faults.hidden_for_describe("ec2") if call.action.startswith("Describe") else set()

        def run():
            params = query.parse_request(call.action, call.form)
            handler = vpn.ACTIONS[call.action]
            args = (hidden,) if call.action == "DescribeVpnConnections" else ()
            return handler(self.vpn, self._context(call), params, *args)
        return self._answer(call, run)

    def _cloudwan(self, call, environ, body: bytes, routed):
        """A Network Manager (rest-json) answer from the twin's Cloud WAN attachments."""
        _operation, name, path_params = routed
        params = json.loads(body or b"{}") if environ.get("REQUEST_METHOD") == "POST" else \
            query.form_fields(environ.get("QUERY_STRING", ""))
        try:
            result = getattr(self.cloudwan, name)(self._context(call), params, path_params)
        except query.ApiError as exc:
            return wire.error(call, exc.code, exc.message, exc.status, getattr(exc, "body", None))
        payload = json.dumps(result, default=str).encode("utf-8")
        return "200 OK", [("Content-Type", "application/json"), ("x-amzn-RequestId", query.request_id())], payload

    @staticmethod
    def _answer(call, run):
        """An EC2 XML answer from ``run()``, AWS's error XML for ApiError, a 500 for twin bugs."""
        req_id = query.request_id()
        try:
            result = run()
        except query.ApiError as exc:
            return wire.error(call, exc.code, exc.message, exc.status)
        except Exception:  # pylint: disable=broad-except
            # A twin bug must look like AWS's 500, not like an HTML page boto3 cannot parse.
            LOG.exception("fidelity layer failed on %s", call.action)
            return wire.error(call, "InternalError", "The twin failed on %s; see its log" % call.action, 500)
        return "200 OK", [("Content-Type", "text/xml")], query.render_response(call.action, result, req_id)

    def _moto(self, environ, call):
        hidden = set()
        if call.protocol == "ec2" and call.action.startswith("Describe"):
            hidden = self.faults.hidden_for_describe("ec2")
            named = lag.named(call.form, hidden)
            if named:
                return wire.error(call, lag.not_found_code(named), "The ID '%s' does not exist" % named, 400)
        try:
            self.vpn.guard_delete(self._context(call), call.action, call.form)
        except query.ApiError as exc:
            return wire.error(call, exc.code, exc.message, exc.status)
        captured = {}

        def capture(status, headers, exc_info=None):  # pylint: disable=unused-argument
            captured["line"], captured["headers"] = status, headers

        chunks = self.moto(environ, capture)
        try:
            payload = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        return captured["line"], headers, lag.strip(payload, hidden)


def _send(start_response, line: str, headers: list, payload: bytes):
    start_response(line, list(headers) + [("Content-Length", str(len(payload)))])
    return [payload]


def serve(host: str = "127.0.0.1", port: int = 5000, state_dir: str = None, settings: TwinSettings = None) -> None:
    """Run the twin until SIGTERM/SIGINT; port 0 picks a free port, written to <state_dir>/aws-twin.json."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    twin = Twin(settings)
    server = make_server(host, port, twin, threaded=True, request_handler=MotoRequestHandler)
    actual = server.socket.getsockname()[1]
    os.environ.setdefault("MOTO_PORT", str(actual))
    twin.telemetry.start()
    if state_dir:
        os.makedirs(state_dir, exist_ok=True)
        path = os.path.join(state_dir, STATE_FILE)
        with open(path + ".tmp", "w", encoding="utf-8") as handle:
            json.dump({"pid": os.getpid(), "host": host, "port": actual,
                       "endpoint_url": "http://%s:%d" % (host, actual)}, handle)
        os.replace(path + ".tmp", path)

    def stop(_signum, _frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    faulthandler.register(signal.SIGUSR1)  # thread dump into the log when a stop hangs (client.py sends it)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        twin.telemetry.stop()
        if state_dir:
            try:
                os.unlink(os.path.join(state_dir, STATE_FILE))
            except FileNotFoundError:
                pass
