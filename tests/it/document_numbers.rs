//! Every generated document read the way the SRE who must approve it reads
//! the numbers (issue 12): the bundled example and every workload planning
//! tree under `tests/fixtures/workloads/` are designed through the CLI, and
//! each document is checked against its own model:
//!
//! - no availability figure above what the design can reach without a stated
//!   reason (a floor, a published SLA row, a multi-writer store);
//! - no ADR alternative or resilience line whose stated reason contradicts the
//!   DR numbers (a tier "cannot meet" targets its bounds meet);
//! - each figure identical wherever it appears: the monthly total, the error
//!   budget of the target (one 730-hour month), the DR targets;
//! - "within budget" never hides unpriced components: the headline names them.

use std::path::{Path, PathBuf};

use infrarch::design::model::DrTier;
use infrarch::design::rules::Rules;
use regex::Regex;
use serde_json::Value;

use crate::common::{example, infrarch, stdout};

/// One designed document and its model.
struct Designed {
    name: String,
    doc: String,
    model: Value,
}

fn design(dir: &Path, planning: &Path, feature: &str) -> Designed {
    let run = |format: &[&str]| {
        let mut args = vec![
            "design",
            feature,
            "--planning",
            planning.to_str().unwrap(),
            "--date",
            "2026-12-01",
        ];
        args.extend_from_slice(format);
        let out = infrarch(dir).args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{feature}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out)
    };
    let doc = run(&["--stdout"]);
    // `--stdout` with the JSON format prints the model instead of writing the
    // document and its sidecar into the planning tree (the example and the
    // fixture trees must stay as committed).
    let model: Value = serde_json::from_str(&run(&["--stdout", "--format", "json"])).unwrap();
    Designed {
        name: feature.to_string(),
        doc,
        model,
    }
}

/// The bundled example plus every workload tree.
fn documents() -> Vec<Designed> {
    let mut out = vec![design(
        &example(),
        &example().join("docs/planning"),
        "checkout",
    )];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workloads");
    let mut trees: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.toml").is_file())
        .collect();
    trees.sort();
    for tree in trees {
        let expected: toml::Table =
            toml::from_str(&std::fs::read_to_string(tree.join("expected.toml")).unwrap()).unwrap();
        let feature = expected["feature"].as_str().unwrap().to_string();
        let planning = tree.join(
            expected
                .get("planning")
                .and_then(|p| p.as_str())
                .unwrap_or("."),
        );
        out.push(design(&tree, &planning, &feature));
    }
    out
}

