# hybridvpn.s2s: the two commands are `make demo` and `make test`; everything else is a piece of them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-done
COLL := .collections/ansible_collections/hybridvpn/s2s
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export PATH := $(CURDIR)/$(BIN):$(PATH)
export PYTHONPATH := $(CURDIR)/.collections

.PHONY: setup demo test unit integration sanity lint clean

setup: $(STAMP) $(COLL)

# Every package must be byte-compiled here: where PYTHONDONTWRITEBYTECODE is set (as on this project's machines)
# nothing is compiled later, and every process would compile boto3, botocore, moto... from source (make test: 11 ->
# 16 minutes). pip compiles one file at a time; compileall on every core does the same ~24k files in less time
# (pip 41 s -> pip --no-compile 20 s + compileall 16 s on 2 cores).
SITE_PACKAGES = $$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
$(STAMP): requirements-dev.txt constraints.txt lab/os-packages.txt
	@lab/setup/setup-os.sh lab/os-packages.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-compile -r requirements-dev.txt -c constraints.txt
	$(BIN)/python -m compileall -q -j 0 $(SITE_PACKAGES) > /dev/null
	@touch $@

$(COLL):
	@mkdir -p $(dir $@)
	@ln -sfn ../../.. $@

demo: setup lab-check lab-up
	$(BIN)/ansible-playbook playbooks/site.yml -i inventories/lab
	@$(MAKE) --no-print-directory lab-sync
	$(BIN)/ansible-playbook playbooks/verify.yml -i inventories/lab
	$(BIN)/ansible-playbook playbooks/audit.yml -i inventories/lab
	$(BIN)/ansible-playbook playbooks/cost_report.yml -i inventories/lab
	$(BIN)/ansible-playbook playbooks/monitor.yml -i inventories/lab
	$(BIN)/ansible-playbook playbooks/report.yml -i inventories/lab
	@echo "The estate on one page: $(CURDIR)/playbooks/reports/vpn-report.html"

# Every tier runs side by side: most of them wait (on twins, BGP timers, probes) far more than they compute.
# The three root-only tiers each bring up their own lab (data-plane tests: pid-named labs; lab-e2e-test: lab
# "e2e" on free ports; awx-lab-test: the demo's lab "s2s" on 5000/2201-2205) and take down only their own.
# The suite is CPU-bound on 2 cores and integration is its longest tier: unit, AWX and molecule run niced (side-tiers)
# so that integration gets the CPU first and they fill the time it leaves. The data-plane tiers are not niced: ESP runs
# in charon's userspace (kernel-libipsec) and a niced charon drops probes under load (lab-e2e's planned drain lost two).
# sanity and lint only read the tree: niced further, they run in the CPU time the waiting tiers leave idle.
test: setup
	$(MAKE) --no-print-directory --output-sync=target -j 5 integration lab-test lab-e2e-test side-tiers static-checks

.PHONY: side-tiers
side-tiers: setup
	nice -n 5 $(MAKE) --no-print-directory --output-sync=target -j 3 unit awx-lab-test molecule

.PHONY: static-checks
static-checks: setup
	nice -n 15 $(MAKE) --no-print-directory sanity lint

unit: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit

integration: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 3 --dist loadfile tests/integration --ignore=tests/integration/dataplane --ignore=tests/integration/lab

# ansible-test needs the collection under ansible_collections/<ns>/<name>: test a copy of the tree.
PIP_BOOTSTRAP := $(HOME)/.ansible/test/cache/get_pip_24_2.py

sanity: setup $(PIP_BOOTSTRAP)
	@lab/setup/ansible-test-tree.sh .build
	cd .build/ansible_collections/hybridvpn/s2s && $(CURDIR)/$(BIN)/ansible-test sanity --color no --python 3.11 --venv

$(PIP_BOOTSTRAP): lab/setup/get-pip-offline.py
	@mkdir -p $(dir $@)
	cp $< $@

# A private ANSIBLE_HOME: a copy of the collection installed in ~/.ansible must not shadow the checkout.
lint: setup
	ANSIBLE_HOME=$(CURDIR)/.build/ansible-home $(BIN)/ansible-lint --profile production --offline
	$(BIN)/antsibull-changelog lint

clean:
	rm -rf .build .collections $(VENV)

