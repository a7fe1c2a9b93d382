//! Design models for renderer tests, built in code so the renderer can be
//! tested on its own: four scenarios that differ where the document differs
//! (provider, platform, compliance, redundancy, cache, budget, gaps).
//!
//! These are inputs, not expected outputs: the snapshots record what the
//! renderer makes of them.

#![allow(dead_code)]

pub mod scenarios;
pub mod skip;

use infrarch::catalog::Provider;
use infrarch::design::*;
use infrarch::requirements::{
    Conflict, DocKind, Kind, Requirement, RequirementSet, Source, SourceDoc, Value,
};

pub fn s(x: &str) -> String {
    x.to_string()
}

/// Ids as the engine's provenance (`R1`, `A2`, `docs/prd.md:3`…) or, where a
/// field holds plain strings, as those.
fn ids<T: for<'a> From<&'a str>>(xs: &[&str]) -> Vec<T> {
    xs.iter().map(|x| T::from(x)).collect()
}

pub fn fig(value: f64, unit: &str, basis: &[&str], formula: Option<&str>) -> Figure {
    Figure {
        value,
        unit: s(unit),
        basis: ids(basis),
        formula: formula.map(s),
    }
}

fn decision(choice: &str, rationale: &str, why: &[&str], alts: &[(&str, &str)]) -> Decision {
    Decision {
        choice: s(choice),
        rationale: s(rationale),
        why: ids(why),
        alternatives: alts
            .iter()
            .map(|(o, w)| Alternative {
                option: s(o),
                why_not: s(w),
            })
            .collect(),
    }
}

pub struct Comp<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub service: &'a str,
    pub config: &'a str,
    pub count: u32,
    pub critical: bool,
    pub cost: f64,
    pub sla: Option<f64>,
}

fn component(c: &Comp, provider: Provider, region: &str, zones: u32) -> Component {
    let global = matches!(c.role, "cdn" | "dns" | "waf");
    Component {
        id: s(c.id),
        name: s(c.name),
        role: c.role.parse().expect("test fixture role is a catalog role"),
        service: s(c.service),
        technology: match c.role {
            "relational_db" => Some(s("postgresql")),
            "cache" => Some(s("redis")),
            _ => None,
        },
        purpose: s(match c.role {
            "cdn" => "Serves static assets at the edge and terminates TLS",
            "load_balancer" => "Spreads requests over healthy instances in every zone",
            "relational_db" => "System of record for orders and payments state",
            "cache" => "Session and catalog lookups off the database",
            "queue" => "Buffers order events for the fulfilment worker",
            "object_storage" => "Static assets and receipts",
            "secrets" => "Database credentials and API keys",
            "logs" => "Central log store",
            _ => "Runs the application",
        }),
        configuration: s(c.config),
        count: c.count,
        placement: Placement {
            scope: if global {
                Scope::Global
            } else {
                Scope::Regional
            },
            regions: if global { vec![] } else { vec![s(region)] },
            zones: if global { 0 } else { zones },
        },
        critical_path: c.critical,
        sla: c.sla.map(|pct| ComponentSla {
            pct,
            config: s(c.config),
            catalog_id: format!("{provider}.{}", c.role),
            source: s("provider SLA page"),
            as_of: s("2026-01-15"),
            verified: true,
        }),
        monthly_cost: c.cost,
        why: ids(if c.critical { &["R1"] } else { &[] }),
        alternatives: vec![],
    }
}

pub fn link(from: &str, to: &str, protocol: &str, label: &str) -> Link {
    let kind = match label {
        "logs" | "metrics" => "telemetry",
        "keys" | "secrets" => "control",
        "replication" => "replication",
        _ => "request",
    };
    Link {
        from: s(from),
        to: s(to),
        protocol: s(protocol),
        label: s(label),
        kind: kind.parse().expect("test fixture link kind"),
    }
}

pub fn req(
    id: &str,
    kind: Kind,
    value: Value,
    unit: &str,
    display: &str,
    path: &str,
    line: usize,
) -> RequirementUse {
    RequirementUse {
        id: s(id),
        kind,
        value,
        unit: s(unit),
        percentile: if kind == Kind::Latency {
            Some(95)
        } else {
            None
        },
        display: s(display),
        qualifier: None,
        subject: None,
        primary: true,
        conflicting: false,
        source: Source {
            path: s(path),
            line,
            excerpt: s(display),
        },
    }
}