/// 5500 → "5,500" (whole units, as budgets are written).
fn thousands(v: f64) -> String {
    let digits = (v.round() as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn num(s: &str) -> f64 {
    s.replace(',', "").parse().unwrap()
}

fn f64_at(v: &Value, path: &[&str]) -> Option<f64> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_f64()
}

/// Lines of the document that state an availability figure above 99.99 %
/// with no reason on the line.
fn unreasoned_availability(doc: &str) -> Vec<String> {
    let pct = Regex::new(r"(\d{2,3}\.\d+)\s*%").unwrap();
    let reasons = [
        "floor",
        "sla",
        "global table",
        "multi-writer",
        "multi-region write",
    ];
    doc.lines()
        .filter(|l| {
            let lower = l.to_lowercase();
            (lower.contains("availability") || lower.contains("composite"))
                && pct
                    .captures_iter(l)
                    .any(|c| num(&c[1]) > 99.99 + 1e-9 && num(&c[1]) <= 100.0)
                && !reasons.iter().any(|r| lower.contains(r))
        })
        .map(str::to_string)
        .collect()
}

/// Lines that say a DR tier cannot meet targets that its bounds do meet.
fn false_dr_reasons(doc: &str, rto_s: f64, rpo_s: f64) -> Vec<String> {
    let rules = &Rules::get().unwrap().dr_tier;
    let negative =
        Regex::new(r"(?i)cannot meet|can't meet|does not meet|doesn't meet|too slow|would miss")
            .unwrap();
    let tiers = [
        DrTier::BackupRestore,
        DrTier::PilotLight,
        DrTier::WarmStandby,
        DrTier::ActiveActive,
    ];
    let mut out = Vec::new();
    for line in doc.lines() {
        if !negative.is_match(line) {
            continue;
        }
        for t in tiers {
            if !line.contains(t.label()) {
                continue;
            }
            let rule = rules.iter().find(|r| r.tier == t).unwrap();
            let meets = rule.min_rto_s <= rto_s && rule.min_rpo_s <= rpo_s;
            if meets {
                out.push(format!(
                    "{} meets RTO {rto_s} s / RPO {rpo_s} s: {line}",
                    t.label()
                ));
            }
        }
    }
    out
}

/// Every place the document states the monthly total, as numbers.
fn stated_totals(doc: &str) -> Vec<(f64, String)> {
    let pats = [
        r"[Ee]stimated \$([\d,]+(?:\.\d+)?)",
        r"design estimates \$([\d,]+(?:\.\d+)?)",
        r"\*\*Total\*\* \| \*\*\$([\d,]+(?:\.\d+)?)\*\*",
        r"the \$([\d,]+(?:\.\d+)?) total",
        r"as designed: [^|]*?\$([\d,]+(?:\.\d+)?)/month",
    ];
    let mut out = Vec::new();
    for p in pats {
        let re = Regex::new(p).unwrap();
        for line in doc.lines() {
            for c in re.captures_iter(line) {
                out.push((num(&c[1]), line.to_string()));
            }
        }
    }
    out
}

/// Every "error budget at T% = X min" / "target allows X min" statement, as
/// (target, minutes, line).
fn stated_budgets(doc: &str) -> Vec<(f64, f64, String)> {
    let re = Regex::new(
        r"(?:[Ee]rror budget (?:at|of) (\d{2,3}(?:\.\d+)?)% (?:=|is) ([\d.]+) min)|(?:target of (\d{2,3}(?:\.\d+)?)%[^.]*?\. The target allows ([\d.]+) min)",
    )
    .unwrap();
    let mut out = Vec::new();
    for line in doc.lines() {
        for c in re.captures_iter(line) {
            let (t, m) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
                (Some(t), Some(m), _, _) => (t, m),
                (_, _, Some(t), Some(m)) => (t, m),
                _ => continue,
            };
            out.push((num(t.as_str()), num(m.as_str()), line.to_string()));
        }
    }
    out
}

/// Roles priced from the design's own counts (stores, instances, requests,
/// alerts) whenever the catalog has a price for them.
const COUNTED_ROLES: [&str; 10] = [
    "secrets",
    "kms",
    "logs",
    "metrics",
    "audit_log",
    "config_monitoring",
    "registry",
    "ci_cd",
    "api_gateway",
    "nosql",
];

