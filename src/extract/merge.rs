//! Merging the findings of a feature's documents: cloud and platform from
//! chosen technologies, ordering and ids, the primary of each kind, conflicts
//! and gaps.
//!
//! Primary rules, in order:
//! 1. a value for a later phase beats an earlier one (GA/production over an
//!    untagged value over beta over MVP); achieved values never get here;
//! 2. among values of the best phase, the stricter one wins (smaller latency,
//!    RTO, RPO and budget; larger availability, throughput and users);
//! 3. latency: a p95/p99 target beats a maximum or median, and an API or
//!    request-level target beats a page or job one; then the smallest value;
//! 4. labels (compliance, residency, cloud, platform): the first stated.
//!
//! Single-valued kinds whose best-phase values differ are a conflict, resolved
//! to the stricter value (the one rule 2 picks).

use super::DocFindings;
use super::measures::phase_of;
use super::tech::{self, Decision, Weight};
use super::vocab::VOCAB;
use crate::ingest::PlanningDoc;
use crate::requirements::{
    Conflict, DocKind, Kind, REQUIREMENTS_SCHEMA, Requirement, RequirementSet, Source, SourceDoc,
    Stance, Technology, Value,
};

/// Kinds where one value must be chosen and disagreement is a conflict.
pub fn single_valued(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Availability
            | Kind::Rto
            | Kind::Rpo
            | Kind::Budget
            | Kind::Throughput
            | Kind::ConcurrentUsers
    )
}

fn rank(r: &Requirement) -> u8 {
    r.phase.as_deref().map_or(2, |p| phase_of(&[p]).0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9)
}

fn stricter(kind: Kind, a: f64, b: f64) -> bool {
    if kind.smaller_is_stricter() {
        a < b
    } else {
        a > b
    }
}

