//! Deployment strategy (chosen by how much of the error budget one bad release
//! may burn), environments with sizes and costs, IaC, containerization,
//! rollout, rollback, runbooks, incident response, maintenance, governance.

use super::context::Ctx;
use super::math;
use super::model::*;
use super::vocab::Vocab;
use crate::numfmt;
use crate::numfmt::duration;

pub fn deployment(
    ctx: &mut Ctx,
    pkind: PlatformKind,
    comps: &[Component],
    cap: &Capacity,
    zones: u32,
    cost: &Cost,
    multi_region: bool,
) -> Deployment {
    let r = &ctx.rules.deploy;
    let (det, rb, sw, share, max) = (
        r.detection_min,
        r.rolling_rollback_min,
        r.blue_green_switch_min,
        r.canary_share,
        r.max_budget_share,
    );
    let timing = ctx.assume(
        "release failure timings",
        format!("detected in {} min, rolling rollback {} min, blue/green switch-back {} min, canary step {}% of traffic", numfmt::trim(det), numfmt::trim(rb), numfmt::trim(sw), numfmt::trim(share * 100.0)),
        format!("detection = the 5-minute short window of the fastest burn-rate page; one bad release may use at most {}% of a month's error budget", numfmt::trim(max * 100.0)),
    );
    let budget_min = math::downtime_min_per_month(ctx.availability.value);
    let options = [
        (DeployStrategy::Rolling, "Rolling update", det + rb),
        (DeployStrategy::BlueGreen, "Blue/green", det + sw),
        (DeployStrategy::Canary, "Canary", share * (det + sw)),
    ];
    let use_of = |exposure: f64| {
        if budget_min > 0.0 {
            exposure / budget_min
        } else {
            f64::INFINITY
        }
    };
    let chosen = options
        .iter()
        .find(|o| use_of(o.2) <= max)
        .unwrap_or(&options[2]);
    let alternatives = options
        .iter()
        .filter(|o| o.0 != chosen.0)
        .map(|o| Alternative {
            option: o.1.to_string(),
            why_not: if use_of(o.2) > max {
                format!(
                    "a bad release would burn {}% of the {} min monthly budget (> {}%)",
                    numfmt::trim((use_of(o.2) * 1000.0).round() / 10.0),
                    numfmt::trim((budget_min * 100.0).round() / 100.0),
                    numfmt::trim(max * 100.0)
                )
            } else {
                "more machinery than the error budget requires".to_string()
            },
        })
        .collect();
    let rationale = format!(
        "Error budget at {}% = {} min/month; a bad release under {} exposes {} full-traffic minutes = {}% of it (limit {}%)",
        numfmt::trim(ctx.availability.value),
        numfmt::trim((budget_min * 100.0).round() / 100.0),
        chosen.1.to_lowercase(),
        numfmt::trim((chosen.2 * 100.0).round() / 100.0),
        numfmt::trim((use_of(chosen.2) * 1000.0).round() / 10.0),
        numfmt::trim(max * 100.0)
    );
    let steps = match chosen.0 {
        DeployStrategy::Rolling => vec![
            "Build, test and scan the image; push to the registry by digest".into(),
            format!("Replace instances one zone at a time, keeping at least {} healthy (the static-stability minimum)", cap.static_stability.per_zone.max(1) * zones.saturating_sub(1).max(1)),
            "Halt and roll back automatically when the 1 h / 5 m burn-rate alert or a health check fails".into(),
        ],
        DeployStrategy::BlueGreen => vec![
            "Build, test and scan the image; deploy it as the idle (green) stack at full minimum capacity".into(),
            "Run smoke tests against green through a test listener".into(),
            format!("{}; keep blue running for 1 h", switch_to(comps, "green", false)),
            format!("Switch back within {} min if the burn-rate page fires; otherwise retire blue", numfmt::trim(sw)),
        ],
        DeployStrategy::Canary => vec![
            "Build, test and scan the image; deploy it alongside the current version".into(),
            format!("Send {}% of traffic to the canary for 30 min; compare its 5xx ratio and p{} latency with the baseline", numfmt::trim(share * 100.0), ctx.latency_pct),
            "Promote to 25%, then 100%, each step gated on the same comparison".into(),
            "Abort and shift all traffic back automatically on a failed gate or burn-rate page".into(),
        ],
    };
    let app_count = comps
        .iter()
        .find(|c| c.id == "app")
        .map(|c| c.count)
        .unwrap_or(1)
        .max(1) as f64;
    let staging_instances = if pkind == PlatformKind::Functions {
        0.0
    } else {
        zones as f64
    };
    // Non-production environments carry no user traffic: usage-billed lines
    // (egress, requests, messages) are left out, and so is the second region.
    let usage_units = [
        "gb",
        "edge_gb",
        "processed_gb",
        "million_requests",
        "tib",
        "lcu_hour",
        "gb_second",
    ];
    let is_fixed = |l: &&CostLine| !usage_units.contains(&l.unit.as_str());
    let regions_div = if multi_region { 2.0 } else { 1.0 };
    let fixed_total: f64 = cost
        .lines
        .iter()
        .filter(is_fixed)
        .filter(|l| l.component != "app" && !l.component.starts_with("dr-"))
        .map(|l| l.monthly)
        .sum();
    let fixed_app: f64 = cost
        .lines
        .iter()
        .filter(is_fixed)
        .filter(|l| l.component == "app")
        .map(|l| l.monthly)
        .sum();
    let per_instance = fixed_app / app_count;
    let staging = math::cents(fixed_total / regions_div + per_instance * staging_instances);
    let db_fixed: f64 = cost
        .lines
        .iter()
        .filter(is_fixed)
        .filter(|l| l.component == "db")
        .map(|l| l.monthly)
        .sum::<f64>()
        / regions_div;
    let db_multi = comps
        .iter()
        .find(|c| c.id == "db")
        .is_some_and(|c| c.placement.zones >= 2);
    let lb_fixed: f64 = cost
        .lines
        .iter()
        .filter(is_fixed)
        .filter(|l| l.component == "lb" || l.component == "dns")
        .map(|l| l.monthly)
        .sum::<f64>()
        / regions_div;
    let dev =
        math::cents(per_instance + if db_multi { db_fixed / 2.0 } else { db_fixed } + lb_fixed);
    let envs = vec![
        Environment {
            name: "Development".into(),
            purpose: "Feature work and integration against real managed services".into(),
            configuration: format!("single zone; 1 application instance; smallest single-zone database; no WAF, cache replicas or DR copies; ≈ {}/month", numfmt::usd(dev)),
            access: "developers via SSO; deploys from any branch through CI".into(),
            monthly_cost: dev,
        },
        Environment {
            name: "Staging".into(),
            purpose: "Pre-production: same topology as production, release rehearsal, restore tests".into(),
            configuration: format!("same services and zones as production ({} zone(s), 1 instance per zone), one region, no DR copies; ≈ {}/month", zones, numfmt::usd(staging)),
            access: "CI deploys from main; engineers read-only; no production data".into(),
            monthly_cost: staging,
        },
        Environment {
            name: "Production".into(),
            purpose: "Live traffic".into(),
            configuration: format!("as designed: {}–{} instances, {} zone(s){}; {}/month", cap.min_instances, cap.max_instances, zones, if multi_region { " in 2 regions" } else { "" }, numfmt::usd(cost.total_monthly)),
            access: "changes only through the CI pipeline; on-call read-only via SSO; break-glass admin with MFA".into(),
            monthly_cost: cost.total_monthly,
        },
    ];
    let registry = comps
        .iter()
        .find(|c| c.id == "registry")
        .map(|c| c.service.clone());
    let containerization = match pkind {
        PlatformKind::Functions => Containerization {
            runtime: "function packages built by CI (container image packaging where the platform supports it)".into(),
            registry: registry.unwrap_or_else(|| "function artifacts in the CI artifact store".into()),
            image_policy: vec!["one immutable artifact per commit, promoted unchanged from staging to production".into(), "dependencies scanned in CI".into()],
            orchestration: comps.iter().find(|c| c.id == "app").map(|c| c.service.clone()).unwrap_or_default(),
        },
        _ => Containerization {
            runtime: "OCI images, one per service, non-root, minimal base image".into(),
            registry: registry.unwrap_or_default(),
            image_policy: vec!["immutable tags; deploy by digest".into(), "vulnerability scan on push blocks critical findings".into(), "base images rebuilt weekly".into()],
            orchestration: comps.iter().find(|c| c.id == "cluster").or_else(|| comps.iter().find(|c| c.id == "app")).map(|c| c.service.clone()).unwrap_or_default(),
        },
    };
    let iac_rows: Vec<_> = ctx.cat.rows_for("iac").cloned().collect();
    let (iac_choice, iac_why) = match ctx.project.iac_tool.clone() {
        Some(t) => (
            iac_rows
                .iter()
                .find(|r| {
                    r.service
                        .to_ascii_lowercase()
                        .contains(&t.to_ascii_lowercase())
                })
                .map(|r| format!("{} — {}", r.service, r.config))
                .unwrap_or(t),
            vec![Provenance::from("infrarch.toml iac_tool")],
        ),
        None => {
            let first = iac_rows
                .first()
                .map(|r| format!("{} — {}", r.service, r.config))
                .unwrap_or_else(|| "Terraform".into());
            let a = ctx.assume("IaC tool", first.clone(), "no project setting; Terraform covers every provider in the catalog and the CI role applies it per environment".into());
            (first, vec![a])
        }
    };
    let iac = Decision {
        choice: iac_choice.clone(),
        rationale: "every resource in this design is declared in code, reviewed in pull requests and applied by the CI deployer role; drift is detected nightly".into(),
        why: iac_why,
        alternatives: iac_rows
            .iter()
            .filter(|r| !iac_choice.starts_with(&r.service))
            .map(|r| Alternative { option: r.service.clone(), why_not: "not the project's tool; ties the code to one provider or a second toolchain".into() })
            .chain(std::iter::once(Alternative { option: "console changes".into(), why_not: "not reviewable or repeatable; staging would drift from production".into() }))
            .collect(),
    };
    let ci = comps
        .iter()
        .find(|c| c.id == "cicd")
        .map(|c| c.service.clone())
        .unwrap_or_default();
    Deployment {
        strategy: chosen.0,
        decision: Decision {
            choice: chosen.1.to_string(),
            rationale,
            why: vec![ctx.availability.basis.clone(), timing],
            alternatives,
        },
        steps,
        environments: envs,
        containerization,
        iac,
        ci_cd: format!(
            "{ci}: build → unit tests → image scan → deploy to staging → smoke and load tests → manual approval → production ({})",
            chosen.1.to_lowercase()
        ),
    }
}

