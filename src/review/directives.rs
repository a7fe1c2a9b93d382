//! Reading `/revise` feedback into directives the design can apply.
//!
//! Feedback is free text ("move to GCP; availability 99.99%, no Redis"). It is
//! split into clauses and each clause is matched against the directive forms
//! below. A clause that matches none is never dropped: it comes back in
//! [`Parsed::unrecognised`], in the user's own words, and becomes an open
//! question in the revised document.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::catalog::Provider;
use crate::requirements::Kind;

/// One change the reviewer asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "directive", rename_all = "snake_case")]
pub enum Directive {
    /// Move the design to another cloud provider.
    Provider { provider: Provider },
    /// Deploy in a named region.
    Region { region: String },
    /// Require a runtime platform (`kubernetes`, `ecs`, `cloud-run`, `serverless`, `vm`…).
    Platform { platform: String },
    /// Rule a runtime platform out.
    ForbidPlatform { platform: String },
    /// Set a numeric target; `value` is in the kind's canonical unit.
    Target {
        kind: Kind,
        value: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        percentile: Option<u8>,
    },
    /// Add a compliance framework.
    AddCompliance { framework: String },
    /// Drop a compliance framework.
    DropCompliance { framework: String },
    /// Use (or prefer) a named technology.
    UseTechnology { name: String },
    /// Never use a named technology.
    ForbidTechnology { name: String },
    /// Bring the monthly cost down where no requirement stops it.
    ReduceCost,
}

/// The feedback, read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub directives: Vec<Directive>,
    /// Clauses no directive form matched, verbatim.
    pub unrecognised: Vec<String>,
}

/// Read feedback text into directives.
pub fn parse(feedback: &str) -> Parsed {
    let mut out = Parsed::default();
    for clause in clauses(feedback) {
        let found = parse_clause(&clause);
        if found.is_empty() {
            out.unrecognised.push(clause);
        } else {
            for d in found {
                if !out.directives.contains(&d) {
                    out.directives.push(d);
                }
            }
        }
    }
    out
}

/// Split on `;`, newlines, sentence ends and commas/`and` between clauses.
/// A period inside a number (`99.9`) or a region (`eu-west-1`) never splits.
fn clauses(text: &str) -> Vec<String> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\s*(?:;|\n|\.(?:\s+|$)|,\s+(?:and\s+|but\s+)?|\s+and\s+|\s+but\s+|\s+then\s+)\s*",
        )
        .expect("valid clause regex")
    });
    SPLIT
        .split(text.trim())
        .map(|c| c.trim().trim_end_matches('.').trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

struct Form {
    re: Regex,
    build: fn(&regex::Captures<'_>) -> Option<Directive>,
}

fn num(caps: &regex::Captures<'_>, name: &str) -> Option<f64> {
    let raw = caps.name(name)?.as_str().replace([',', '_'], "");
    let (digits, mult) = match raw.chars().last() {
        Some('k' | 'K') => (&raw[..raw.len() - 1], 1_000.0),
        Some('M') => (&raw[..raw.len() - 1], 1_000_000.0),
        _ => (raw.as_str(), 1.0),
    };
    digits.parse::<f64>().ok().map(|n| n * mult)
}

/// Seconds in a duration unit word.
fn unit_seconds(unit: &str) -> Option<f64> {
    let u = unit.to_ascii_lowercase();
    Some(match u.as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3_600.0,
        "d" | "day" | "days" => 86_400.0,
        _ => return None,
    })
}

fn provider(word: &str) -> Option<Provider> {
    match word.to_ascii_lowercase().as_str() {
        "aws" | "amazon" | "amazon web services" => Some(Provider::Aws),
        "gcp" | "google cloud" | "google cloud platform" | "google" => Some(Provider::Gcp),
        "azure" | "microsoft azure" => Some(Provider::Azure),
        _ => None,
    }
}

/// Canonical platform name for a platform word, when it is one.
fn platform(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().trim() {
        "kubernetes" | "k8s" | "eks" | "gke" | "aks" => "kubernetes",
        "ecs" | "fargate" | "ecs fargate" => "ecs",
        "cloud run" | "cloud-run" => "cloud-run",
        "container apps" | "azure container apps" => "container-apps",
        "serverless" | "lambda" | "functions" | "cloud functions" | "azure functions" => {
            "serverless"
        }
        "vms" | "vm" | "virtual machines" | "ec2" | "compute engine" => "vm",
        _ => return None,
    })
}

