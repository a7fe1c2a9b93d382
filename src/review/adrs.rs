//! ADR immutability across revisions: supersede, don't edit.
//!
//! Once a document has been approved its Accepted ADRs are frozen. A revision
//! whose design reaches a different decision on the same topic adds a new ADR
//! that `Supersedes ADR-n`, and ADR-n's status becomes `Superseded by ADR-m`,
//! the only change ever made to it. A frozen decision that no longer applies is
//! marked `Deprecated`. Proposed ADRs (never approved) may be rewritten, and
//! keep their ids when their topic survives, so links to them stay valid.

use crate::design::Adr;

/// The outcome of merging a fresh design's ADRs into the previous revision's.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub adrs: Vec<Adr>,
    /// `(old, new)`: ADR `new` supersedes ADR `old`.
    pub superseded: Vec<(String, String)>,
    /// ADRs marked Deprecated because their decision no longer applies.
    pub deprecated: Vec<String>,
    /// Frozen ADRs carried over unchanged (their text must survive byte for byte).
    pub frozen: Vec<String>,
}

fn number(id: &str) -> u32 {
    id.trim_start_matches("ADR-").parse().unwrap_or(0)
}

fn topic(a: &Adr) -> &str {
    if a.topic.is_empty() {
        &a.title
    } else {
        &a.topic
    }
}

fn is_proposed(a: &Adr) -> bool {
    a.status.trim().eq_ignore_ascii_case("proposed")
}

fn is_accepted(a: &Adr) -> bool {
    a.status.trim().eq_ignore_ascii_case("accepted")
}

/// Same decision: same title and same decision text once the quantities in
/// them are set aside. Context and consequences restate numbers, and a
/// decision's text may too ("Multi-AZ for the 99.95% target"); a number that
/// moved is not a new decision. Names with digits in them (`db.t3.large`,
/// `eu-central-1`) are words, not quantities, so a changed instance class or
/// region still is one.
fn same_decision(a: &Adr, b: &Adr) -> bool {
    without_quantities(&a.title) == without_quantities(&b.title)
        && without_quantities(&a.decision) == without_quantities(&b.decision)
}

/// The text with every free-standing number (`99.95`, `2,000`, `$1,234.50`,
/// `30`) replaced by `#` and whitespace collapsed.
fn without_quantities(text: &str) -> String {
    static NUM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[\s(\[$~≈<>≤≥=×/+])\$?\d[\d,]*(?:\.\d+)?").expect("number")
    });
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    NUM.replace_all(&collapsed, |c: &regex::Captures<'_>| {
        let m = &c[0];
        let lead: String = m
            .chars()
            .take_while(|ch| !ch.is_ascii_digit() && *ch != '$')
            .collect();
        format!("{lead}#")
    })
    .into_owned()
}

