//! IA503 missing-security-part: the rule, its documentation ([`DOC`], which `infrarch rule IA503` prints) and its tests.

use super::missing_parts;
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA503",
    name: "missing-security-part",
    severity: Severity::Error,
    summary: "Security does not cover network security, access control or security monitoring",
    help: "cover network (VPC, security groups, WAF), access (IAM roles, secrets) and security monitoring",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks that §7 Security Infrastructure covers its three parts: network security,
access control, and security monitoring. A part counts when a sub-heading names
it (and has content), or when the section's text talks about it (VPC, firewall,
WAF; IAM, roles, secrets; GuardDuty, SIEM, audit logs, alerts). Keywords are in
`data/lint/template.toml`. A missing part is reported after the section's last
line. A missing or empty §7 is IA501/IA502's finding, not this one.

## Why is this bad?
"Always consider security from the start; never skip security considerations."
A security section that only says "TLS everywhere" leaves the network, who may
do what, and how an intrusion is noticed undecided.

## Example
```markdown
## 7. Security Infrastructure
All traffic uses TLS 1.2+.
```
Use instead: add 7.1 Network Security (private subnets, SG rules, WAF),
7.2 Access Control (IAM roles per service, Secrets Manager rotation), 7.3
Security Monitoring (GuardDuty findings to PagerDuty).
"####
);

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    missing_parts(ctx, 7, out);
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            (
                "## 7. Security Infrastructure\n\nAll traffic uses TLS 1.2+.\n",
                3,
            ),
            (
                "## 7. Security\n\n### 7.1 Network Security\n\nPrivate subnets.\n\n### 7.2 Access Control\n\nIAM roles.\n\n### 7.3 Security Monitoring\n\nGuardDuty.\n",
                0,
            ),
            (
                "## 7. Security\n\n- VPC with private subnets\n- IAM roles per task\n- GuardDuty findings page on-call\n",
                0,
            ),
            (
                "## 7. Security\n\n### 7.1 Network Security\n\n### 7.2 Access\n\nIAM roles; CloudTrail audit log.\n",
                1,
            ),
            ("## 8. Observability\n\nx\n", 0),
        ];
        for (text, n) in table {
            assert_eq!(run("IA503", text).len(), *n, "{text}");
        }
        let f = run(
            "IA503",
            "## 7. Security\n\nTLS 1.3 only.\n\n## 8. Observability\n\nx\n",
        );
        // At the section's heading.
        assert!(f.iter().all(|x| x.0 == 1), "{f:?}");
    }
}
