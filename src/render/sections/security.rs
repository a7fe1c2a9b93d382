//! Section 7, Security Infrastructure.

use super::{Input, nested, refs};
use crate::render::Doc;

pub fn render(d: &mut Doc, x: &Input) {
    let s = &x.design.security;
    d.h2("7. Security Infrastructure");

    d.h3("7.1 Network Security");
    let n = &s.network;
    let mut subnets: Vec<String> = n
        .subnets
        .iter()
        .map(|sub| {
            let contains = if sub.contains.is_empty() {
                String::new()
            } else {
                format!(": {}", sub.contains.join(", "))
            };
            format!(
                "{} ({}, {}){contains}",
                sub.name,
                sub.tier,
                sub.cidrs.join(", ")
            )
        })
        .collect();
    if !n.egress.is_empty() {
        subnets.push(format!("Egress: {}", n.egress));
    }
    let rules: Vec<String> = s
        .firewall_rules
        .iter()
        .map(|r| {
            format!(
                "{}: {} {} → {} on {}{}",
                r.name,
                r.action,
                r.source,
                r.destination,
                r.port,
                refs(&r.why)
            )
        })
        .collect();
    let waf = match &s.waf {
        Some(w) => format!(
            "**WAF (Web Application Firewall):** {} — {}{}",
            w.service,
            w.configuration,
            refs(&w.why)
        ),
        None => "**WAF (Web Application Firewall):** none — the design has no public endpoint to protect".to_string(),
    };
    d.bullets(&[
        nested(
            &format!("**VPC/VNet Configuration:** {}", n.summary),
            &subnets,
        ),
        if rules.is_empty() {
            "**Firewall Rules:** deny all inbound; no service listens publicly".to_string()
        } else {
            nested("**Firewall Rules:**", &rules)
        },
        format!(
            "**DDoS Protection:** {} — {}{}",
            s.ddos.service,
            s.ddos.configuration,
            refs(&s.ddos.why)
        ),
        waf,
    ]);

    d.h3("7.2 Access Control");
    let roles: Vec<String> = s
        .iam_roles
        .iter()
        .map(|r| {
            format!(
                "{} (assumed by {}): {}{}",
                r.name,
                r.principal,
                r.permissions.join("; "),
                refs(&r.why)
            )
        })
        .collect();
    let sec = &s.secrets;
    let mut secrets = sec.service.clone();
    if !sec.secrets.is_empty() {
        secrets.push_str(&format!(" holds {}", sec.secrets.join(", ")));
    }
    if sec.rotation_days > 0 {
        secrets.push_str(&format!("; rotated every {} days", sec.rotation_days));
    }
    if !sec.access.is_empty() {
        secrets.push_str(&format!("; {}", sec.access));
    }
    let e = &s.encryption;
    d.bullets(&[
        if roles.is_empty() {
            "**IAM Roles:** no custom role; the platform's default service identity only"
                .to_string()
        } else {
            nested("**IAM Roles:**", &roles)
        },
        format!("**Secrets Management:** {secrets}"),
        format!("**VPN/Private Networks:** {}", s.private_access),
        format!(
            "**Encryption:** in transit {}; at rest {}; keys {}{}",
            e.in_transit,
            e.at_rest,
            e.key_management,
            refs(&e.why)
        ),
    ]);

    d.h3("7.3 Security Monitoring");
    if s.monitoring.is_empty() {
        d.para("Security events go to the audit log described in 8.1; no separate security monitoring service is added.");
    } else {
        d.bullets(&s.monitoring);
    }
}