/// Canonical compliance framework for a name, when it is one.
fn framework(word: &str) -> Option<&'static str> {
    let w = word.to_ascii_lowercase().replace([' ', '-', '_'], "");
    Some(match w.as_str() {
        "hipaa" => "HIPAA",
        "pci" | "pcidss" => "PCI-DSS",
        "gdpr" => "GDPR",
        "soc2" | "soc2typeii" | "soc2type2" => "SOC2",
        "iso27001" | "iso" => "ISO27001",
        "fedramp" => "FedRAMP",
        "ccpa" => "CCPA",
        _ => return None,
    })
}

static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
    let f = |re: &str, build: fn(&regex::Captures<'_>) -> Option<Directive>| Form {
        re: Regex::new(re).expect("valid directive regex"),
        build,
    };
    const NUM: &str = r"(?P<n>\d[\d,_]*(?:\.\d+)?(?-i:[kK]|M)?)";
    vec![
        // Provider: "move to GCP", "use Azure", "switch to AWS", "on gcp".
        f(
            r"(?i)^(?:please\s+)?(?:move|migrate|switch|change|port|go)(?:\s+\w+)?\s+to\s+(?P<p>aws|amazon(?: web services)?|gcp|google cloud(?: platform)?|google|(?:microsoft )?azure)\b",
            |c| provider(&c["p"]).map(|provider| Directive::Provider { provider }),
        ),
        f(
            r"(?i)^(?:please\s+)?(?:use|target|deploy (?:on|to)|run on|host on)\s+(?P<p>aws|amazon web services|gcp|google cloud(?: platform)?|(?:microsoft )?azure)$",
            |c| provider(&c["p"]).map(|provider| Directive::Provider { provider }),
        ),
        // Region: "region eu-west-1", "deploy in europe-west1", "use us-east-1".
        f(
            r"(?i)\b(?:region\s+(?:is\s+|to\s+|should be\s+)?|(?:deploy|run|host)\s+in\s+|use\s+|move\s+to\s+)(?P<r>[a-z]{2}(?:-[a-z]+)+-?\d|[a-z]+(?:europe|asia|us|east|west|north|south)[a-z]*\d?|[a-z]+-[a-z]+\d)\b",
            |c| {
                let r = c["r"].to_ascii_lowercase();
                // Provider names never count as regions.
                (provider(&r).is_none()).then_some(Directive::Region { region: r })
            },
        ),
        // Platform ban: "no Kubernetes", "don't use k8s", "avoid Lambda".
        f(
            r"(?i)^(?:no|not|without|avoid|drop|remove|do not use|don't use|dont use|never use|stop using)\s+(?P<p>kubernetes|k8s|eks|gke|aks|ecs(?: fargate)?|fargate|cloud run|cloud-run|(?:azure )?container apps|serverless|lambda|(?:cloud |azure )?functions|vms?|virtual machines|ec2|compute engine)$",
            |c| platform(&c["p"]).map(|p| Directive::ForbidPlatform { platform: p.into() }),
        ),
        // Platform choice: "use Kubernetes", "move to Cloud Run", "run on ECS".
        f(
            r"(?i)^(?:please\s+)?(?:use|prefer|switch to|move to|run on|deploy (?:on|to)|go with)\s+(?P<p>kubernetes|k8s|eks|gke|aks|ecs(?: fargate)?|fargate|cloud run|cloud-run|(?:azure )?container apps|serverless|lambda|(?:cloud |azure )?functions|vms?|virtual machines|ec2|compute engine)$",
            |c| platform(&c["p"]).map(|p| Directive::Platform { platform: p.into() }),
        ),
        // Availability: "availability 99.99%", "99.95% uptime", "target four nines".
        f(
            &format!(r"(?i)\b(?:availability|uptime|sla|slo)\b[^\d]{{0,20}}{NUM}\s*%"),
            |c| {
                num(c, "n")
                    .filter(|v| *v > 50.0 && *v <= 100.0)
                    .map(|value| Directive::Target {
                        kind: Kind::Availability,
                        value,
                        percentile: None,
                    })
            },
        ),
        f(
            &format!(r"(?i){NUM}\s*%\s*(?:availability|uptime|available)"),
            |c| {
                num(c, "n")
                    .filter(|v| *v > 50.0 && *v <= 100.0)
                    .map(|value| Directive::Target {
                        kind: Kind::Availability,
                        value,
                        percentile: None,
                    })
            },
        ),
        f(r"(?i)\b(?P<w>two|three|four|five)\s+nines\b", |c| {
            let value = match c["w"].to_ascii_lowercase().as_str() {
                "two" => 99.0,
                "three" => 99.9,
                "four" => 99.99,
                _ => 99.999,
            };
            Some(Directive::Target {
                kind: Kind::Availability,
                value,
                percentile: None,
            })
        }),
        // Latency: "p95 latency 200ms", "latency under 150 ms at p99", "p99 < 1 s".
        f(
            &format!(
                r"(?i)\b(?:p(?P<p1>50|90|95|99)\s+)?latency\b[^\d]{{0,24}}{NUM}\s*(?P<u>ms|milliseconds?|s|sec|seconds?)\b(?:\s+(?:at\s+)?p(?P<p2>50|90|95|99))?"
            ),
            |c| {
                let mut v = num(c, "n")?;
                if !c["u"].to_ascii_lowercase().starts_with("m") {
                    v *= 1000.0;
                }
                let p = c
                    .name("p1")
                    .or(c.name("p2"))
                    .and_then(|m| m.as_str().parse().ok())
                    .unwrap_or(95);
                Some(Directive::Target {
                    kind: Kind::Latency,
                    value: v,
                    percentile: Some(p),
                })
            },
        ),
        f(
            &format!(
                r"(?i)\bp(?P<p>50|90|95|99)\b[^\d]{{0,16}}{NUM}\s*(?P<u>ms|milliseconds?|s|sec|seconds?)\b"
            ),
            |c| {
                let mut v = num(c, "n")?;
                if !c["u"].to_ascii_lowercase().starts_with("m") {
                    v *= 1000.0;
                }
                Some(Directive::Target {
                    kind: Kind::Latency,
                    value: v,
                    percentile: c["p"].parse().ok(),
                })
            },
        ),
        // RTO / RPO: "RTO 30 minutes", "rpo of 5 min", "RTO < 1h".
        f(
            &format!(
                r"(?i)\b(?P<k>rto|rpo)\b[^\d]{{0,16}}{NUM}\s*(?P<u>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b"
            ),
            |c| {
                let kind = if c["k"].eq_ignore_ascii_case("rto") {
                    Kind::Rto
                } else {
                    Kind::Rpo
                };
                let value = num(c, "n")? * unit_seconds(&c["u"])?;
                Some(Directive::Target {
                    kind,
                    value,
                    percentile: None,
                })
            },
        ),
        // Throughput: "throughput 500 rps", "1,000 requests per second", "peak 2k req/s".
        f(
            &format!(r"(?i){NUM}\s*(?:rps|req/s|requests?\s*(?:/|per)\s*s(?:ec(?:ond)?)?)\b"),
            |c| {
                num(c, "n").map(|value| Directive::Target {
                    kind: Kind::Throughput,
                    value,
                    percentile: None,
                })
            },
        ),
        // Concurrency: "5,000 concurrent users".
        f(
            &format!(r"(?i){NUM}\s*(?:concurrent|simultaneous)\s+(?:users|sessions|connections)"),
            |c| {
                num(c, "n").map(|value| Directive::Target {
                    kind: Kind::ConcurrentUsers,
                    value,
                    percentile: None,
                })
            },
        ),
        // Budget: "budget is $2k/month", "budget 3000 USD", "keep it under $1,500 a month".
        f(
            &format!(
                r"(?i)\b(?:budget|spend|cost|keep it)\b[^\d$]{{0,24}}(?:\$|usd\s*)?{NUM}(?:\s*(?:usd|dollars))?(?:\s*(?:/|per|a)\s*(?:month|mo))?"
            ),
            |c| {
                num(c, "n")
                    .filter(|v| *v >= 1.0)
                    .map(|value| Directive::Target {
                        kind: Kind::Budget,
                        value,
                        percentile: None,
                    })
            },
        ),
        // Compliance: "add HIPAA", "we need SOC 2", "must be PCI compliant", "drop GDPR".
        f(
            r"(?i)^(?:drop|remove|no longer (?:need|require)|without|no)\s+(?:the\s+)?(?P<f>hipaa|pci(?:[ -]?dss)?|gdpr|soc ?2(?: type (?:ii|2))?|iso ?27001|fedramp|ccpa)(?:\s+(?:compliance|controls|requirements?|scope))?$",
            |c| {
                framework(&c["f"]).map(|f| Directive::DropCompliance {
                    framework: f.into(),
                })
            },
        ),
        f(
            r"(?i)\b(?:add|need|needs|require|requires|must (?:meet|be|comply with)|comply with|support|in scope for)\s+(?:the\s+)?(?P<f>hipaa|pci(?:[ -]?dss)?|gdpr|soc ?2(?: type (?:ii|2))?|iso ?27001|fedramp|ccpa)\b",
            |c| {
                framework(&c["f"]).map(|f| Directive::AddCompliance {
                    framework: f.into(),
                })
            },
        ),
        // Cost: "reduce cost", "make it cheaper", "cut costs".
        f(
            r"(?i)\b(?:reduce|lower|cut|minimi[sz]e|bring down)\s+(?:the\s+)?(?:monthly\s+|infra(?:structure)?\s+)?costs?\b|\bcheaper\b",
            |_| Some(Directive::ReduceCost),
        ),
        // Technology ban: "no Redis", "don't use Kafka", "avoid DynamoDB".
        f(
            r"(?i)^(?:no|avoid|drop|remove|do not use|don't use|dont use|never use|stop using|without)\s+(?P<t>[A-Za-z][\w.+ -]{1,30})$",
            |c| tech_name(&c["t"]).map(|name| Directive::ForbidTechnology { name }),
        ),
        // Technology choice: "use Aurora", "prefer DynamoDB", "switch to Kafka".
        f(
            r"(?i)^(?:please\s+)?(?:use|prefer|switch to|move to|go with|adopt)\s+(?P<t>[A-Za-z][\w.+ -]{1,30})(?:\s+instead(?:\s+of\s+.*)?)?$",
            |c| tech_name(&c["t"]).map(|name| Directive::UseTechnology { name }),
        ),
    ]
});