#[test]
fn every_document_reads_right_to_an_sre() {
    let mut problems: Vec<String> = Vec::new();
    let docs = documents();
    for d in &docs {
        let name = &d.name;
        // 1. Availability within reach, or the reason on the line.
        for l in unreasoned_availability(&d.doc) {
            problems.push(format!(
                "{name}: availability above 99.99% with no reason: {l}"
            ));
        }
        // 2. DR reasons true of the numbers.
        if let (Some(rto), Some(rpo)) = (
            f64_at(&d.model, &["dr", "rto", "value"]),
            f64_at(&d.model, &["dr", "rpo", "value"]),
        ) {
            for l in false_dr_reasons(&d.doc, rto, rpo) {
                problems.push(format!("{name}: false DR reason: {l}"));
            }
        }
        // 3a. One monthly total.
        let totals = stated_totals(&d.doc);
        if let Some((first, _)) = totals.first() {
            for (t, line) in &totals {
                if (t - first).abs() > 0.5 {
                    problems.push(format!(
                        "{name}: monthly total {t} differs from {first}: {line}"
                    ));
                }
            }
        }
        // 3b. Error budgets on one 730-hour month, the same everywhere.
        for (target, minutes, line) in stated_budgets(&d.doc) {
            let want = (1.0 - target / 100.0) * 730.0 * 60.0;
            if (minutes - want).abs() > 0.051 {
                problems.push(format!(
                    "{name}: budget of {target}% stated as {minutes} min, a 730-h month gives {want:.2}: {line}"
                ));
            }
        }
        // 4. Unpriced components named next to a "within budget" verdict.
        let unpriced = d.model["cost"]["unpriced"]
            .as_array()
            .map_or(0, |a| a.len());
        if unpriced > 0 {
            let summary = d
                .doc
                .split("## 2.")
                .next()
                .unwrap_or_default()
                .to_lowercase();
            if summary.contains("within") && summary.contains("budget")
                || summary.contains("estimated $")
            {
                let named = summary.contains("not priced") || summary.contains("unpriced");
                if !named {
                    problems.push(format!(
                        "{name}: the executive summary states a total and a budget verdict without naming the {unpriced} unpriced components"
                    ));
                }
            }
        }
        // 5. Every unpriced service is named in the summary; and a supporting
        // service or request-driven component whose catalog row has prices is
        // priced from the design's own counts, never left out.
        let summary = d.doc.split("## 2.").next().unwrap_or_default();
        let provider = d.model["provider"]
            .as_str()
            .and_then(infrarch::catalog::Provider::parse);
        let cat = provider.and_then(|p| infrarch::catalog::Catalog::builtin(p).ok());
        for u in d.model["cost"]["unpriced"].as_array().into_iter().flatten() {
            let service = u["service"].as_str().unwrap_or_default();
            if !summary.contains(service) {
                problems.push(format!(
                    "{name}: unpriced {service} is not named next to the total"
                ));
            }
            let comp = u["component"].as_str().unwrap_or_default();
            let role = d.model["components"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|c| c["id"].as_str() == Some(comp))
                .and_then(|c| c["role"].as_str())
                .unwrap_or_default();
            if let Some(cat) = &cat
                && COUNTED_ROLES.contains(&role)
                && cat
                    .rows
                    .iter()
                    .any(|r| r.service == service && !r.prices.is_empty())
            {
                problems.push(format!(
                    "{name}: {service} has catalog prices but is left unpriced ({})",
                    u["reason"].as_str().unwrap_or_default()
                ));
            }
        }
        // 7. A budget stated in another currency stays in it: never shown as
        // the same number of dollars, and its conversion names the rate's date.
        if let (Some(value), Some(unit)) = (
            f64_at(&d.model, &["cost", "budget", "value"]),
            d.model["cost"]["budget"]["unit"].as_str(),
        ) && !unit.starts_with("USD")
        {
            let as_dollars = format!("${}/month", thousands(value));
            if d.doc.contains(&as_dollars) {
                problems.push(format!(
                    "{name}: the {unit} budget is shown as {as_dollars}"
                ));
            }
            if !d.doc.contains(" USD per ") {
                problems.push(format!(
                    "{name}: the {unit} budget's conversion does not state its rate"
                ));
            }
        }
        // 6. The stated total is the sum of the priced lines.
        if let (Some(total), Some(lines)) = (
            f64_at(&d.model, &["cost", "total_monthly"]),
            d.model["cost"]["lines"].as_array(),
        ) {
            let sum: f64 = lines.iter().filter_map(|l| l["monthly"].as_f64()).sum();
            if (sum - total).abs() > 0.05 {
                problems.push(format!(
                    "{name}: total {total} is not the sum of its lines {sum:.2}"
                ));
            }
        }
    }
    assert!(docs.len() >= 2, "no workload trees found");
    assert!(
        problems.is_empty(),
        "{} problems in {} documents:\n{}",
        problems.len(),
        docs.len(),
        problems.join("\n")
    );
}