# --- AWS twin (issue 3): moto's server plus the VPN fidelity layer, see lab/aws_twin/ -------------
# `make aws-twin` starts it in the background on 127.0.0.1:$(AWS_TWIN_PORT) (pid and endpoint in
# $(AWS_TWIN_STATE)/aws-twin.json); point boto3/Ansible at it with AWS_ENDPOINT_URL and dummy keys.
AWS_TWIN_PORT ?= 5000
# LAB_DIR holds the lab's state (twins' pid files and logs, dataplane_sync's map, the AWS twin's state).
LAB_DIR ?= .lab
AWS_TWIN_STATE ?= $(LAB_DIR)/aws-twin
.PHONY: aws-twin aws-twin-stop twin-test

aws-twin: setup
	$(BIN)/python -m lab.aws_twin start --port $(AWS_TWIN_PORT) --state-dir $(AWS_TWIN_STATE)

aws-twin-stop:
	$(BIN)/python -m lab.aws_twin stop --state-dir $(AWS_TWIN_STATE)

twin-test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/integration/aws_twin

# --- AWS modules (issue 4): customer_gateway, vpn_connection(_info), transit_gateway_vpn_routing --------
# Real ansible-playbook runs against the AWS twin (tests/integration/aws_modules); unit tests of the
# module_utils run with `make unit`. -n 2: the playbooks are independent, each test gets a clean twin.
.PHONY: aws-module-test

aws-module-test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 2 tests/integration/aws_modules

# --- device twins (lab/device_twins): SSH IOS-XE / Junos / VyOS twins Ansible drives over network_cli ---
# `make device-twins` starts every twin of DEVICE_TWINS_SPEC in one background process (pid in .lab/),
# `make device-twins-stop` stops it, `make device-twin-test` runs the real-Ansible tests against fresh twins.
DEVICE_TWINS_SPEC ?= lab/device_twins/lab-twins.yml
.PHONY: device-twins device-twins-stop device-twin-test

device-twins: setup
	@mkdir -p $(LAB_DIR)
	$(BIN)/python -m lab.device_twins start $(DEVICE_TWINS_SPEC) --pid-file $(LAB_DIR)/device-twins.pid --log-file $(LAB_DIR)/device-twins.log

device-twins-stop:
	$(BIN)/python -m lab.device_twins stop --pid-file $(LAB_DIR)/device-twins.pid

device-twin-test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/integration/device_twins

# --- data-plane lab (lab/dataplane): real IKEv2/IPsec + BGP in network namespaces; root only ---
# lab-test: strongSwan/FRR end-to-end tests (skipped with a reason when not root or binaries are missing).
# lab-down: tear down every lab the engine started (namespaces, charon/FRR processes, state dirs), or only
#   the one named LAB_NAME (the demo's is s2s), so that labs running side by side leave each other alone.
LAB_NAME ?=
.PHONY: lab-test lab-down
lab-test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/integration/dataplane

lab-down: setup
	PYTHONPATH=$(CURDIR)/.collections:$(CURDIR) $(BIN)/python -m lab.dataplane down $(if $(LAB_NAME),--lab $(LAB_NAME))

# --- cgw roles (roles/cgw, cgw_ios, cgw_junos, cgw_vyos) against the device twins ---
# `make cgw-test` runs real ansible-playbook with the cgw role on IOS-XE, Junos, VyOS 1.4 and 1.3 twins:
# apply, idempotence, check mode, rejected changes, failed verification (rollback), removal, no key in -vvvv output.
.PHONY: cgw-test

cgw-test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/integration/cgw_roles

# --- lab demo (issue 8): AWS twin + device twins -> lab.dataplane_sync -> data plane -> both twins ---------
# lab-up: fresh AWS twin on $(AWS_TWIN_PORT) and the five device twins of inventories/lab (device state reset).
# lab-sync: build the data-plane spec from both twins, run it (root) and report the real state back to
#   both twins; not root: the spec is still built and checked, the data plane is skipped with a message.
# lab-down (above) also stops the twins and removes dataplane_sync's and the twins' state: nothing left behind.
# lab-e2e-test: tests/integration/lab/test_lab_e2e.py (root; skipped with the reason otherwise): lab "e2e" on free
#   ports, about 5 minutes. awx-lab-test (below) runs the rest of tests/integration/lab on the demo's lab.
LAB_TWINS ?= lab/device_twins/lab-twins.yml
LAB_AWS_URL ?= http://127.0.0.1:$(AWS_TWIN_PORT)
LAB_PY = PYTHONPATH=$(CURDIR)/.collections:$(CURDIR) $(BIN)/python
.PHONY: lab-check lab-up lab-sync lab-twins-down lab-e2e-test

