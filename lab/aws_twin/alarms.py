# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudWatch alarm evaluation for AWS/VPN alarms, which moto stores but never evaluates.

Exact dimension matching, M-of-N datapoints and TreatMissingData as CloudWatch does; a state change
sends AWS's alarm notification to the SNS topics among the alarm's actions.
"""

from __future__ import annotations

import datetime
import json

from moto.core.utils import utcnow

from lab.aws_twin import gateways

NAMESPACE = "AWS/VPN"
COMPARE = {
    "GreaterThanOrEqualToThreshold": lambda v, t: v >= t,
    "GreaterThanThreshold": lambda v, t: v > t,
    "LessThanThreshold": lambda v, t: v < t,
    "LessThanOrEqualToThreshold": lambda v, t: v <= t,
}
STATISTICS = {
    "Minimum": min, "Maximum": max, "Sum": sum, "SampleCount": len,
    "Average": lambda values: sum(values) / len(values),
}


def _bucket_values(cw, alarm, start: datetime.datetime, end: datetime.datetime) -> list:
    wanted = sorted((d.name, d.value) for d in alarm.dimensions)
    return [m.value for m in cw.get_all_metrics()
            if m.namespace == alarm.namespace and m.name == alarm.metric_name and start <= m.timestamp < end
            and sorted((d.name, d.value) for d in m.dimensions) == wanted and hasattr(m, "value")]


def _notify(ctx, alarm, old_state: str) -> None:
    """Send AWS's alarm notification to the SNS topics among the actions for the new state (moto does not)."""
    actions = {"ALARM": alarm.alarm_actions, "OK": alarm.ok_actions, "INSUFFICIENT_DATA": alarm.insufficient_data_actions}
    if not alarm.actions_enabled:
        return
    message = json.dumps({
        "AlarmName": alarm.name, "AlarmDescription": alarm.description, "AWSAccountId": ctx.account,
        "NewStateValue": alarm.state_value, "NewStateReason": alarm.state_reason, "OldStateValue": old_state,
        "StateChangeTime": alarm.state_updated_timestamp.isoformat(), "Region": ctx.region, "AlarmArn": alarm.alarm_arn,
        "Trigger": {"MetricName": alarm.metric_name, "Namespace": alarm.namespace, "Statistic": alarm.statistic.upper(),
                    "StatisticType": "Statistic", "Dimensions": [{"name": d.name, "value": d.value} for d in alarm.dimensions],
                    "Period": int(alarm.period), "EvaluationPeriods": int(alarm.evaluation_periods),
                    "ComparisonOperator": alarm.comparison_operator, "Threshold": float(alarm.threshold),
                    "TreatMissingData": alarm.treat_missing_data or "missing"},
    })
    subject = '%s: "%s" in %s' % (alarm.state_value, alarm.name, ctx.region)
    for arn in actions[alarm.state_value] or []:
        if arn.startswith("arn:aws:sns:"):
            gateways.notify(ctx, arn, subject[:100], message)


def evaluate_alarms(ctx) -> dict:
    """Evaluate every AWS/VPN alarm of ``ctx`` on the stored datapoints and set its state."""
    cw = gateways.cloudwatch(ctx)
    now = utcnow()
    states = {}
    for alarm in list(cw.alarms.values()):
        if alarm.namespace != NAMESPACE or not alarm.metric_name:
            continue
        period = datetime.timedelta(seconds=int(alarm.period))
        breaches, missing = 0, 0
        for index in range(int(alarm.evaluation_periods)):
            end = now - index * period
            values = _bucket_values(cw, alarm, end - period, end + datetime.timedelta(seconds=1) if index == 0 else end)
            if not values:
                missing += 1
                continue
            breaches += COMPARE[alarm.comparison_operator](STATISTICS[alarm.statistic](values), float(alarm.threshold))
        treat = alarm.treat_missing_data or "missing"
        needed = int(alarm.datapoints_to_alarm or alarm.evaluation_periods)
        if treat == "breaching":
            breaches += missing
        if missing == int(alarm.evaluation_periods) and treat in ("missing", "ignore"):
            state = "INSUFFICIENT_DATA" if treat == "missing" else alarm.state_value
        else:
            state = "ALARM" if breaches >= needed else "OK"
        if state != alarm.state_value:
            old = alarm.state_value
            reason = "Twin evaluation: %d of %d datapoints breaching (%d missing, treated as %s)" % (breaches, alarm.evaluation_periods, missing, treat)
            cw.set_alarm_state(alarm.name, reason, json.dumps({"breaching": breaches, "missing": missing}), state)
            _notify(ctx, alarm, old)
        states[alarm.name] = state
    return states