fn api_level(r: &Requirement) -> bool {
    let s = r.subject.as_deref().unwrap_or("").to_lowercase();
    [
        "api",
        "request",
        "endpoint",
        "server",
        "backend",
        "接口",
        "请求",
        "요청",
        "リクエスト",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// Merge per-document findings into the feature's requirement set.
pub fn merge(feature: &str, docs: &[PlanningDoc], findings: Vec<DocFindings>) -> RequirementSet {
    let mut reqs: Vec<Requirement> = Vec::new();
    // Technologies, one per name across all documents, the most
    // authoritative statement winning: see `tech::settle`.
    let mut mentions = Vec::new();
    let mut ambiguities = Vec::new();
    for f in findings {
        reqs.extend(f.requirements);
        ambiguities.extend(f.ambiguities);
        mentions.extend(f.technologies.into_iter().zip(f.decisions));
    }
    let techs: Vec<(Technology, Weight)> = tech::settle(mentions);
    let row_of = |name: &str| VOCAB.techs.iter().find(|r| r.name == name);
    // A provider rejected by name is not chosen through one of its services.
    let rejected_clouds: Vec<&str> = techs
        .iter()
        .filter(|(_, w)| w.decision == Decision::Rejected)
        .filter_map(|(t, _)| row_of(&t.name))
        .filter(|r| r.role == "cloud" || r.role == "hosting")
        .filter_map(|r| r.provider.as_deref())
        .collect();
    let rejected_platforms: Vec<&str> = techs
        .iter()
        .filter(|(_, w)| w.decision == Decision::Rejected)
        .filter_map(|(t, _)| row_of(&t.name))
        .filter(|r| r.platform.as_deref() == Some(r.name.as_str()))
        .filter_map(|r| r.platform.as_deref())
        .collect();
    // The cloud and platform follow the most authoritative choices first (the
    // first stated label is primary); a provider or platform only a less
    // authoritative kind of document names (a story's "upload to S3" when the
    // architecture chooses GCP) does not join them.
    let mut order: Vec<&(Technology, Weight)> = techs.iter().collect();
    // Within a kind of document, the hosting provider (a cloud or hosting
    // company) is the primary cloud before a backend service the app uses
    // (Supabase, Firebase) or a provider implied by one of its components.
    let hosting = |t: &Technology| row_of(&t.name).is_some_and(|r| r.is_provider());
    order.sort_by_key(|(t, w)| {
        (
            std::cmp::Reverse(w.authority / 4),
            !hosting(t),
            std::cmp::Reverse(w.authority),
        )
    });
    let top_doc = |kind: Kind| {
        techs
            .iter()
            .filter(|(_, w)| w.decision != Decision::Rejected)
            .filter_map(|(t, w)| row_of(&t.name).map(|r| (r, w)))
            .filter(|(r, _)| match kind {
                Kind::Cloud => r.provider.is_some(),
                _ => r.platform.is_some(),
            })
            .map(|(_, w)| w.authority / 4)
            .max()
            .unwrap_or(0)
    };
    let (top_cloud, top_platform) = (top_doc(Kind::Cloud), top_doc(Kind::Platform));
    for (t, w) in order {
        if w.decision == Decision::Rejected {
            continue;
        }
        let Some(row) = row_of(&t.name) else { continue };
        let derived = [
            (Kind::Cloud, row.provider.as_deref(), &rejected_clouds),
            (Kind::Platform, row.platform.as_deref(), &rejected_platforms),
        ];
        for (kind, value, rejected) in derived {
            let top = if kind == Kind::Cloud {
                top_cloud
            } else {
                top_platform
            };
            if let Some(v) = value
                && w.authority / 4 >= top
                && !rejected.contains(&v)
            {
                reqs.push(label_req(kind, v, &t.source, &t.name));
            }
        }
    }

    // "Deployment method: Docker container" on Railway, "Docker containers
    // on ECS": where the chosen platform runs the team's images for them,
    // Docker is the image format, not a platform of its own. On VMs the team
    // runs Docker itself, so it stays.
    let images_run_for_them = reqs.iter().any(|r| {
        r.kind == Kind::Platform
            && r.value.as_text().is_some_and(|p| {
                p != "docker"
                    && VOCAB
                        .techs
                        .iter()
                        .any(|t| t.platform.as_deref() == Some(p) && t.runs_images())
            })
    });
    if images_run_for_them {
        reqs.retain(|r| !(r.kind == Kind::Platform && r.value.as_text() == Some("docker")));
    }

    // Order by kind (stable: document order within a kind) and drop repeats.
    reqs.sort_by_key(|r| r.kind);
    // A hash of what makes two requirements the same, so a document with
    // thousands of numbers is deduplicated in linear time, not quadratic.
    let mut kept: Vec<Requirement> = Vec::with_capacity(reqs.len());
    let mut seen: std::collections::HashSet<DedupKey> = std::collections::HashSet::new();
    for r in reqs {
        if seen.insert(DedupKey::of(&r)) {
            kept.push(r);
        }
    }
    let mut reqs = kept;
    drop_unmarked_restatements(&mut reqs);

    let kinds: std::collections::HashMap<&str, DocKind> = docs
        .iter()
        .map(|d| (d.display_path.as_str(), d.kind))
        .collect();
    let authority = |r: &Requirement| -> u8 {
        match kinds.get(r.source.path.as_str()) {
            // Epics restate the PRD's NFRs and disagreeing is a conflict;
            // a story's number is an aside about one slice of work.
            Some(DocKind::Stories) => 0,
            _ => 1,
        }
    };
    let mut conflicts = Vec::new();
    let mut missing = Vec::new();
    for kind in Kind::ALL {
        let idx: Vec<usize> = (0..reqs.len()).filter(|&i| reqs[i].kind == kind).collect();
        if idx.is_empty() {
            missing.push(kind);
            continue;
        }
        let primary = if kind.is_set() {
            // Exposure and tenancy have one true value: two readings are
            // a question naming both, not a silent choice.
            if matches!(kind, Kind::Exposure | Kind::Tenancy)
                && let Some(c) = label_conflict(kind, &reqs, &idx)
            {
                conflicts.push(c);
            }
            idx[0]
        } else {
            // A PRD's, epic's or architecture's target governs over a
            // story's aside; then a later phase over an earlier one.
            let top = idx.iter().map(|&i| authority(&reqs[i])).max().unwrap_or(1);
            let idx: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| authority(&reqs[i]) == top)
                .collect();
            let best = idx.iter().map(|&i| rank(&reqs[i])).max().unwrap_or(2);
            let pool: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| rank(&reqs[i]) == best)
                .collect();
            let pick = pick_primary(kind, &reqs, &pool);
            if single_valued(kind)
                && let Some(c) = conflict(kind, &reqs, &pool, pick)
            {
                conflicts.push(c);
            }
            pick
        };
        reqs[primary].primary = true;
    }
    for (n, r) in reqs.iter_mut().enumerate() {
        r.id = format!("R{}", n + 1);
    }
    RequirementSet {
        schema: REQUIREMENTS_SCHEMA.to_string(),
        feature: feature.to_string(),
        sources: docs
            .iter()
            .map(|d| SourceDoc {
                path: d.display_path.clone(),
                kind: d.kind,
            })
            .collect(),
        requirements: reqs,
        conflicts,
        missing,
        technologies: techs.into_iter().map(|(t, _)| t).collect(),
        superseded: Vec::new(),
        ambiguities,
    }
}

