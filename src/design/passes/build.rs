//! Collects components, links and cost lines as passes decide them.

use super::super::context::Ctx;
use super::super::cost::{self, Usage};
use super::super::math;
use super::super::model::*;
use crate::catalog::Row;
use crate::error::{Error, Result};

#[allow(clippy::too_many_arguments)]
pub fn comp(
    id: &str,
    row: &Row,
    purpose: &str,
    configuration: String,
    count: u32,
    placement: Placement,
    critical: bool,
    why: Vec<Provenance>,
) -> Result<Component> {
    let role = Role::parse(&row.role).ok_or_else(|| {
        Error::Invalid(format!(
            "catalog row `{}` has unknown role `{}`",
            row.id, row.role
        ))
    })?;
    Ok(Component {
        id: id.into(),
        name: row.service.clone(),
        role,
        service: row.service.clone(),
        technology: None,
        purpose: purpose.into(),
        configuration,
        count,
        placement,
        critical_path: critical,
        sla: None,
        monthly_cost: 0.0,
        why,
        alternatives: vec![],
    })
}

/// Collects components, links and cost lines as they are decided.
#[derive(Default)]
pub struct Builder {
    pub components: Vec<Component>,
    pub links: Vec<Link>,
    pub lines: Vec<CostLine>,
    pub unpriced: Vec<Unpriced>,
    /// The catalog row each component was placed on, by component id (the
    /// availability pass cites it for the SLA).
    pub rows: Vec<(String, Row)>,
}

impl Builder {
    pub fn add(&mut self, ctx: &mut Ctx, mut c: Component, row: &Row, usage: Usage) {
        // Priced where it runs: the first region of its placement (the
        // primary for everything but recovery-region copies).
        let region = c
            .placement
            .regions
            .first()
            .cloned()
            .unwrap_or_else(|| ctx.cat.default_region.clone());
        let lines = cost::lines(ctx, &c.id, row, &usage, &region);
        if c.alternatives.is_empty() {
            c.alternatives = default_alternatives(&c.id);
        }
        if let Some(sla) = &row.sla {
            c.sla = Some(ComponentSla {
                pct: sla.pct,
                config: row.config.clone(),
                catalog_id: ctx.cat.ref_id(row),
                source: sla.source.clone(),
                as_of: sla.as_of.clone(),
                verified: sla.verified && row.verified,
            });
        }
        // A row whose prices are all in units this design has no usage for
        // (log GB ingested, keys, rules) is as unpriced as a row without
        // prices: name it rather than count it as $0.
        if row.prices.is_empty() || (lines.is_empty() && row.prices.iter().any(|p| p.usd > 0.0)) {
            self.unpriced.push(Unpriced {
                component: c.id.clone(),
                service: row.service.clone(),
                reason: if row.prices.is_empty() {
                    if row.note.is_empty() {
                        "no price in the catalog".into()
                    } else {
                        row.note.clone()
                    }
                } else {
                    let units: Vec<&str> = row.prices.iter().map(|p| p.unit.as_str()).collect();
                    format!(
                        "priced per {} in the catalog; usage not estimated",
                        units.join(", ")
                    )
                },
            });
        }
        c.monthly_cost = cost::sum(&lines);
        self.lines.extend(lines);
        self.rows.push((c.id.clone(), row.clone()));
        self.components.push(c);
    }

    /// The catalog row the component was placed on, if it has one.
    pub fn row_of(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|(i, _)| i == id).map(|(_, r)| r)
    }

    /// A component the catalog has no row (or no price) for: placed and
    /// named all the same, listed as unpriced with the reason.
    pub fn add_unpriced(&mut self, mut c: Component, reason: String) {
        if c.alternatives.is_empty() {
            c.alternatives = default_alternatives(&c.id);
        }
        self.unpriced.push(Unpriced {
            component: c.id.clone(),
            service: c.service.clone(),
            reason,
        });
        c.monthly_cost = 0.0;
        self.components.push(c);
    }

    pub fn extra_lines(&mut self, id: &str, lines: Vec<CostLine>) {
        let extra = cost::sum(&lines);
        if let Some(c) = self.components.iter_mut().find(|c| c.id == id) {
            c.monthly_cost = math::cents(c.monthly_cost + extra);
        }
        self.lines.extend(lines);
    }

    pub fn link(&mut self, from: &str, to: &str, protocol: &str, label: &str, kind: LinkKind) {
        self.links.push(Link {
            from: from.into(),
            to: to.into(),
            protocol: protocol.into(),
            label: label.into(),
            kind,
        });
    }

    /// The placed component with this id.
    pub fn get(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }
}

/// What a supporting component replaces, for components whose choice is not
/// driven by a requirement number.
pub fn default_alternatives(id: &str) -> Vec<Alternative> {
    let alt = |option: &str, why_not: &str| Alternative {
        option: option.into(),
        why_not: why_not.into(),
    };
    match id {
        "dns" => vec![alt(
            "DNS outside the provider",
            "no health-checked failover records tied to the load balancers",
        )],
        "waf" => vec![alt(
            "no WAF",
            "leaves the public endpoint open to OWASP top-10 attacks and request floods",
        )],
        "nat" => vec![alt(
            "private endpoints only",
            "third-party APIs and package mirrors still need outbound internet",
        )],
        "secrets" => vec![alt(
            "environment variables or config files",
            "secrets leak through images, logs and IaC state and cannot rotate",
        )],
        "kms" => vec![alt(
            "provider-managed keys",
            "the stated framework expects keys under the customer's control and logged use",
        )],
        "logs" => vec![alt(
            "self-hosted ELK/Loki",
            "another stateful system to run for no requirement it serves better",
        )],
        "metrics" => vec![alt(
            "self-hosted Prometheus/Grafana",
            "more to operate; the provider service already has the load balancer and database metrics",
        )],
        "tracing" => vec![alt("self-hosted Jaeger", "another stateful system to run")],
        "audit" => vec![alt(
            "no audit trail",
            "control-plane changes would be untraceable",
        )],
        "threat" => vec![alt(
            "manual log review",
            "does not scale to the framework's monitoring expectation",
        )],
        "config" => vec![alt(
            "periodic manual review",
            "drift between reviews goes unnoticed",
        )],
        "registry" => vec![alt(
            "public registry",
            "images and their vulnerabilities exposed; pulls rate-limited",
        )],
        "cicd" => vec![alt(
            "the team's existing CI (GitHub Actions, GitLab CI)",
            "equally valid when the team already runs it; the provider service is the default without project knowledge",
        )],
        "storage" => vec![alt(
            "database BLOBs",
            "bloats backups and the database for data object storage serves cheaper",
        )],
        "cluster" => vec![alt(
            "self-managed Kubernetes on VMs",
            "control-plane upgrades, etcd backups and certificates to run by hand",
        )],
        "dr-db" | "dr-app" => vec![alt(
            "backups only",
            "cannot meet the RTO/RPO that chose this DR tier",
        )],
        _ => vec![],
    }
}

/// Where a component runs: `zones` per region over `regions`.
pub fn loc(zones: u32, scope: Scope, regions: &[String]) -> Placement {
    Placement {
        scope,
        regions: regions.to_vec(),
        zones,
    }
}
