//! Section 8, Observability: logging, metrics with SLOs, tracing, alerting with the
//! burn-rate arithmetic, dashboards.

use super::{Input, figure, nested, refs};
use crate::numfmt;
use crate::render::Doc;

pub fn render(d: &mut Doc, x: &Input) {
    let o = &x.design.observability;
    d.h2("8. Observability");

    d.h3("8.1 Logging");
    let l = &o.logging;
    let levels: Vec<String> = l
        .levels
        .iter()
        .map(|lv| format!("`{}`: {}", lv.level, lv.what))
        .collect();
    d.bullets(&[
        format!("**Log Aggregation:** {}{}", l.aggregation, refs(&l.why)),
        if levels.is_empty() {
            "**Log Levels:** the application's defaults".to_string()
        } else {
            nested("**Log Levels:**", &levels)
        },
        format!("**Log Retention:** {}", l.retention_text),
        format!("**Structured Logging:** {}", l.format),
    ]);

    d.h3("8.2 Metrics");
    let rows: Vec<Vec<String>> = o
        .metrics
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                format!("{}{}", m.description.trim_end_matches('.'), refs(&m.why)),
                m.threshold.clone(),
                m.tool.clone(),
            ]
        })
        .collect();
    d.table_or(
        &["Metric", "Description", "Alert Threshold", "Tool"],
        &rows,
        "No metric beyond the SLOs below.",
    );
    if !o.slos.is_empty() {
        d.para("Service level objectives the alerts protect:");
        let rows: Vec<Vec<String>> = o
            .slos
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    s.sli.clone(),
                    figure(&s.objective),
                    // One month length in every figure (numfmt::HOURS_PER_MONTH).
                    "monthly (730 h)".to_string(),
                    if s.error_budget_min > 0.0 {
                        format!(
                            "{}% = {} min",
                            numfmt::trim(s.error_budget_pct),
                            numfmt::trim((s.error_budget_min * 10.0).round() / 10.0)
                        )
                    } else {
                        format!("{}% of requests", numfmt::trim(s.error_budget_pct))
                    },
                ]
            })
            .collect();
        d.table(
            &["SLO", "SLI", "Objective", "Window", "Error budget"],
            &rows,
        );
    }

    d.h3("8.3 Tracing");
    let t = &o.tracing;
    d.bullets(&[
        format!("**Distributed Tracing:** {}{}", t.tool, refs(&t.why)),
        format!("**Trace Sampling:** {}", t.sampling_text),
        format!("**Trace Retention:** {} days", t.retention_days),
    ]);

    d.h3("8.4 Alerting");
    let rows: Vec<Vec<String>> = o
        .alerts
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                a.condition.clone(),
                a.severity.to_string(),
                a.notification.clone(),
            ]
        })
        .collect();
    d.table_or(
        &["Alert", "Condition", "Severity", "Notification"],
        &rows,
        "No alert is configured.",
    );
    if !o.burn_rate_alerts.is_empty() {
        d.para("Burn-rate thresholds (an alert fires when both windows exceed the error rate):");
        let items: Vec<String> = o
            .burn_rate_alerts
            .iter()
            .map(|b| {
                format!(
                    "{} {}: {}× burn over {} and {} → error rate above {}% ({}); {}% of the budget is spent when it fires. Source: {}",
                    b.slo,
                    b.severity,
                    numfmt::trim(b.burn_rate),
                    b.long_window,
                    b.short_window,
                    numfmt::trim(b.error_rate_threshold_pct),
                    b.formula,
                    numfmt::trim(b.budget_consumed_pct),
                    b.source
                )
            })
            .collect();
        d.bullets(&items);
    }

    d.h3("8.5 Dashboards");
    let items: Vec<String> = o
        .dashboards
        .iter()
        .map(|db| {
            let panels = if db.panels.is_empty() {
                String::new()
            } else {
                format!(" Panels: {}.", db.panels.join(", "))
            };
            format!("**{}:** {}{panels}", db.name, super::sentence(&db.purpose))
        })
        .collect();
    if items.is_empty() {
        d.para("The provider's default service dashboards cover the metrics of 8.2; no custom dashboard is needed.");
    } else {
        d.bullets(&items);
    }
}