/// Merge `fresh` (a new design's ADRs, all Proposed) into `previous`.
pub fn merge(previous: &[Adr], fresh: Vec<Adr>) -> Merged {
    let ever_approved = previous.iter().any(|a| !is_proposed(a));
    if !ever_approved {
        // A draft's ADRs are proposals: the new design simply replaces them.
        return Merged {
            adrs: fresh,
            superseded: Vec::new(),
            deprecated: Vec::new(),
            frozen: Vec::new(),
        };
    }
    let mut out: Vec<Adr> = previous
        .iter()
        .filter(|a| !is_proposed(a))
        .cloned()
        .collect();
    let frozen: Vec<String> = out.iter().map(|a| a.id.clone()).collect();
    let proposed_before: Vec<&Adr> = previous.iter().filter(|a| is_proposed(a)).collect();
    let mut next = previous.iter().map(|a| number(&a.id)).max().unwrap_or(0) + 1;
    let mut superseded = Vec::new();
    let mut seen_topics: Vec<String> = Vec::new();

    for mut f in fresh {
        let t = topic(&f).to_string();
        seen_topics.push(t.clone());
        let current = out.iter().position(|a| is_accepted(a) && topic(a) == t);
        if let Some(i) = current
            && same_decision(&out[i], &f)
        {
            continue;
        }
        // A proposal rewritten again keeps its id and what it supersedes, so the
        // frozen ADR's "Superseded by" link still points at it.
        let (id, inherited) = match proposed_before.iter().find(|p| topic(p) == t) {
            Some(p) => (p.id.clone(), p.supersedes.clone()),
            None => {
                let id = format!("ADR-{next}");
                next += 1;
                (id, None)
            }
        };
        f.id = id;
        f.status = "Proposed".to_string();
        f.supersedes = inherited;
        if let Some(i) = current {
            out[i].status = format!("Superseded by {}", f.id);
            f.supersedes = Some(out[i].id.clone());
            superseded.push((out[i].id.clone(), f.id.clone()));
        }
        out.push(f);
    }
    let mut deprecated = Vec::new();
    for a in out.iter_mut() {
        if is_accepted(a) && frozen.contains(&a.id) && !seen_topics.iter().any(|t| t == topic(a)) {
            a.status = "Deprecated".to_string();
            deprecated.push(a.id.clone());
        }
    }
    out.sort_by_key(|a| number(&a.id));
    let frozen = frozen
        .into_iter()
        .filter(|id| out.iter().any(|a| &a.id == id))
        .collect();
    Merged {
        adrs: out,
        superseded,
        deprecated,
        frozen,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::Consequences;

    #[test]
    fn quantities_are_not_the_decision() {
        for (a, b, same) in [
            (
                "Multi-AZ for the 99.9% target",
                "Multi-AZ for the 99.95% target",
                true,
            ),
            ("2 tasks of 1 vCPU", "4 tasks of 1 vCPU", true),
            ("Budget $2,000/month", "Budget $3,500/month", true),
            ("db.t3.large Multi-AZ", "db.t3.xlarge Multi-AZ", false),
            (
                "Primary region eu-west-1",
                "Primary region eu-central-1",
                false,
            ),
            (
                "Amazon RDS for PostgreSQL",
                "Amazon Aurora PostgreSQL",
                false,
            ),
        ] {
            assert_eq!(
                without_quantities(a) == without_quantities(b),
                same,
                "{a} / {b}"
            );
        }
    }

    fn adr(id: &str, topic: &str, title: &str, decision: &str, status: &str) -> Adr {
        Adr {
            id: id.into(),
            title: title.into(),
            status: status.into(),
            context: "ctx".into(),
            decision: decision.into(),
            consequences: Consequences {
                positive: vec![],
                negative: vec![],
                risks: vec![],
            },
            alternatives: vec![],
            serves: vec![],
            topic: topic.into(),
            supersedes: None,
        }
    }

    #[test]
    fn draft_adrs_are_rewritten() {
        let prev = [adr("ADR-1", "platform", "ECS", "Use ECS.", "Proposed")];
        let fresh = vec![adr("ADR-1", "platform", "EKS", "Use EKS.", "Proposed")];
        let m = merge(&prev, fresh.clone());
        assert_eq!(m.adrs, fresh);
        assert!(m.superseded.is_empty());
    }

    /// Table: what a revision after approval does to each ADR.
    #[test]
    fn accepted_adrs_are_superseded_not_edited() {
        let prev = [
            adr("ADR-1", "platform", "Run on ECS", "Use ECS.", "Accepted"),
            adr(
                "ADR-2",
                "database",
                "Multi-AZ RDS",
                "RDS Multi-AZ.",
                "Accepted",
            ),
            adr("ADR-3", "cache", "ElastiCache", "Use Redis.", "Accepted"),
        ];
        let fresh = vec![
            adr("ADR-1", "platform", "Run on EKS", "Use EKS.", "Proposed"),
            adr(
                "ADR-2",
                "database",
                "Multi-AZ RDS",
                "RDS Multi-AZ.",
                "Proposed",
            ),
            adr(
                "ADR-3",
                "dr",
                "Warm standby",
                "Warm standby in eu-central-1.",
                "Proposed",
            ),
        ];
        let m = merge(&prev, fresh);
        let got: Vec<(&str, &str, Option<&str>)> = m
            .adrs
            .iter()
            .map(|a| (a.id.as_str(), a.status.as_str(), a.supersedes.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("ADR-1", "Superseded by ADR-4", None),
                ("ADR-2", "Accepted", None),
                ("ADR-3", "Deprecated", None),
                ("ADR-4", "Proposed", Some("ADR-1")),
                ("ADR-5", "Proposed", None),
            ]
        );
        // Frozen ADRs keep every field but the status.
        assert_eq!(m.adrs[0].decision, "Use ECS.");
        assert_eq!(m.superseded, [("ADR-1".to_string(), "ADR-4".to_string())]);
        assert_eq!(m.deprecated, ["ADR-3"]);
    }

    #[test]
    fn proposed_successor_keeps_its_id_when_revised_again() {
        let mut successor = adr("ADR-2", "platform", "Run on EKS", "Use EKS.", "Proposed");
        successor.supersedes = Some("ADR-1".into());
        let prev = [
            adr(
                "ADR-1",
                "platform",
                "Run on ECS",
                "Use ECS.",
                "Superseded by ADR-2",
            ),
            successor,
        ];
        let fresh = vec![adr(
            "ADR-1",
            "platform",
            "Run on Cloud Run",
            "Use Cloud Run.",
            "Proposed",
        )];
        let m = merge(&prev, fresh);
        assert_eq!(m.adrs.len(), 2);
        assert_eq!(m.adrs[0].status, "Superseded by ADR-2");
        assert_eq!(m.adrs[1].id, "ADR-2");
        assert_eq!(m.adrs[1].title, "Run on Cloud Run");
        assert_eq!(m.adrs[1].supersedes.as_deref(), Some("ADR-1"));
    }
}