pub fn assumption(
    id: &str,
    kind: Option<Kind>,
    subject: &str,
    value: &str,
    why: &str,
) -> Assumption {
    Assumption {
        id: s(id),
        kind,
        subject: s(subject),
        value: s(value),
        number: None,
        unit: String::new(),
        why: s(why),
        overridden: false,
    }
}

/// Everything a scenario varies.
pub struct Scenario<'a> {
    pub feature: &'a str,
    pub provider: Provider,
    pub provider_name: &'a str,
    pub region: &'a str,
    pub zones: u32,
    pub platform: (PlatformKind, &'a str),
    pub components: Vec<Comp<'a>>,
    pub links: Vec<Link>,
    pub requirements: Vec<RequirementUse>,
    pub assumptions: Vec<Assumption>,
    pub target: f64,
    pub composite: f64,
    pub rto_s: f64,
    pub rpo_s: f64,
    pub tier: DrTier,
    pub compliance: Vec<ComplianceFramework>,
    pub budget: Option<f64>,
    pub greenfield: bool,
    pub deploy: DeployStrategy,
    pub min_max: (u32, u32),
    pub conflicts: Vec<Conflict>,
    pub missing: Vec<Kind>,
    pub external: Vec<(&'a str, &'a str)>,
    pub unpriced: Vec<Unpriced>,
}

