//! IA504 missing-observability-part: the rule, its documentation ([`DOC`], which `infrarch rule IA504` prints) and its tests.

use super::missing_parts;
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA504",
    name: "missing-observability-part",
    severity: Severity::Error,
    summary: "Observability does not cover logging, metrics or alerting",
    help: "say where logs go and for how long, which metrics with which thresholds, and who is alerted how",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks that §8 Observability covers logging, metrics and alerting (tracing and
dashboards are optional). A part counts when a sub-heading names it (and has
content), or when the section's text talks about it (logs; metrics, Prometheus,
CloudWatch, SLO; alerts, paging, on-call). A missing part is reported after the
section's last line; a missing or empty §8 is IA501/IA502's finding.

## Why is this bad?
"Design for observability": without logs you cannot debug, without metrics you
cannot see the SLO, and without alerting nobody learns the SLO is being missed.

## Example
```markdown
## 8. Observability
Comprehensive monitoring with Datadog.
```
Use instead: 8.1 Logging (JSON logs to CloudWatch, 30 days), 8.2 Metrics (p95
latency, 5xx rate, queue depth), 8.4 Alerting (5xx > 1% for 5 min pages on-call).
"####
);

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    missing_parts(ctx, 8, out);
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            ("## 8. Observability\n\nWe use Datadog.\n", 2),
            (
                "## 8. Observability\n\n- Logs: CloudWatch, 30 days\n- Metrics: p95 latency\n- Alerts page on-call via PagerDuty\n",
                0,
            ),
            (
                "## 8. Observability\n\n### 8.1 Logging\n\nJSON to Loki.\n\n### 8.2 Metrics\n\nPrometheus.\n\n### 8.4 Alerting\n\nAlertmanager to Slack.\n",
                0,
            ),
        ];
        for (text, n) in table {
            assert_eq!(run("IA504", text).len(), *n, "{text}");
        }
    }
}