#[allow(clippy::too_many_arguments)]
/// The step that moves traffic to a stack, on the entry point the plan
/// has: the load balancer's listener, the API gateway's stage, or the
/// platform's own traffic split.
fn switch_to(comps: &[Component], stack: &str, back: bool) -> String {
    let v = Vocab::of(comps);
    let b = if back { " back" } else { "" };
    if v.lb {
        format!("Switch the load balancer{b} to {stack}")
    } else if v.functions_only || comps.iter().any(|c| c.role == Role::ApiGateway) {
        format!(
            "Point {}{b} at the {stack} version (stage or function version)",
            v.entry
        )
    } else {
        format!("Shift all traffic{b} to the {stack} revision")
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[allow(clippy::too_many_arguments)]
pub fn operations(
    ctx: &mut Ctx,
    comps: &[Component],
    dep: &Deployment,
    drp: &DisasterRecovery,
    obs: &Observability,
    pkind: PlatformKind,
    has_db: bool,
    db_ha: bool,
    multi_region: bool,
) -> Operations {
    let cad = ctx.cadence_basis.clone();
    let page = obs
        .burn_rate_alerts
        .first()
        .map(|a| a.error_rate_threshold_pct)
        .unwrap_or(0.0);
    let migration = match &ctx.project.existing_system {
        None => Migration {
            greenfield: true,
            strategy: "Greenfield: no existing infrastructure to migrate; everything is created by IaC, staging first.".into(),
            why: vec!["infrarch.toml has no existing_system".into()],
        },
        Some(existing) => Migration {
            greenfield: false,
            strategy: format!(
                "Existing system ({existing}): run the new stack in parallel, replicate data into it{}, shift traffic with weighted DNS 5% → 25% → 100%, keep the old stack warm for one week as the rollback target",
                if has_db { " (logical replication or the provider's migration service)" } else { "" }
            ),
            why: vec!["infrarch.toml existing_system".into()],
        },
    };
    let mut rollout = vec![
        RolloutPhase {
            name: "1. Foundation".into(),
            scope: "network, IAM roles, secrets, logging/metrics, IaC state, CI pipeline".into(),
            exit_criteria: "IaC applies cleanly twice with no diff; audit log flowing".into(),
        },
        RolloutPhase {
            name: "2. Staging".into(),
            scope: "the full stack in staging; restore test of the database backup".into(),
            exit_criteria: format!(
                "load test holds {} rps at p{} ≤ {} ms; restore completes within the {} RTO",
                numfmt::trim(ctx.peak_rps()),
                ctx.latency_pct,
                numfmt::trim(ctx.latency_ms.value),
                duration(ctx.rto_s.value)
            ),
        },
        RolloutPhase {
            name: "3. Production dark".into(),
            scope: "production stack at minimum capacity, synthetic checks only".into(),
            exit_criteria:
                "SLO dashboards and burn-rate alerts verified by a controlled error injection"
                    .into(),
        },
        RolloutPhase {
            name: "4. Traffic".into(),
            scope: format!("real traffic via {}", dep.decision.choice.to_lowercase()),
            exit_criteria: format!(
                "7 days within the {}% SLO",
                numfmt::trim(ctx.availability.value)
            ),
        },
    ];
    if drp.tier >= DrTier::PilotLight || multi_region {
        rollout.push(RolloutPhase {
            name: "5. DR drill".into(),
            scope: format!(
                "fail over to {} once before calling the service GA",
                ctx.cat
                    .region(&ctx.cat.default_region)
                    .map(|_| "the recovery region")
                    .unwrap_or("the recovery region")
            ),
            exit_criteria: format!(
                "recovery within RTO {} and data loss within RPO {}",
                duration(ctx.rto_s.value),
                duration(ctx.rpo_s.value)
            ),
        });
    }
    let rollback = Rollback {
        trigger: format!(
            "burn-rate page (5xx ratio > {}% over 1 h and 5 min), latency SLO page, or a failed deploy gate",
            numfmt::trim(page)
        ),
        steps: match dep.strategy {
            DeployStrategy::Canary => vec![
                "shift 100% of traffic back to the stable version".into(),
                "stop the canary; keep it for diagnosis".into(),
            ],
            DeployStrategy::BlueGreen => vec![
                lower_first(&switch_to(comps, "blue", true)),
                "keep green for diagnosis, then retire".into(),
            ],
            DeployStrategy::Rolling => {
                vec!["redeploy the previous image digest with the same rolling update".into()]
            }
        },
        data: if has_db {
            "schema changes are expand/contract so the previous version runs on the new schema; data corruption is repaired by point-in-time restore to a new instance".into()
        } else {
            "no persistent data owned by this service".into()
        },
        time_to_rollback: match dep.strategy {
            DeployStrategy::Rolling => format!(
                "{} min",
                numfmt::trim(ctx.rules.deploy.rolling_rollback_min)
            ),
            _ => format!(
                "{} min",
                numfmt::trim(ctx.rules.deploy.blue_green_switch_min)
            ),
        },
    };
    let mut checklist = vec![
        "IaC modules for network, IAM, data, compute and observability reviewed and applied to staging".to_string(),
        "Secrets created and rotation enabled; no credential in images or IaC state".into(),
        format!("Burn-rate alerts at {} configured and tested", obs.burn_rate_alerts.iter().map(|a| format!("{}%", numfmt::trim(a.error_rate_threshold_pct))).collect::<Vec<_>>().join(" / ")),
        format!("Log retention set to {} days", obs.logging.retention_days),
    ];
    if has_db {
        checklist.push(format!(
            "Backups with {}-day PITR enabled{}; a restore tested",
            drp.backup.retention_days,
            if drp.backup.cross_region_copy {
                " and copied cross-region"
            } else {
                ""
            }
        ));
    }
    checklist.push("Load test at the design peak passed in staging".into());
    checklist.push("Runbooks below rehearsed by the on-call".into());
    let mut runbooks = vec![
        Runbook {
            operation: "Deploy a release".into(),
            procedure: dep.steps.join("; "),
            frequency: "every merge to main".into(),
        },
        Runbook {
            operation: "Roll back".into(),
            procedure: rollback.steps.join("; "),
            frequency: "on a rollback trigger".into(),
        },
    ];
    if pkind != PlatformKind::Functions {
        runbooks.push(Runbook { operation: "Scale out manually".into(), procedure: "raise the autoscaling maximum in IaC and apply; check quotas leave room for a zone's failover load".into(), frequency: "on a capacity alert at max instances".into() });
    }
    if has_db {
        runbooks.push(Runbook { operation: "Restore test".into(), procedure: "restore the latest backup to a new instance in staging; run consistency checks; record time taken vs RTO".into(), frequency: format!("monthly ({cad})") });
        runbooks.push(Runbook { operation: "Database failover test".into(), procedure: "force a failover in staging; verify the application reconnects and the error budget impact".into(), frequency: format!("quarterly ({cad})") });
    }
    if drp.tier >= DrTier::PilotLight || multi_region {
        runbooks.push(Runbook {
            operation: "DR drill".into(),
            procedure: drp.failover_steps.join("; "),
            frequency: format!("quarterly ({cad})"),
        });
    }
    runbooks.push(Runbook { operation: "Rotate secrets".into(), procedure: "rotation is automatic; verify the application picked up the new version and revoke the old one".into(), frequency: format!("every {} days", ctx.rules.defaults.secret_rotation_days) });
    runbooks.push(Runbook {
        operation: "Access review".into(),
        procedure: "review members of the operator and break-glass roles; remove leavers".into(),
        frequency: format!("quarterly ({cad})"),
    });
    for (f, _) in &ctx.frameworks {
        if f.name == "PCI-DSS" {
            runbooks.push(Runbook {
                operation: "Audit log review (PCI DSS 10.4.1)".into(),
                procedure: "review the automated daily anomaly report of CDE audit logs".into(),
                frequency: "daily".into(),
            });
            runbooks.push(Runbook {
                operation: "Firewall rule review (PCI DSS 1.2.7)".into(),
                procedure: "review every network rule against the IaC and the CDE boundary".into(),
                frequency: "every 6 months".into(),
            });
            runbooks.push(Runbook {
                operation: "Penetration test (PCI DSS 11.4)".into(),
                procedure: "external, internal and segmentation tests".into(),
                frequency: "every 12 months and after significant change".into(),
            });
        }
    }
    let gdpr = ctx.frameworks.iter().any(|(f, _)| f.name == "GDPR");
    let incident = IncidentResponse {
        severities: vec![
            Severity { level: "SEV1".into(), definition: format!("fast burn: 5xx ratio > {}% (14.4× budget) or full outage", numfmt::trim(page)), response: "page on-call immediately; incident commander within 15 min; status page".into() },
            Severity { level: "SEV2".into(), definition: format!("slow burn: 5xx ratio > {}% over 6 h", numfmt::trim(obs.burn_rate_alerts.get(1).map(|a| a.error_rate_threshold_pct).unwrap_or(0.0))), response: "page on-call; fix or roll back within the business day".into() },
            Severity { level: "SEV3".into(), definition: "ticket-level burn (24 h / 72 h windows) or a degraded non-critical component".into(), response: "ticket; fix in the next sprint".into() },
        ],
        steps: vec!["acknowledge and declare severity".into(), "mitigate first (roll back, fail over, scale out)".into(), "communicate on a fixed cadence".into(), "blameless post-incident review within 5 business days with actions tracked".into()],
        notification_duty: gdpr.then(|| "GDPR Art. 33: notify the supervisory authority within 72 h of becoming aware of a personal-data breach".to_string()),
    };
    let db_multi = has_db;
    let maintenance = Maintenance {
        window: "weekly, 1 h, at the lowest-traffic hour of the primary region (set from the request-rate dashboard after launch)".into(),
        procedure: if db_multi {
            "managed database and cache patches applied by the provider in the window; a Multi-AZ/HA failover keeps the interruption to the failover time".into()
        } else {
            "platform patches are applied by the provider without a window; images rebuilt weekly".into()
        },
        zero_downtime: db_ha || !has_db,
    };
    Operations {
        migration,
        rollout,
        rollback,
        checklist,
        runbooks,
        incident_response: incident,
        maintenance,
    }
}

pub fn governance(ctx: &Ctx, region: &str) -> Vec<GovernancePolicy> {
    let mut out = vec![
        GovernancePolicy { policy: "Infrastructure as code only".into(), detail: "no console changes in staging or production; nightly drift detection opens a ticket".into(), why: vec![] },
        GovernancePolicy { policy: "Tagging".into(), detail: "feature, environment, owner and cost-centre tags required by policy on every resource".into(), why: vec![] },
        GovernancePolicy { policy: "ADRs are immutable".into(), detail: "a changed decision gets a new ADR that supersedes the old one".into(), why: vec![] },
    ];
    if let Some(b) = &ctx.budget {
        out.push(GovernancePolicy {
            policy: "Budget alerts".into(),
            detail: format!(
                "alerts at 80% and 100% of {}/month",
                numfmt::money(b.value, &ctx.budget_currency())
            ),
            why: vec![b.basis.clone()],
        });
    }
    if let Some((geo, ids)) = &ctx.residency {
        out.push(GovernancePolicy {
            policy: "Region restriction".into(),
            detail: format!(
                "organisation policy denies resources outside {geo} regions (primary {region})"
            ),
            why: ids.clone(),
        });
    }
    if !ctx.frameworks.is_empty() {
        out.push(GovernancePolicy { policy: "Change management".into(), detail: "every production change through a reviewed pull request and the pipeline; deploy logs kept with the audit logs".into(), why: ctx.frameworks.iter().flat_map(|(_, i)| i.iter().map(Into::into)).collect() });
    }
    out
}