#[test]
fn the_checks_catch_what_they_look_for() {
    // Each check fires on the class of error it exists for, and not on its
    // look-alike (a published SLA row; a true DR reason; one total).
    assert_eq!(
        unreasoned_availability("composite availability 99.999711% vs the 99.95% target").len(),
        1
    );
    assert!(unreasoned_availability("| Amazon Route 53 | SLA 100% |").is_empty());
    assert!(unreasoned_availability("SLA floor 99.995% (product of published SLAs)").is_empty());
    assert!(
        unreasoned_availability("composite availability 99.93% vs the 99.9% target").is_empty()
    );

    let h = 3600.0;
    assert_eq!(
        false_dr_reasons(
            "2. Pilot light - cannot meet RTO 1 h / RPO 5 min.",
            h,
            300.0
        )
        .len(),
        1
    );
    assert!(
        false_dr_reasons(
            "1. Backup & restore - cannot meet RTO 1 h / RPO 5 min.",
            h,
            300.0
        )
        .is_empty()
    );

    let t = stated_totals(
        "Estimated $2,190/month.\n| **Total** | **$2,190** + 3 unpriced |\nthe $2,190 total excludes",
    );
    assert_eq!(t.len(), 3);
    assert!(t.iter().all(|(v, _)| *v == 2190.0));

    let b = stated_budgets("Error budget at 99.95% = 21.9 min/month; a bad release");
    assert_eq!(b.len(), 1);
    assert_eq!((b[0].0, b[0].1), (99.95, 21.9));
    let b = stated_budgets(
        "**Composite availability:** 99.93% against a target of 99.9% (R1): the design meets the target. The target allows 43.2 min of downtime",
    );
    assert_eq!((b[0].0, b[0].1), (99.9, 43.2));
}

/// A payments ledger written the way a team would: it grows about 12 GB a
/// day, keeps entries ten years and takes 2,000 requests a second, mostly
/// writes. The database is sized from that growth, not the current volume,
/// and never on a burstable class.
#[test]
fn a_growing_ledger_is_sized_for_its_growth_and_never_on_a_burstable_class() {
    let dir = tempfile::tempdir().unwrap();
    let prd = dir.path().join("docs/planning/prd");
    std::fs::create_dir_all(&prd).unwrap();
    std::fs::write(
        prd.join("ledger-20261101.md"),
        "# Ledger service — PRD\n\n## Non-functional requirements\n\n\
         | Area | Target |\n|------|--------|\n\
         | Availability | 99.95% monthly |\n\
         | Throughput | 2,000 requests per second at peak, most of them ledger writes |\n\
         | Latency | p95 under 200 ms |\n\
         | Data | the ledger database holds 400 GB today |\n\
         | Growth | ledger entries add about 12 GB per day to the database |\n\
         | Retention | ledger entries are kept for 10 years |\n\n\
         The ledger runs on PostgreSQL on AWS.\n",
    )
    .unwrap();
    let d = design(dir.path(), &dir.path().join("docs/planning"), "ledger");
    let db = d.model["data"]["stores"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["role"] == "relational_db")
        .expect("a relational store");
    let gb = db["storage_gb"]["value"].as_f64().unwrap();
    // 400 GB now + 12 GB/day × (730 h ÷ 24) days × 12 months planned.
    let want = (400.0 + 12.0 * 730.0 / 24.0 * 12.0_f64).ceil();
    assert_eq!(gb, want, "{}", db["storage_gb"]);
    let formula = db["storage_gb"]["formula"].as_str().unwrap_or_default();
    assert!(formula.contains("GB/month"), "{formula}");
    // The figure is the same in the alert and on the cost line.
    assert!(d.doc.contains(&format!("< 20% of {want} GB")), "alert");
    let choice = db["decision"]["choice"].as_str().unwrap();
    assert!(
        !choice.contains("db.t"),
        "burstable class under a 2,000 rps ledger: {choice}"
    );
    let lines = d.model["cost"]["lines"].as_array().unwrap();
    let instance = lines
        .iter()
        .find(|l| l["component"] == "db" && l["unit"] == "hour")
        .unwrap();
    assert!(
        !instance["item"].as_str().unwrap().contains("db.t"),
        "{instance}"
    );
}
