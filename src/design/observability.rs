//! Observability: SLOs from the targets, multi-window multi-burn-rate alerts
//! (threshold = burn × (1 − SLO)), a metrics table with thresholds, log
//! retention from compliance, trace sampling from a trace budget.

use super::context::Ctx;
use super::math;
use super::model::*;
use super::vocab::Vocab;
use crate::numfmt;

pub fn plan(
    ctx: &Ctx,
    comps: &[Component],
    cap: &Capacity,
    has_cache: bool,
    has_queue: bool,
    tier: DrTier,
) -> Observability {
    let d = &ctx.rules.defaults;
    let period = ctx.rules.slo.period_days;
    let slo = ctx.availability.value;
    let budget_pct = 100.0 - slo;
    // Minutes of budget on the one month length every other figure uses
    // (730 h), so the SLO table, the deploy strategy and the availability
    // section state the same number.
    let budget_min = budget_pct / 100.0 * numfmt::HOURS_PER_MONTH * 60.0;
    // A max (p100) latency target cannot be an objective: 100% leaves no
    // error budget. It is measured at p99.9 and the max becomes the timeout.
    let latency_obj = if ctx.latency_pct >= 100 {
        99.9
    } else {
        ctx.latency_pct as f64
    };
    let tool = |id: &str| {
        comps
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.service.clone())
            .unwrap_or_default()
    };
    let metrics_tool = tool("metrics");
    let v = Vocab::of(comps);
    let slos = vec![
        Slo {
            name: "availability".into(),
            sli: format!("share of requests answered without a 5xx at {}", v.entry),
            objective: ctx.availability.figure("percent"),
            period_days: period,
            error_budget_pct: round(budget_pct, 6),
            error_budget_min: round(budget_min, 2),
        },
        Slo {
            name: "latency".into(),
            sli: format!(
                "share of requests served within {} ms",
                numfmt::trim(ctx.latency_ms.value)
            ),
            objective: Figure {
                value: latency_obj,
                unit: "percent".into(),
                basis: vec![ctx.latency_ms.basis.clone()],
                formula: Some(if ctx.latency_pct >= 100 {
                    format!(
                        "max ≤ {} ms read as {}% of requests within {} ms (a 100% objective has no error budget; the max is the timeout)",
                        numfmt::trim(ctx.latency_ms.value),
                        numfmt::trim(latency_obj),
                        numfmt::trim(ctx.latency_ms.value)
                    )
                } else {
                    format!(
                        "p{} ≤ {} ms ⇒ {}% of requests within {} ms",
                        ctx.latency_pct,
                        numfmt::trim(ctx.latency_ms.value),
                        ctx.latency_pct,
                        numfmt::trim(ctx.latency_ms.value)
                    )
                }),
            },
            period_days: period,
            error_budget_pct: round(100.0 - latency_obj, 6),
            // A latency SLO's budget is a share of requests, not minutes of
            // outage: there is no time figure to state.
            error_budget_min: 0.0,
        },
    ];
    let mut burn = Vec::new();
    let mut alerts = Vec::new();
    for w in &ctx.rules.burn_window {
        let t = math::burn_threshold_pct(slo, w.burn);
        let formula = format!(
            "{} × (100% − {}%) = {}%",
            numfmt::trim(w.burn),
            numfmt::trim(slo),
            numfmt::trim(round(t, 6))
        );
        burn.push(BurnRateAlert {
            slo: "availability".into(),
            severity: w.severity,
            long_window: w.long.clone(),
            short_window: w.short.clone(),
            burn_rate: w.burn,
            budget_consumed_pct: w.budget_pct,
            error_rate_threshold_pct: round(t, 6),
            formula: formula.clone(),
            source: w.source.clone(),
        });
        alerts.push(AlertSpec {
            name: format!(
                "SLO burn {}× ({}/{})",
                numfmt::trim(w.burn),
                w.long,
                w.short
            ),
            condition: format!(
                "5xx ratio > {}% over {} AND over {}{}",
                numfmt::trim(round(t, 6)),
                w.long,
                w.short,
                if t >= 100.0 {
                    " (unreachable at this SLO: alert on the slower windows)"
                } else {
                    ""
                }
            ),
            severity: w.severity,
            notification: w.severity.notification().to_string(),
        });
    }
    alerts.push(AlertSpec {
        name: "Latency SLO".into(),
        condition: format!(
            "p{} latency > {} ms for 10 min",
            ctx.latency_pct,
            numfmt::trim(ctx.latency_ms.value)
        ),
        severity: AlertSeverity::Page,
        notification: AlertSeverity::Page.notification().to_string(),
    });
    let page_t = math::burn_threshold_pct(
        slo,
        ctx.rules
            .burn_window
            .first()
            .map(|w| w.burn)
            .unwrap_or(14.4),
    );
    let u = ctx.utilisation.value;
    let mut metrics = vec![
        MetricSpec {
            name: "request_rate".into(),
            description: "requests per second at the entry point".into(),
            threshold: format!(
                "> {} rps (peak design load) for 5 min ⇒ ticket",
                numfmt::trim(cap.peak_rps.value)
            ),
            tool: metrics_tool.clone(),
            why: cap.peak_rps.basis.clone(),
        },
        MetricSpec {
            name: "error_ratio_5xx".into(),
            description: "share of 5xx responses".into(),
            threshold: format!(
                "> {}% over 1 h and 5 min ⇒ page",
                numfmt::trim(round(page_t, 6))
            ),
            tool: metrics_tool.clone(),
            why: vec![ctx.availability.basis.clone()],
        },
        MetricSpec {
            name: format!("latency_p{}", ctx.latency_pct),
            description: "request latency at the target percentile".into(),
            threshold: format!(
                "> {} ms for 10 min ⇒ page",
                numfmt::trim(ctx.latency_ms.value)
            ),
            tool: metrics_tool.clone(),
            why: vec![ctx.latency_ms.basis.clone()],
        },
    ];
    if cap.static_stability.applies || cap.min_instances > 0 {
        metrics.push(MetricSpec {
            name: "cpu_utilisation".into(),
            description: "average CPU of application instances".into(),
            threshold: format!(
                "> {}% for 15 min while at max instances ⇒ page",
                numfmt::trim(u + (100.0 - u) / 2.0)
            ),
            tool: metrics_tool.clone(),
            why: vec![ctx.utilisation.basis.clone()],
        });
        metrics.push(MetricSpec {
            name: "healthy_instances".into(),
            description: "instances passing health checks".into(),
            threshold: format!(
                "< {} (the static-stability minimum) for 5 min ⇒ page",
                cap.min_instances
            ),
            tool: metrics_tool.clone(),
            why: vec![ctx.concurrency.basis.clone()],
        });
    }
    if comps.iter().any(|c| c.id == "db") {
        metrics.push(MetricSpec {
            name: "db_cpu".into(),
            description: "database CPU".into(),
            threshold: format!(
                "> {}% for 30 min ⇒ ticket (vertical scaling)",
                numfmt::trim(u + (100.0 - u) / 2.0)
            ),
            tool: metrics_tool.clone(),
            why: vec![ctx.utilisation.basis.clone()],
        });
        metrics.push(MetricSpec {
            name: "db_storage_free".into(),
            description: "free database storage".into(),
            threshold: format!(
                "< 20% of {} GB ⇒ ticket",
                numfmt::trim(ctx.storage_gb.value)
            ),
            tool: metrics_tool.clone(),
            why: vec![ctx.storage_gb.basis.clone()],
        });
        if tier >= DrTier::PilotLight {
            metrics.push(MetricSpec {
                name: "replica_lag".into(),
                description: "replication lag to the recovery region".into(),
                threshold: format!(
                    "> {} s (half the RPO) ⇒ page",
                    numfmt::trim((ctx.rpo_s.value / 2.0).round())
                ),
                tool: metrics_tool.clone(),
                why: vec![ctx.rpo_s.basis.clone()],
            });
        }
    }
    if has_cache {
        metrics.push(MetricSpec {
            name: "cache_hit_ratio".into(),
            description: "share of reads served by the cache".into(),
            threshold: "< 80% for 30 min ⇒ ticket".into(),
            tool: metrics_tool.clone(),
            why: vec![ctx.latency_ms.basis.clone()],
        });
    }
    if has_queue {
        metrics.push(MetricSpec {
            name: "queue_oldest_message_age".into(),
            description: "age of the oldest unprocessed message".into(),
            threshold: format!(
                "> {} s ⇒ page",
                numfmt::trim((ctx.latency_ms.value / 1000.0 * 100.0).ceil().max(60.0))
            ),
            tool: metrics_tool.clone(),
            why: vec![ctx.latency_ms.basis.clone()],
        });
        metrics.push(MetricSpec {
            name: "dead_letter_messages".into(),
            description: "messages in the dead-letter queue".into(),
            threshold: "> 0 ⇒ ticket".into(),
            tool: metrics_tool.clone(),
            why: vec![],
        });
    }
    // Log retention: the longest any stated framework requires, else the default.
    let mut retention = d.log_retention_days;
    let mut hot = d.log_retention_days;
    let mut why = vec![];
    let mut text = format!(
        "{} days (default operational retention)",
        d.log_retention_days
    );
    for (f, ids) in &ctx.frameworks {
        if f.log_retention_days > retention {
            retention = f.log_retention_days;
            hot = f.log_hot_days.min(retention);
            text = match f.name.as_str() {
                "PCI-DSS" => format!(
                    "{retention} days (PCI DSS 10.5.1: 12 months), the last {hot} days searchable (3 months immediately available); older logs in the write-once archive"
                ),
                "HIPAA" => format!(
                    "{retention} days (6 years, HIPAA documentation retention, unverified K), the last {hot} days searchable"
                ),
                _ => format!(
                    "{retention} days ({} audit period), the last {hot} days searchable",
                    f.name
                ),
            };
            why = ids.clone();
        }
    }
    if ctx.frameworks.iter().any(|(f, _)| f.name == "GDPR") {
        text.push_str("; personal data in logs pseudonymised (GDPR storage limitation)");
    }
    let logging = Logging {
        aggregation: tool("logs"),
        levels: vec![
            LogLevel { level: "ERROR".into(), what: "failed requests and jobs with trace id; pages only through SLO alerts".into() },
            LogLevel { level: "WARN".into(), what: "retries, degraded dependencies (cache miss storms, slow queries)".into() },
            LogLevel { level: "INFO".into(), what: "one line per request: route, status, latency, trace id; deploy and config events".into() },
            LogLevel { level: "DEBUG".into(), what: "off in production; enabled per service for a bounded time".into() },
        ],
        format: "JSON lines with timestamp, level, service, trace_id, span_id, request_id; no secrets or raw personal data".into(),
        retention_days: retention,
        hot_days: hot,
        retention_text: text,
        why: why.into_iter().collect::<Vec<_>>(),
    };
    let rate = (d.trace_budget_per_s / cap.peak_rps.value.max(1e-9)).min(1.0);
    let sampling_pct = round(rate * 100.0, 3);
    let tracing = Tracing {
        tool: tool("tracing"),
        sampling_pct,
        sampling_text: format!(
            "{}% head sampling = min(100%, {} traces/s ÷ {} rps peak), plus every error and every request slower than {} ms",
            numfmt::trim(sampling_pct),
            numfmt::trim(d.trace_budget_per_s),
            numfmt::trim(cap.peak_rps.value),
            numfmt::trim(ctx.latency_ms.value)
        ),
        retention_days: retention.min(30),
        why: vec![ctx.throughput.basis.clone(), ctx.latency_ms.basis.clone()],
    };
    let mut dashboards = vec![
        Dashboard {
            name: "Service SLO".into(),
            purpose: "error budget remaining and burn rate per window".into(),
            panels: vec![
                format!("availability vs {}%", numfmt::trim(slo)),
                "burn rate 1 h / 6 h / 24 h / 72 h".into(),
                format!(
                    "p{} latency vs {} ms",
                    ctx.latency_pct,
                    numfmt::trim(ctx.latency_ms.value)
                ),
            ],
        },
        Dashboard {
            name: "Capacity".into(),
            purpose: "load against the Little's-law sizing".into(),
            panels: vec![
                format!(
                    "request rate vs {} rps design peak",
                    numfmt::trim(cap.peak_rps.value)
                ),
                format!(
                    "{} vs {}–{}",
                    v.units(),
                    cap.min_instances,
                    cap.max_instances
                ),
                if v.functions_only {
                    "duration, throttles and errors per function".into()
                } else {
                    "CPU and memory per instance".into()
                },
            ],
        },
    ];
    if comps.iter().any(|c| c.id == "db") {
        dashboards.push(Dashboard {
            name: "Data tier".into(),
            purpose: "database health and recovery readiness".into(),
            panels: vec![
                "CPU, connections, storage free".into(),
                "replication lag vs RPO".into(),
                "last successful backup and restore test".into(),
            ],
        });
    }
    Observability {
        slos,
        burn_rate_alerts: burn,
        metrics,
        alerts,
        logging,
        tracing,
        dashboards,
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}