/// Equality of two requirements for deduplication: kind and value for set
/// kinds (compliance, cloud…), and also percentile, source and phase for
/// the others. Numbers compare by value (`-0` = `0`); NaN is never a repeat.
#[derive(PartialEq, Eq, Hash)]
enum DedupValue {
    Number(u64),
    Nan(usize),
    Text(String),
}

/// Percentile, source (path, line, excerpt) and phase.
type DedupRest = (Option<u8>, (String, usize, String), Option<String>);

#[derive(PartialEq, Eq, Hash)]
struct DedupKey {
    kind: Kind,
    value: DedupValue,
    rest: Option<DedupRest>,
}

impl DedupKey {
    fn of(r: &Requirement) -> Self {
        static NAN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let value = match &r.value {
            Value::Number(n) if n.is_nan() => {
                DedupValue::Nan(NAN.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
            }
            Value::Number(n) => DedupValue::Number(if *n == 0.0 { 0 } else { n.to_bits() }),
            Value::Text(t) => DedupValue::Text(t.clone()),
        };
        DedupKey {
            kind: r.kind,
            value,
            rest: (!r.kind.is_set()).then(|| {
                let s = &r.source;
                (
                    r.percentile,
                    (s.path.clone(), s.line, s.excerpt.clone()),
                    r.phase.clone(),
                )
            }),
        }
    }
}

fn label_req(kind: Kind, value: &str, source: &Source, tech: &str) -> Requirement {
    Requirement {
        id: String::new(),
        kind,
        value: Value::Text(value.to_string()),
        unit: String::new(),
        percentile: None,
        primary: false,
        qualifier: None,
        phase: None,
        subject: Some(tech.to_string()),
        source: source.clone(),
    }
}

fn pick_primary(kind: Kind, reqs: &[Requirement], pool: &[usize]) -> usize {
    let value = |i: usize| reqs[i].value.as_f64().unwrap_or(f64::NAN);
    match kind {
        // Several file types each have their size; the first stated maximum
        // is the one the document leads with, and the others are shown.
        Kind::FileSize => {
            let max = |i: &&usize| {
                reqs[**i]
                    .qualifier
                    .as_deref()
                    .is_some_and(|q| q.starts_with("max"))
            };
            return pool.iter().find(max).copied().unwrap_or(pool[0]);
        }
        // Outputs ready at different times are different outputs, not a
        // stricter and a looser target: the first stated leads.
        Kind::Deadline => return pool[0],
        _ => {}
    }
    let mut best = pool[0];
    for &i in &pool[1..] {
        let better = if kind == Kind::Latency {
            // An end-to-end target governs over one component's budget.
            let key = |j: usize| {
                (
                    !reqs[j]
                        .qualifier
                        .as_deref()
                        .is_some_and(|q| q.contains(super::measures::COMPONENT_BUDGET)),
                    matches!(reqs[j].percentile, Some(95 | 99)),
                    api_level(&reqs[j]),
                )
            };
            let (ki, kb) = (key(i), key(best));
            ki > kb || (ki == kb && value(i) < value(best))
        } else if kind == Kind::Throughput {
            // A peak governs over an average: the average prices usage, the
            // peak sizes the design. An average alone is the only figure.
            let avg = |j: usize| is_average(&reqs[j]);
            (avg(best) && !avg(i)) || (avg(i) == avg(best) && stricter(kind, value(i), value(best)))
        } else {
            stricter(kind, value(i), value(best))
        };
        if better {
            best = i;
        }
    }
    best
}

/// A throughput stated as the day's or month's average.
pub fn is_average(r: &Requirement) -> bool {
    r.kind == Kind::Throughput
        && r.qualifier
            .as_deref()
            .is_some_and(|q| q.contains(super::measures::AVERAGE))
}

/// The stated average throughput that prices usage, with its share of the
/// governing peak: only next to a peak it does not exceed. The one rule the
/// design (usage) and the document (what each row is used for) both read.
pub fn stated_average(set: &crate::requirements::RequirementSet) -> Option<(&Requirement, f64)> {
    let peak = set.primary(Kind::Throughput)?;
    if is_average(peak) {
        return None;
    }
    let p = peak.value.as_f64().filter(|p| *p > 0.0)?;
    set.all(Kind::Throughput)
        .filter(|r| is_average(r))
        .filter_map(|r| Some((r, r.value.as_f64()?)))
        .find(|(_, a)| *a > 0.0 && *a <= p)
        .map(|(r, a)| (r, a / p))
}

fn conflict(kind: Kind, reqs: &[Requirement], pool: &[usize], pick: usize) -> Option<Conflict> {
    let mut values: Vec<f64> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    for &i in pool {
        let Some(v) = reqs[i].value.as_f64() else {
            continue;
        };
        // An average next to a peak is another figure, not a disagreement.
        if is_average(&reqs[i]) && !is_average(&reqs[pick]) {
            continue;
        }
        if !values.iter().any(|&x| close(x, v)) {
            values.push(v);
            sources.push(reqs[i].source.clone());
        }
    }
    // Several values on one line are scopes of one statement ("15 minutes
    // for non-critical services, 5 minutes for safety-critical"), not a
    // disagreement.
    let places = sources
        .iter()
        .map(|s| (&s.path, s.line))
        .collect::<std::collections::HashSet<_>>()
        .len();
    (values.len() > 1 && places > 1).then(|| Conflict {
        kind,
        values: values.into_iter().map(Value::Number).collect(),
        sources,
        resolved: Some(reqs[pick].value.clone()),
    })
}

/// "Discovery latency under 2 s" in the overview and "$metadata under 2 s
/// for 95% of requests" in the NFR list are one target stated twice: a
/// latency with no percentile marker reads as a maximum only because nothing
/// was said, so when the same value is stated at a percentile elsewhere, the
/// unmarked statement about the same thing (a word of the subject in
/// common) is that target restated, not a second, stricter one.
/// A maximum said in words ("at most", "max", "never more than") stays.
fn drop_unmarked_restatements(reqs: &mut Vec<Requirement>) {
    // Words that name what is measured ("metadata", "checkout"), not how.
    let words = |t: &str| -> Vec<String> {
        const COMMON: [&str; 12] = [
            "latency",
            "seconds",
            "second",
            "response",
            "responses",
            "requests",
            "under",
            "within",
            "should",
            "percentile",
            "target",
            "less",
        ];
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 5 && !COMMON.contains(w))
            .map(str::to_string)
            .collect()
    };
    let at_percentile: Vec<(f64, Vec<String>)> = reqs
        .iter()
        .filter(|r| r.kind == Kind::Latency && r.percentile.is_some_and(|p| p < 100))
        .filter_map(|r| Some((r.value.as_f64()?, words(&r.source.excerpt))))
        .collect();
    if at_percentile.is_empty() {
        return;
    }
    let said_max = |excerpt: &str| {
        let e = excerpt.to_lowercase();
        [
            "max",
            "at most",
            "never more",
            "never exceed",
            "hard limit",
            "p100",
            "最大",
            "最多",
            "上限",
        ]
        .iter()
        .any(|w| e.contains(w))
    };
    reqs.retain(|r| {
        !(r.kind == Kind::Latency
            && r.percentile == Some(100)
            && r.value.as_f64().is_some_and(|v| {
                let mine = words(&r.source.excerpt);
                at_percentile
                    .iter()
                    .any(|(p, theirs)| close(*p, v) && mine.iter().any(|w| theirs.contains(w)))
            })
            && !said_max(&r.source.excerpt))
    });
}

/// Two different labels of a one-valued label kind ("internal" in the PRD,
/// "public" in the architecture).
fn label_conflict(kind: Kind, reqs: &[Requirement], idx: &[usize]) -> Option<Conflict> {
    let mut values: Vec<Value> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    for &i in idx {
        if !values.contains(&reqs[i].value) {
            values.push(reqs[i].value.clone());
            sources.push(reqs[i].source.clone());
        }
    }
    (values.len() > 1).then(|| Conflict {
        kind,
        values,
        sources,
        resolved: Some(reqs[idx[0]].value.clone()),
    })
}

/// Is a technology of this stance in the set?
pub fn has_tech(set: &RequirementSet, name: &str, stance: Stance) -> bool {
    set.technologies
        .iter()
        .any(|t| t.name == name && t.stance == stance)
}