/// A technology name from free text, when it looks like one (a short name,
/// not a sentence fragment like "the other option").
fn tech_name(raw: &str) -> Option<String> {
    let t = raw.trim().trim_end_matches('.').trim();
    let lower = t.to_ascii_lowercase();
    const NOT_NAMES: [&str; 12] = [
        "it",
        "this",
        "that",
        "the",
        "a",
        "an",
        "more",
        "less",
        "something",
        "another",
        "other",
        "them",
    ];
    let first = lower.split_whitespace().next().unwrap_or("");
    if t.is_empty() || t.split_whitespace().count() > 3 || NOT_NAMES.contains(&first) {
        return None;
    }
    Some(lower)
}

fn parse_clause(clause: &str) -> Vec<Directive> {
    let mut found = Vec::new();
    for form in FORMS.iter() {
        if let Some(caps) = form.re.captures(clause)
            && let Some(d) = (form.build)(&caps)
        {
            // The general technology forms only apply when nothing more specific
            // (platform, provider, compliance) read the clause.
            let general = matches!(
                d,
                Directive::UseTechnology { .. } | Directive::ForbidTechnology { .. }
            );
            if general && !found.is_empty() {
                continue;
            }
            if !found.contains(&d) {
                found.push(d);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(kind: Kind, value: f64) -> Directive {
        Directive::Target {
            kind,
            value,
            percentile: None,
        }
    }

    #[test]
    fn directives_table() {
        use Directive::*;
        let cases: Vec<(&str, Vec<Directive>)> = vec![
            (
                "move to GCP",
                vec![Provider {
                    provider: crate::catalog::Provider::Gcp,
                }],
            ),
            (
                "Migrate everything to Azure",
                vec![Provider {
                    provider: crate::catalog::Provider::Azure,
                }],
            ),
            (
                "use AWS",
                vec![Provider {
                    provider: crate::catalog::Provider::Aws,
                }],
            ),
            (
                "region eu-central-1",
                vec![Region {
                    region: "eu-central-1".into(),
                }],
            ),
            (
                "deploy in europe-west1",
                vec![Region {
                    region: "europe-west1".into(),
                }],
            ),
            (
                "use Kubernetes",
                vec![Platform {
                    platform: "kubernetes".into(),
                }],
            ),
            (
                "no Kubernetes",
                vec![ForbidPlatform {
                    platform: "kubernetes".into(),
                }],
            ),
            (
                "don't use Lambda",
                vec![ForbidPlatform {
                    platform: "serverless".into(),
                }],
            ),
            (
                "switch to Cloud Run",
                vec![Platform {
                    platform: "cloud-run".into(),
                }],
            ),
            (
                "availability 99.99%",
                vec![target(Kind::Availability, 99.99)],
            ),
            (
                "we need 99.95% uptime",
                vec![target(Kind::Availability, 99.95)],
            ),
            ("four nines", vec![target(Kind::Availability, 99.99)]),
            (
                "p99 latency 150ms",
                vec![Target {
                    kind: Kind::Latency,
                    value: 150.0,
                    percentile: Some(99),
                }],
            ),
            (
                "latency under 1 s",
                vec![Target {
                    kind: Kind::Latency,
                    value: 1000.0,
                    percentile: Some(95),
                }],
            ),
            ("RTO 30 minutes", vec![target(Kind::Rto, 1800.0)]),
            ("rpo of 5 min", vec![target(Kind::Rpo, 300.0)]),
            ("RTO < 4h", vec![target(Kind::Rto, 14_400.0)]),
            (
                "throughput 1,500 rps",
                vec![target(Kind::Throughput, 1500.0)],
            ),
            (
                "peak 2k requests per second",
                vec![target(Kind::Throughput, 2000.0)],
            ),
            ("budget is $2k/month", vec![target(Kind::Budget, 2000.0)]),
            (
                "keep the budget under 3,500 USD per month",
                vec![target(Kind::Budget, 3500.0)],
            ),
            (
                "add HIPAA",
                vec![AddCompliance {
                    framework: "HIPAA".into(),
                }],
            ),
            (
                "we need SOC 2",
                vec![AddCompliance {
                    framework: "SOC2".into(),
                }],
            ),
            (
                "drop PCI DSS",
                vec![DropCompliance {
                    framework: "PCI-DSS".into(),
                }],
            ),
            (
                "remove GDPR",
                vec![DropCompliance {
                    framework: "GDPR".into(),
                }],
            ),
            (
                "use Aurora",
                vec![UseTechnology {
                    name: "aurora".into(),
                }],
            ),
            (
                "prefer DynamoDB",
                vec![UseTechnology {
                    name: "dynamodb".into(),
                }],
            ),
            (
                "no Redis",
                vec![ForbidTechnology {
                    name: "redis".into(),
                }],
            ),
            (
                "don't use Kafka",
                vec![ForbidTechnology {
                    name: "kafka".into(),
                }],
            ),
            ("reduce cost", vec![ReduceCost]),
            ("make it cheaper", vec![ReduceCost]),
        ];
        for (text, want) in cases {
            let got = parse(text);
            assert_eq!(got.directives, want, "{text}");
            assert!(
                got.unrecognised.is_empty(),
                "{text}: {:?}",
                got.unrecognised
            );
        }
    }

    #[test]
    fn several_clauses_and_unrecognised_kept_verbatim() {
        let got =
            parse("Move to GCP; availability 99.99%, no Redis. Also the on-call rota worries me.");
        assert_eq!(got.directives.len(), 3, "{got:?}");
        assert_eq!(got.unrecognised, ["Also the on-call rota worries me"]);
    }

    #[test]
    fn nothing_understood_is_all_kept() {
        let got = parse("I am not sure about this design");
        assert!(got.directives.is_empty());
        assert_eq!(got.unrecognised, ["I am not sure about this design"]);
    }

    #[test]
    fn decimals_do_not_split_clauses() {
        let got = parse("availability 99.9% and rto 1 h");
        assert_eq!(
            got.directives,
            [target(Kind::Availability, 99.9), target(Kind::Rto, 3600.0)]
        );
    }
}
