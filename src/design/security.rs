//! Security: network layout, firewall rules, WAF/DDoS for public endpoints,
//! IAM roles with permissions, secrets, encryption, and the controls each
//! stated compliance framework requires (none without one).

use super::context::Ctx;
use super::model::*;
use super::vocab::Vocab;
use crate::catalog::Provider;

fn svc(components: &[Component], id: &str) -> Option<String> {
    components
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.service.clone())
}

pub fn plan(
    ctx: &mut Ctx,
    comps: &[Component],
    pkind: PlatformKind,
    zones: u32,
    regions: &[String],
    _secondary: Option<&str>,
) -> Security {
    let d = &ctx.rules.defaults;
    let p = ctx.cat.provider;
    let net = match p {
        Provider::Aws => "VPC",
        Provider::Gcp => "VPC network",
        Provider::Azure => "VNet",
    };
    let fw = match p {
        Provider::Aws => "security group",
        Provider::Gcp => "firewall rule",
        Provider::Azure => "NSG rule",
    };
    let segmented = ctx.frameworks.iter().any(|(f, _)| f.segmented_network);
    let comp_ids: Vec<Provenance> = ctx.frameworks.iter().flat_map(|(_, i)| i.clone()).collect();
    let has = |id: &str| comps.iter().any(|c| c.id == id);
    let z = zones.max(1);
    let cidrs = |base: u32| {
        (0..z)
            .map(|i| format!("10.0.{}.0/24", base + i))
            .collect::<Vec<_>>()
    };
    // What the network holds is what the plan placed: a managed API
    // gateway is not in a subnet, functions join it through their VPC
    // integration.
    let v = Vocab::of(comps);
    let mut subnets = vec![];
    let public_parts: Vec<String> =
        v.lb.then(|| "load balancer".to_string())
            .into_iter()
            .chain(has("nat").then(|| "NAT gateways".to_string()))
            .collect();
    if ctx.public && !public_parts.is_empty() {
        subnets.push(Subnet {
            name: "public".into(),
            tier: "public".into(),
            cidrs: cidrs(0),
            contains: public_parts,
        });
    }
    subnets.push(Subnet {
        name: "app".into(),
        tier: "private".into(),
        cidrs: cidrs(10),
        contains: vec![if v.functions_only {
            "function network interfaces (VPC integration)".into()
        } else {
            "application instances".into()
        }],
    });
    if has("db") || has("cache") {
        let mut contains = vec![];
        if has("db") {
            contains.push("database".into());
        }
        if has("cache") {
            contains.push("cache".into());
        }
        subnets.push(Subnet {
            name: if segmented {
                "data (cardholder-data segment)".into()
            } else {
                "data".into()
            },
            tier: "data".into(),
            cidrs: cidrs(20),
            contains,
        });
    }
    let summary = format!(
        "{net} 10.0.0.0/16 in {} across {} zone(s){}; {} subnet tiers; no data store has a public endpoint",
        regions.join(" and "),
        z,
        if regions.len() > 1 {
            " (same layout, 10.1.0.0/16, in the second region)"
        } else {
            ""
        },
        subnets.len()
    );
    let mut rules = vec![];
    let entry = if ctx.public {
        "internet (0.0.0.0/0)"
    } else {
        "corporate network / VPN range"
    };
    // A network rule admits traffic to a load balancer in the network; a
    // managed API gateway is reached over its own endpoint (the WAF and
    // its authoriser filter it instead).
    if v.lb {
        rules.push(FirewallRule {
            name: "ingress-https".into(),
            source: entry.into(),
            destination: "load balancer".into(),
            port: "TCP 443".into(),
            action: "allow".into(),
            why: vec![ctx.exposure_basis.clone()],
        });
    }
    if pkind != PlatformKind::Functions && v.lb {
        rules.push(FirewallRule {
            name: "lb-to-app".into(),
            source: "load balancer".into(),
            destination: "app subnet".into(),
            port: "TCP 8080".into(),
            action: "allow".into(),
            why: vec![],
        });
    }
    if let Some(db) = comps.iter().find(|c| c.id == "db") {
        let port = super::data::db_port(db.technology.as_deref().unwrap_or("postgresql"));
        rules.push(FirewallRule {
            name: "app-to-db".into(),
            source: "app subnet".into(),
            destination: "database".into(),
            port,
            action: "allow".into(),
            why: db.why.clone(),
        });
    }
    if has("cache") {
        rules.push(FirewallRule {
            name: "app-to-cache".into(),
            source: "app subnet".into(),
            destination: "cache".into(),
            port: "TCP 6379".into(),
            action: "allow".into(),
            why: vec![],
        });
    }
    rules.push(FirewallRule {
        name: "app-egress".into(),
        source: "app subnet".into(),
        destination: "internet via NAT / provider endpoints".into(),
        port: "TCP 443".into(),
        action: "allow".into(),
        why: vec![],
    });
    rules.push(FirewallRule {
        name: "default-deny".into(),
        source: "any".into(),
        destination: "any".into(),
        port: "all".into(),
        action: "deny".into(),
        why: comp_ids.clone(),
    });

    // Edge protection is described only where a WAF is placed (a reviewer
    // may have dropped it), or named generically when the catalog has none.
    let waf_placed = has("waf") || ctx.cat.first("waf").is_none();
    let waf = (ctx.public && waf_placed).then(|| {
        let row = ctx.cat.first("waf");
        let per_user = ctx
            .reqs
            .number(crate::requirements::Kind::ConcurrentUsers)
            .map(|u| ctx.peak_rps() / u.max(1.0));
        let limit = per_user
            .map(|r| ((r * 300.0 * 10.0).ceil() as u64).max(100))
            .unwrap_or(2000);
        EdgeProtection {
            service: row
                .map(|r| r.service.clone())
                .unwrap_or_else(|| "WAF".into()),
            configuration: format!(
                "{}; rate limit {} requests per 5 min per IP{}",
                comps
                    .iter()
                    .find(|c| c.id == "waf")
                    .map(|c| c.configuration.clone())
                    .or_else(|| row.map(|r| r.config.clone()))
                    .unwrap_or_default(),
                limit,
                if per_user.is_some() {
                    " (10 × a peak user's rate)"
                } else {
                    " (starting value; tune from logs)"
                }
            ),
            why: vec![ctx.exposure_basis.clone()],
        }
    });
    let ddos_row = ctx.cat.first("ddos");
    let ddos = EdgeProtection {
        service: ddos_row.map(|r| r.service.clone()).unwrap_or_default(),
        configuration: ddos_row.map(|r| r.config.clone()).unwrap_or_default(),
        why: vec![ctx.exposure_basis.clone()],
    };
    let identity = match p {
        Provider::Aws => "IAM role",
        Provider::Gcp => "service account",
        Provider::Azure => "managed identity",
    };
    let mut app_perms = vec!["read its own secrets (by name prefix)".to_string()];
    if let Some(db) = comps.iter().find(|c| c.id == "db") {
        app_perms.push(format!(
            "connect to {} as the application user (no DDL)",
            db.service
        ));
    }
    if has("queue") {
        app_perms.push("send/receive/delete on its own queue only".into());
    }
    if has("storage") {
        app_perms.push("read/write objects under its bucket prefix".into());
    }
    if has("kms") {
        app_perms.push("decrypt with the data keys of its stores".into());
    }
    app_perms.push("write logs, metrics and traces".into());
    let mut iam = vec![
        IamRole {
            name: format!("app-runtime ({identity})"),
            principal: "application instances".into(),
            permissions: app_perms,
            why: vec![],
        },
        IamRole {
            name: format!("ci-deployer ({identity}, federated from CI)"),
            principal: "CI/CD pipeline".into(),
            permissions: vec![
                "push images".into(),
                "update the application service".into(),
                "apply IaC to its environment (state bucket access)".into(),
                "no read access to data stores".into(),
            ],
            why: vec![],
        },
        IamRole {
            name: "operator-readonly".into(),
            principal: "on-call engineers via SSO with MFA".into(),
            permissions: vec!["read metrics, logs, traces and configuration".into()],
            why: vec![],
        },
        IamRole {
            name: "break-glass-admin".into(),
            principal: "on-call lead, time-boxed, MFA".into(),
            permissions: vec![
                "administrative access to the production account/project".into(),
                "every use alerted and reviewed".into(),
            ],
            why: comp_ids.clone(),
        },
    ];
    if has("db") {
        iam.push(IamRole {
            name: "db-migrator".into(),
            principal: "migration job in the deploy pipeline".into(),
            permissions: vec!["DDL on the application schema".into()],
            why: vec![],
        });
    }
    let cmk = ctx.frameworks.iter().any(|(f, _)| f.customer_managed_keys);
    let secrets = SecretsPlan {
        service: svc(comps, "secrets").unwrap_or_default(),
        secrets: {
            let mut s = vec![];
            if has("db") {
                s.push("database credentials".to_string());
            }
            if has("cache") {
                s.push("cache auth token".to_string());
            }
            s.push("third-party API keys".to_string());
            s
        },
        rotation_days: d.secret_rotation_days,
        access: format!(
            "read at start by the app-runtime {identity}; never in images, environment files or IaC state"
        ),
    };
    let encryption = Encryption {
        in_transit:
            "TLS 1.2+ from clients to the entry point and from the application to every data store"
                .into(),
        at_rest: if cmk {
            "customer-managed keys for database, backups, cache, object storage and logs".into()
        } else {
            "provider-managed encryption at rest on every data store and backup (default)".into()
        },
        key_management: if cmk {
            format!(
                "{} with automatic yearly rotation; key use logged",
                svc(comps, "kms").unwrap_or_default()
            )
        } else {
            "provider-managed keys; no compliance requirement calls for customer-managed keys"
                .into()
        },
        why: if cmk { comp_ids.clone() } else { vec![] },
    };
    let mut monitoring = vec![format!(
        "{} kept and alerted on IAM policy, {fw} and key changes",
        svc(comps, "audit").unwrap_or_else(|| "Control-plane audit log".into())
    )];
    if let Some(t) = svc(comps, "threat") {
        monitoring.push(format!("{t} findings of high severity page the on-call"));
    }
    if let Some(c) = svc(comps, "config") {
        monitoring.push(format!("{c} flags drift from the IaC baseline"));
    }
    if ctx.public && waf_placed {
        monitoring
            .push("WAF blocked-request rate alerted when it exceeds 5× its 7-day baseline".into());
    }
    Security {
        network: NetworkLayout {
            summary,
            cidr: "10.0.0.0/16".into(),
            subnets,
            egress: if pkind == PlatformKind::Functions {
                "functions reach data stores through VPC integration; outbound via provider endpoints".into()
            } else {
                "private subnets egress through NAT; provider services through private endpoints"
                    .into()
            },
        },
        firewall_rules: rules,
        waf,
        ddos,
        iam_roles: iam,
        secrets,
        encryption,
        private_access: if ctx.public {
            "Operators reach private resources only through the provider's session manager / IAP / Bastion with SSO; no SSH from the internet".into()
        } else {
            "Users and operators reach the internal endpoint over the corporate VPN; operators use the provider's session manager with SSO".into()
        },
        monitoring,
    }
}