# lab-check: as root (when the data plane will run), stop here unless every program and charon plugin
#   the lab uses is installed, naming the package that is missing.
lab-check: setup
	@if [ "$$(id -u)" -eq 0 ]; then $(LAB_PY) -m lab.dataplane check; fi

lab-up: setup lab-twins-down
	@mkdir -p $(LAB_DIR)
	$(LAB_PY) -m lab.aws_twin start --port $(AWS_TWIN_PORT) --state-dir $(AWS_TWIN_STATE)
	$(LAB_PY) -m lab.device_twins start $(LAB_TWINS) --pid-file $(LAB_DIR)/device-twins.pid --log-file $(LAB_DIR)/device-twins.log

lab-sync: setup
	@if [ "$$(id -u)" -ne 0 ]; then \
	  echo "lab-sync: not root - the data plane (network namespaces, strongSwan, FRR) needs root; building the spec only"; \
	  $(LAB_PY) -m lab.dataplane_sync sync --aws $(LAB_AWS_URL) --twins $(LAB_TWINS) || true; \
	else \
	  $(LAB_PY) -m lab.dataplane_sync sync --aws $(LAB_AWS_URL) --twins $(LAB_TWINS) --up --wait 60 && $(LAB_PY) -m lab.dataplane_sync report; \
	fi

lab-twins-down:
	-@$(LAB_PY) -m lab.aws_twin stop --state-dir $(AWS_TWIN_STATE) 2>/dev/null
	-@$(LAB_PY) -m lab.device_twins stop --pid-file $(LAB_DIR)/device-twins.pid 2>/dev/null
	rm -rf $(LAB_DIR)/dataplane_sync $(LAB_DIR)/device-twins $(LAB_DIR)/device-twins.log $(LAB_DIR)/device-twins.pid $(AWS_TWIN_STATE) $(LAB_DIR)/plan.json

lab-down: lab-twins-down

lab-e2e-test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/integration/lab/test_lab_e2e.py

# --- Molecule (issue 6): one scenario per platform in extensions/molecule/ (cgw_ios, cgw_junos, cgw_vyos) ---
# Each starts the device twins of extensions/molecule/twins.yml (lab/device_twins/molecule/create.yml), runs
# hybridvpn.s2s.cgw with two VPN connections, checks idempotence, verifies the twin's model, a check-mode
# run and removal, then stops the twins. The scenarios share the twins' pid file, so they run one after another.
.PHONY: molecule

molecule: setup
	$(BIN)/molecule test --all

# --- operations (issue 9): monitoring role on the AWS twin, troubleshoot playbook on the twins -----
# monitoring-test: monitor.yml builds alarms/topic/dashboard/logs, converges, check mode, alarms follow reported tunnel state.
# troubleshoot-test: site.yml on the AWS twin + IOS/VyOS twins, state driven through lab.dataplane_sync's report path, diagnoses.
# Both use free ports (no lab lock); both are also part of `make integration`.
.PHONY: monitoring-test troubleshoot-test

monitoring-test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/integration/monitoring tests/unit/plugins/module_utils/ops/test_monitoring.py

troubleshoot-test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/integration/troubleshoot tests/unit/plugins/module_utils/ops/test_diagnose.py

# --- AWX / Automation Platform (issue 9): execution environment, configuration as code, job templates ---
# ee-context: `ansible-builder create` into context/, the collection copied from the checkout (build the image from it with
#   `podman build -f context/Containerfile context` where a container engine runs; this machine has none).
# awx-test: the EE build context and the controller's configuration as code (awx/), no controller needed
#   (also part of `make unit`).
# awx-lab-test: every job template through ansible-runner against the demo's lab (root; its fixed ports 5000/2201-2205
#   mean one at a time, and not beside `make demo`); it takes down only that lab (LAB_NAME=s2s). About 6 minutes.
.PHONY: ee-context awx-test awx-lab-test

ee-context: setup
	rm -rf context
	$(BIN)/ansible-builder create -f execution-environment.yml -c context --output-filename Containerfile

awx-test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit/awx

awx-lab-test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/integration/lab/test_awx_job_templates.py

# --- compliance (issue 7): its tests alone (they also run in `integration`/`unit`), and the benchmark ---
.PHONY: compliance-test bench-compliance
compliance-test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit/plugins/module_utils/audit/test_compliance.py \
	  tests/unit/plugins/module_utils/audit/test_compliance_report.py tests/integration/compliance

bench-compliance: setup
	PYTHONPATH=.collections $(BIN)/python bench/compliance_audit.py --count 1000