/// Build the design and the requirement set it came from.
pub fn build(sc: Scenario) -> (Design, RequirementSet) {
    let provider = sc.provider;
    let prd = format!("docs/planning/prd/{}-20260101.md", sc.feature);
    let components: Vec<Component> = sc
        .components
        .iter()
        .map(|c| component(c, provider, sc.region, sc.zones))
        .collect();
    let critical: Vec<&Component> = components.iter().filter(|c| c.critical_path).collect();
    let terms: Vec<AvailabilityTerm> = critical
        .iter()
        .filter_map(|c| {
            c.sla.as_ref().map(|sla| AvailabilityTerm {
                component: c.id.clone(),
                name: c.name.clone(),
                sla_pct: sla.pct,
                catalog_id: sla.catalog_id.clone(),
                copies: 1,
                effective_pct: sla.pct,
                formula: format!("{}", sla.pct / 100.0),
            })
        })
        .collect();
    let product: Vec<String> = terms
        .iter()
        .map(|t| infrarch::numfmt::trim(t.effective_pct / 100.0))
        .collect();
    let total: f64 = components.iter().map(|c| c.monthly_cost).sum();
    let meets = sc.composite >= sc.target;
    let multi_az = sc.zones > 1;
    let has_lb = components.iter().any(|c| c.role == Role::LoadBalancer);
    let has_cache = components.iter().any(|c| c.role == Role::Cache);
    let has_db = components.iter().find(|c| c.role == Role::RelationalDb);
    let app = components
        .iter()
        .find(|c| {
            matches!(
                c.role.as_str(),
                "managed_containers" | "kubernetes" | "functions"
            )
        })
        .map(|c| c.id.clone())
        .unwrap_or_else(|| s("app"));
    let compliance_names: Vec<String> = sc.compliance.iter().map(|f| f.name.clone()).collect();
    let budget_delta = sc.budget.map(|b| total - b);

    let design = Design {
        schema: s(DESIGN_SCHEMA),
        feature: s(sc.feature),
        provider,
        provider_name: s(sc.provider_name),
        region: RegionPlan {
            primary: s(sc.region),
            secondary: None,
            residency: None,
            why: ids(&["A1"]),
        },
        project: ProjectKnowledge::default(),
        sources: vec![
            SourceDoc {
                path: prd.clone(),
                kind: DocKind::Prd,
            },
            SourceDoc {
                path: format!(
                    "docs/planning/architecture/data/{}-data-architecture-20260103.md",
                    sc.feature
                ),
                kind: DocKind::DataArch,
            },
        ],
        summary: vec![
            format!(
                "{} on {} in {}, {} zone{}, sized for the stated peak with {}–{} instances",
                sc.platform.1,
                sc.provider_name,
                sc.region,
                sc.zones,
                if sc.zones == 1 { "" } else { "s" },
                sc.min_max.0,
                sc.min_max.1
            ),
            format!(
                "Composite availability {}% against a {}% target; {} DR with RTO {} s and RPO {} s",
                sc.composite,
                sc.target,
                sc.tier.label(),
                sc.rto_s,
                sc.rpo_s
            ),
            format!("Estimated {} per month", infrarch::numfmt::usd(total)),
        ],
        requirements: sc.requirements.clone(),
        assumptions: sc.assumptions.clone(),
        constraints: {
            let mut v = vec![Constraint {
                kind: ConstraintKind::Technical,
                text: format!(
                    "PostgreSQL is chosen by the data architecture; {} runs it managed",
                    sc.provider_name
                ),
                why: ids(&["R2"]),
            }];
            if let Some(b) = sc.budget {
                v.push(Constraint {
                    kind: ConstraintKind::Budget,
                    text: format!(
                        "At most {} per month for production",
                        infrarch::numfmt::usd(b)
                    ),
                    why: ids(&["R9"]),
                });
            }
            if !compliance_names.is_empty() {
                v.push(Constraint {
                    kind: ConstraintKind::Regulatory,
                    text: format!(
                        "{} applies to every component that stores or carries regulated data",
                        compliance_names.join(", ")
                    ),
                    why: ids(&["R8"]),
                });
            }
            v
        },
        catalog: CatalogInfo {
            provider,
            override_file: None,
            rows: vec![],
        },
        workloads: vec![],
        platform: PlatformDecision {
            kind: sc.platform.0,
            service: s(sc.platform.1),
            decision: decision(
                sc.platform.1,
                "Runs the containers the application architecture ships without a control plane to operate",
                &["R1"],
                &[(
                    "Virtual machines",
                    "patching and capacity by hand for no gain at this size",
                )],
            ),
        },
        topology: Topology {
            regions: vec![s(sc.region)],
            multi_region: false,
            zones_per_region: sc.zones,
            multi_az,
            failover: if multi_az {
                FailoverMode::Automatic
            } else {
                FailoverMode::Manual
            },
            failover_text: if multi_az {
                s(
                    "the database promotes its standby in 60–120 s; instances in the surviving zones keep serving",
                )
            } else {
                s("restore from the latest backup into a new instance, within the RTO")
            },
            redundancy: if multi_az {
                vec![
                    s(
                        "Compute: instances spread over every zone, so one zone's loss leaves peak capacity",
                    ),
                    s("Data: synchronous standby in a second zone"),
                ]
            } else {
                vec![s(
                    "None beyond the managed services' own: the availability target is met by a single zone",
                )]
            },
            decision: decision(
                if multi_az {
                    "Multi-AZ, single region"
                } else {
                    "Single zone"
                },
                "One region meets the availability target and the RTO; a second region would double the cost for no stated need",
                &["R1", "R5"],
                &[],
            ),
        },
        components: components.clone(),
        external_nodes: sc
            .external
            .iter()
            .map(|(id, name)| ExternalNode {
                id: s(id),
                name: s(name),
            })
            .collect(),
        links: sc.links.clone(),
        availability: Availability {
            target: fig(sc.target, "percent", &["R1"], None),
            terms,
            steps: vec![format!(
                "{} = {}",
                product.join(" × "),
                infrarch::numfmt::trim(sc.composite / 100.0)
            )],
            composite_pct: sc.composite,
            meets_target: meets,
            shortfall_pct: if meets {
                None
            } else {
                Some(((sc.target - sc.composite) * 1e6).round() / 1e6)
            },
            allowed_downtime_min_per_month: (100.0 - sc.target) / 100.0 * 730.0 * 60.0,
            composite_downtime_min_per_month: (100.0 - sc.composite) / 100.0 * 730.0 * 60.0,
            risk: None,
            unpublished: vec![],
        },
        capacity: Capacity {
            peak_rps: fig(200.0, "rps", &["R3"], None),
            time_in_system_s: fig(0.2, "s", &["R4"], None),
            in_flight: fig(
                40.0,
                "requests",
                &["R3", "R4"],
                Some("200 rps × 0.2 s = 40"),
            ),
            per_instance_concurrency: fig(20.0, "requests", &["A2"], None),
            instance_size: s("1 vCPU / 2 GB"),
            target_utilisation_pct: fig(60.0, "percent", &["A3"], None),
            instances_for_peak: fig(4.0, "instances", &[], Some("ceil(40 / (20 × 0.6)) = 4")),
            static_stability: StaticStability {
                zones: sc.zones,
                per_zone: if multi_az { 4 / (sc.zones - 1) } else { 4 },
                total: if multi_az {
                    4 / (sc.zones - 1) * sc.zones
                } else {
                    4
                },
                formula: format!("ceil(4 / ({} − 1)) × {}", sc.zones, sc.zones),
                applies: multi_az,
            },
            min_instances: sc.min_max.0,
            max_instances: sc.min_max.1,
            steps: vec![
                s("L = λ × W = 200 rps × 0.2 s = 40 requests in flight"),
                s("instances = ceil(40 / (20 × 0.6)) = 4"),
            ],
            scaling_rules: vec![ScalingRule {
                component: app.clone(),
                metric: s("cpu_utilisation"),
                threshold: s("> 60 % for 3 min"),
                threshold_value: 60.0,
                action: s("add 1 instance, up to the maximum"),
                cooldown_s: 180,
                why: ids(&["A3"]),
            }],
            vertical: s(
                "Only when one request needs more memory than an instance has; scale out first",
            ),
        },
        load_balancing: if has_lb {
            vec![LoadBalancer {
                component: s("lb"),
                name: s("Public load balancer"),
                lb_type: s("Layer 7 (HTTPS)"),
                algorithm: s("Least outstanding requests"),
                health_check: s("GET /healthz every 10 s, 2 failures unhealthy"),
            }]
        } else {
            vec![]
        },
        caching: if has_cache {
            vec![CacheLayer {
                component: s("cache"),
                layer: s("Application cache"),
                purpose: s("Catalog and session lookups"),
                technology: s("Redis"),
                ttl: s("300 s catalog, 30 min sessions"),
                why: ids(&["R4"]),
            }]
        } else {
            vec![]
        },
        dr: DisasterRecovery {
            tier: sc.tier,
            rto: fig(sc.rto_s, "s", &["R5"], None),
            rpo: fig(sc.rpo_s, "s", &["R6"], None),
            selection: vec![format!(
                "{} is the cheapest tier whose recovery time fits the RTO",
                sc.tier.label()
            )],
            decision: decision(
                sc.tier.label(),
                "Meets the RTO and RPO at the lowest cost",
                &["R5", "R6"],
                &[],
            ),
            backup: BackupPlan {
                frequency: s("continuous (PITR) + daily snapshot"),
                interval_s: 300,
                retention_days: 14,
                pitr: true,
                pitr_window_days: 7,
                cross_region_copy: false,
                copy_region: None,
                why: ids(&["R6"]),
            },
            failover_steps: vec![
                s("Confirm the outage on the availability dashboard"),
                s("Restore the database to the latest recovery point"),
                s("Point the application at the restored instance and verify health checks"),
            ],
            test_frequency: s("restore rehearsal every quarter"),
        },
        data: DataTier {
            stores: has_db
                .map(|db| {
                    vec![DataStore {
                        component: db.id.clone(),
                        role: s("relational_db"),
                        technology: Some(s("postgresql")),
                        service: db.service.clone(),
                        ha_mode: s(if multi_az {
                            "Multi-AZ synchronous standby"
                        } else {
                            "single instance"
                        }),
                        read_replicas: 0,
                        storage_gb: Some(fig(50.0, "GB", &["A4"], None)),
                        decision: decision(
                            "Managed PostgreSQL",
                            "Chosen by the data architecture",
                            &["R2"],
                            &[],
                        ),
                    }]
                })
                .unwrap_or_default(),
        },
        security: Security {
            network: NetworkLayout {
                summary: format!(
                    "Private network 10.0.0.0/16 in {} across {} zone(s)",
                    sc.region, sc.zones
                ),
                cidr: s("10.0.0.0/16"),
                subnets: vec![
                    Subnet {
                        name: s("public"),
                        tier: s("public"),
                        cidrs: ids(&["10.0.0.0/24", "10.0.1.0/24"]),
                        contains: ids(&["load balancer"]),
                    },
                    Subnet {
                        name: s("app"),
                        tier: s("private"),
                        cidrs: ids(&["10.0.10.0/24", "10.0.11.0/24"]),
                        contains: ids(&["application"]),
                    },
                    Subnet {
                        name: s("data"),
                        tier: s("data"),
                        cidrs: ids(&["10.0.20.0/24", "10.0.21.0/24"]),
                        contains: ids(&["database", "cache"]),
                    },
                ],
                egress: s("NAT gateway per zone for outbound calls to the payment provider"),
            },
            firewall_rules: vec![
                FirewallRule {
                    name: s("web-in"),
                    source: s("internet"),
                    destination: s("load balancer"),
                    port: s("TCP 443"),
                    action: s("allow"),
                    why: vec![],
                },
                FirewallRule {
                    name: s("app-db"),
                    source: s("app subnet"),
                    destination: s("data subnet"),
                    port: s("TCP 5432"),
                    action: s("allow"),
                    why: vec![],
                },
            ],
            waf: Some(EdgeProtection {
                service: s("Managed WAF"),
                configuration: s(
                    "provider core rule set, rate limit 2,000 requests per 5 min per IP",
                ),
                why: ids(&["R1"]),
            }),
            ddos: EdgeProtection {
                service: s("Provider standard DDoS protection"),
                configuration: s("always on at the edge, no extra cost"),
                why: vec![],
            },
            iam_roles: vec![
                IamRole {
                    name: s("app-runtime"),
                    principal: s("application instances"),
                    permissions: ids(&["read its secrets", "write logs and metrics"]),
                    why: vec![],
                },
                IamRole {
                    name: s("deployer"),
                    principal: s("CI pipeline"),
                    permissions: ids(&["push images", "apply infrastructure changes"]),
                    why: vec![],
                },
            ],
            secrets: SecretsPlan {
                service: s("Managed secrets store"),
                secrets: ids(&["database credentials", "payment API key"]),
                rotation_days: 90,
                access: s("read by the app-runtime role only"),
            },
            encryption: Encryption {
                in_transit: s("TLS 1.2+"),
                at_rest: s("AES-256, provider-managed keys"),
                key_management: s("provider KMS, yearly rotation"),
                why: vec![],
            },
            private_access: s(
                "Operators reach private resources through the provider's identity-aware access; no bastion host",
            ),
            monitoring: vec![
                s("Audit log of every control-plane call, retained 1 year"),
                s("Alert on root or owner sign-in"),
            ],
        },
        observability: Observability {
            slos: vec![Slo {
                name: s("Availability"),
                sli: s("share of non-5xx responses at the load balancer"),
                objective: fig(sc.target, "percent", &["R1"], None),
                period_days: 30,
                error_budget_pct: ((100.0 - sc.target) * 1e6).round() / 1e6,
                error_budget_min: (100.0 - sc.target) / 100.0 * 730.0 * 60.0,
            }],
            burn_rate_alerts: vec![BurnRateAlert {
                slo: s("Availability"),
                severity: infrarch::design::AlertSeverity::Page,
                long_window: s("1 h"),
                short_window: s("5 min"),
                burn_rate: 14.4,
                budget_consumed_pct: 2.0,
                error_rate_threshold_pct: ((14.4 * (100.0 - sc.target)) * 1e6).round() / 1e6,
                formula: format!("14.4 × {}%", ((100.0 - sc.target) * 1e6).round() / 1e6),
                source: s("Google SRE Workbook, ch. 5"),
            }],
            metrics: vec![MetricSpec {
                name: s("p95 latency"),
                description: s("Request latency at the load balancer"),
                threshold: s("> 200 ms for 10 min"),
                tool: s("provider metrics"),
                why: ids(&["R4"]),
            }],
            alerts: vec![AlertSpec {
                name: s("Error budget burn"),
                condition: s("14.4× burn over 1 h and 5 min"),
                severity: infrarch::design::AlertSeverity::Page,
                notification: s("on-call via pager"),
            }],
            logging: Logging {
                aggregation: s("provider log service"),
                levels: vec![
                    LogLevel {
                        level: s("ERROR"),
                        what: s("failed requests with trace id"),
                    },
                    LogLevel {
                        level: s("INFO"),
                        what: s("one line per request"),
                    },
                ],
                format: s("JSON, one object per line"),
                retention_days: 30,
                hot_days: 30,
                retention_text: s("30 days searchable"),
                why: vec![],
            },
            tracing: Tracing {
                tool: s("OpenTelemetry to the provider's trace service"),
                sampling_pct: 10.0,
                sampling_text: s("10% of requests, all errors"),
                retention_days: 30,
                why: vec![],
            },
            dashboards: vec![Dashboard {
                name: s("Service health"),
                purpose: s("Is the service meeting its SLO right now"),
                panels: ids(&["availability", "p95 latency", "error budget"]),
            }],
        },
        cost: Cost {
            currency: s("USD"),
            hours_per_month: 730.0,
            lines: components
                .iter()
                .filter(|c| c.monthly_cost > 0.0)
                .map(|c| CostLine {
                    component: c.id.clone(),
                    item: format!("{} instance-hours", c.name),
                    price: c.monthly_cost / 730.0 / c.count.max(1) as f64,
                    unit: s("hour"),
                    quantity: 730.0 * c.count.max(1) as f64,
                    quantity_text: format!("{} × 730 h", c.count.max(1)),
                    monthly: c.monthly_cost,
                    catalog_id: format!("{provider}.{}", c.role),
                    source: s("provider price list"),
                    as_of: s("2026-01-15"),
                    verified: true,
                    basis: vec![],
                    priced_at: None,
                })
                .collect(),
            usage_assumptions: vec![],
            total_monthly: total,
            unpriced: sc.unpriced,
            budget: sc.budget.map(|b| fig(b, "USD/month", &["R9"], None)),
            over_budget: budget_delta.is_some_and(|d| d > 0.0),
            budget_delta,
            savings: vec![Saving {
                component: app.clone(),
                action: s("Commit to one year of compute"),
                monthly_saving: total * 0.1,
                trade_off: s("locked in for a year"),
            }],
            strategies: vec![s("Scale to the minimum outside business hours in staging")],
        },
        deployment: Deployment {
            strategy: sc.deploy,
            decision: decision(
                "Rolling update",
                "Replaces instances a few at a time behind health checks",
                &["R1"],
                &[],
            ),
            steps: vec![
                s("Build and scan the image"),
                s("Deploy to staging and run smoke tests"),
                s("Roll production 25% at a time"),
            ],
            environments: vec![
                Environment {
                    name: s("Development"),
                    purpose: s("Local dev"),
                    configuration: s("docker compose with PostgreSQL and Redis"),
                    access: s("every engineer"),
                    monthly_cost: 0.0,
                },
                Environment {
                    name: s("Staging"),
                    purpose: s("Pre-prod testing"),
                    configuration: s("production shape, one instance per tier"),
                    access: s("engineers, CI"),
                    monthly_cost: total * 0.3,
                },
                Environment {
                    name: s("Production"),
                    purpose: s("Live traffic"),
                    configuration: format!("{}–{} instances", sc.min_max.0, sc.min_max.1),
                    access: s("CI only; break-glass for on-call"),
                    monthly_cost: total,
                },
            ],
            containerization: Containerization {
                runtime: s("OCI images, distroless base"),
                registry: s("provider container registry"),
                image_policy: ids(&["scan on push", "immutable tags"]),
                orchestration: s(sc.platform.1),
            },
            iac: decision(
                "Terraform",
                "One tool for every environment; plans reviewed in pull requests",
                &["A5"],
                &[],
            ),
            ci_cd: s("GitHub Actions: build, test, scan, deploy to staging, promote to production"),
        },
        operations: Operations {
            migration: Migration {
                greenfield: sc.greenfield,
                strategy: s("Stand the environment up empty and launch behind a feature flag"),
                why: vec![],
            },
            rollout: vec![
                RolloutPhase {
                    name: s("Staging"),
                    scope: s("full stack with synthetic traffic"),
                    exit_criteria: s("load test at peak passes"),
                },
                RolloutPhase {
                    name: s("Production"),
                    scope: s("10% of users, then all"),
                    exit_criteria: s("error budget intact for 7 days"),
                },
            ],
            rollback: Rollback {
                trigger: s("error rate above the page threshold"),
                steps: ids(&["Redeploy the previous image", "Verify health checks"]),
                data: s("Schema changes are backward compatible for one release"),
                time_to_rollback: s("under 10 min"),
            },
            checklist: ids(&[
                "Create the network and subnets",
                "Provision the database with PITR",
                "Wire alerts to on-call",
            ]),
            runbooks: vec![Runbook {
                operation: s("Restore database"),
                procedure: s("restore to a point in time, swap the connection secret"),
                frequency: s("quarterly rehearsal"),
            }],
            incident_response: IncidentResponse {
                severities: vec![Severity {
                    level: s("SEV1"),
                    definition: s("checkout unavailable"),
                    response: s("page on-call, 15 min"),
                }],
                steps: ids(&["Acknowledge", "Mitigate", "Write the post-incident review"]),
                notification_duty: None,
            },
            maintenance: Maintenance {
                window: s("Sunday 02:00–04:00 UTC"),
                procedure: s("managed database patches apply in the window"),
                zero_downtime: multi_az,
            },
        },
        compliance: sc.compliance,
        governance: vec![GovernancePolicy {
            policy: s("Change control"),
            detail: s("every infrastructure change is a reviewed pull request"),
            why: vec![],
        }],
        risks: vec![Risk {
            id: s("K1"),
            risk: s("Payment provider latency dominates p95"),
            impact: s("latency target missed at peak"),
            mitigation: s("timeout at 2 s and retry once"),
            why: ids(&["R4"]),
        }],
        open_questions: vec![OpenQuestion {
            id: s("Q1"),
            question: s("Is 200 rps the peak or the average?"),
            reason: QuestionReason::Assumption,
            refs: ids(&["R3", "A2"]),
        }],
        adrs: vec![
            Adr {
                id: s("ADR-1"),
                title: format!("Run on {}", sc.platform.1),
                status: s("Proposed"),
                context: s("The application ships containers and needs to scale with load"),
                decision: format!("Run the application on {}", sc.platform.1),
                consequences: Consequences {
                    positive: ids(&["No servers to patch"]),
                    negative: ids(&["Provider lock-in for the runtime"]),
                    risks: ids(&["Cold starts at scale-out"]),
                },
                alternatives: vec![Alternative {
                    option: s("Virtual machines"),
                    why_not: s("manual patching and capacity"),
                }],
                serves: ids(&["R1", "R3"]),
                topic: "compute-platform".into(),
                supersedes: None,
            },
            Adr {
                id: s("ADR-2"),
                title: s("Managed PostgreSQL"),
                status: s("Proposed"),
                context: s("The data architecture chose PostgreSQL"),
                decision: s("Use the provider's managed PostgreSQL"),
                consequences: Consequences {
                    positive: ids(&["Backups and failover are managed"]),
                    negative: ids(&["Version upgrades follow the provider"]),
                    risks: vec![],
                },
                alternatives: vec![Alternative {
                    option: s("Self-managed PostgreSQL on VMs"),
                    why_not: s("operations burden for a small team"),
                }],
                serves: ids(&["R2"]),
                topic: "disaster-recovery".into(),
                supersedes: None,
            },
        ],
        review_notes: vec![],
    };

    let reqs = RequirementSet {
        schema: s(infrarch::requirements::REQUIREMENTS_SCHEMA),
        feature: s(sc.feature),
        sources: design.sources.clone(),
        requirements: sc
            .requirements
            .iter()
            .map(|r| Requirement {
                id: r.id.clone(),
                kind: r.kind,
                value: r.value.clone(),
                unit: r.unit.clone(),
                percentile: r.percentile,
                primary: r.primary,
                qualifier: r.qualifier.clone(),
                phase: None,
                subject: r.subject.clone(),
                source: r.source.clone(),
            })
            .collect(),
        conflicts: sc.conflicts,
        missing: sc.missing,
        technologies: vec![],
        superseded: vec![],
        ambiguities: Vec::new(),
    };
    (design, reqs)
}