pub fn compliance(
    ctx: &Ctx,
    comps: &[Component],
    region: &str,
    backup_days: u32,
) -> Vec<ComplianceFramework> {
    let name = |id: &str, fallback: &str| svc(comps, id).unwrap_or_else(|| fallback.to_string());
    let fill = |s: &str| {
        s.replace("{logs}", &name("logs", "the log service"))
            .replace("{archive}", &name("storage", "object storage"))
            .replace("{kms}", &name("kms", "the key service"))
            .replace("{secrets}", &name("secrets", "the secrets service"))
            .replace("{audit}", &name("audit", "the audit log"))
            .replace("{config}", &name("config", "configuration monitoring"))
            .replace("{threat}", &name("threat", "threat detection"))
            .replace("{waf}", &name("waf", "the WAF"))
            .replace("{region}", region)
    };
    ctx.frameworks
        .iter()
        .map(|(f, ids)| ComplianceFramework {
            name: f.name.clone(),
            requirements: ids.clone(),
            controls: f
                .control
                .iter()
                .map(|c| {
                    let mut implementation = fill(&c.implementation);
                    if f.name == "GDPR" && c.reference.starts_with("Art. 17") {
                        implementation = format!("{implementation} ({backup_days} days here)");
                    }
                    Control {
                        reference: c.reference.clone(),
                        requirement: c.requirement.clone(),
                        parameter: c.parameter.clone(),
                        implementation,
                        source: c.source.clone(),
                        verified: c.verified,
                    }
                })
                .collect(),
        })
        .collect()
}
