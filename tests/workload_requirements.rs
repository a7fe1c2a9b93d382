//! Extraction scored on the workload planning trees (`tests/fixtures/workloads`).
//!
//! Each tree's `expected.toml` lists, besides the design it expects, the
//! requirements a senior SRE reads in its documents (`[[requirements]]`, with
//! the quote that states each) and look-alike figures that are *not*
//! requirements (`[[not_requirements]]`: limits, thresholds, estimates, other
//! systems' figures). This harness extracts each tree as `infrarch
//! requirements` does and checks three things:
//! - **misreads** (must be none): a governing value (the one the design uses)
//!   that a label contradicts, or a requirement read from a look-alike;
//! - **recall**: labelled requirements the extraction found (reported, with a
//!   floor so that it cannot silently fall);
//! - labels of a kind the extractor does not have are listed, not scored.
//!
//! A labelled requirement is *primary* unless it says `primary = false`; when
//! a tree labels one primary value for a kind, the extraction's governing
//! value of that kind must equal it (or be absent: a missing value becomes a
//! stated assumption and a question, which is safe; a wrong one is not).

use infrarch::requirements::{Kind, Requirement, RequirementSet};
use std::path::{Path, PathBuf};
use toml::Value;

fn trees() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workloads");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.toml").is_file())
        .collect();
    out.sort();
    out
}

/// A label's value in the kind's canonical unit, or its text.
#[derive(Debug, Clone, PartialEq)]
enum Want {
    Number(f64),
    Text(String),
}

fn kind_of(s: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.as_str() == s)
}

/// The label's accepted values (`value`, or any of `value_any`) in the
/// canonical unit of its kind (`Kind::canonical_unit`).
fn wants(kind: Kind, row: &Value) -> Vec<Want> {
    let values: Vec<&Value> = match (row.get("value"), row.get("value_any")) {
        (Some(v), _) => vec![v],
        (None, Some(Value::Array(a))) => a.iter().collect(),
        _ => Vec::new(),
    };
    values
        .into_iter()
        .map(|v| want(kind, row, v).unwrap_or_else(|| panic!("bad value in {row:?}")))
        .collect()
}

fn want(kind: Kind, row: &Value, value: &Value) -> Option<Want> {
    let unit = row.get("unit").and_then(Value::as_str).unwrap_or("");
    if let Some(t) = value.as_str() {
        if unit == "HH:MM" {
            let (h, m) = t.split_once(':')?;
            let secs = h.parse::<f64>().ok()? * 3600.0 + m.parse::<f64>().ok()? * 60.0;
            return Some(Want::Number(secs));
        }
        return Some(Want::Text(t.to_lowercase()));
    }
    let n = value
        .as_float()
        .or_else(|| value.as_integer().map(|i| i as f64))?;
    let factor = match (kind, unit) {
        (_, "days") => 86_400.0,
        (Kind::Rto | Kind::Rpo | Kind::Retention | Kind::Deadline, "h") => 3_600.0,
        (_, "MB") => 1e6,
        (_, "GB") => 1e9,
        (_, "TB") => 1e12,
        _ => 1.0,
    };
    Some(Want::Number(n * factor))
}

/// A requirement agrees with a label: same value (byte sizes may be read as
/// decimal or binary units; otherwise within rounding or the label's
/// `tolerance`), same currency for budgets, same percentile for latencies.
fn agrees(kind: Kind, got: &Requirement, row: &Value) -> bool {
    if let Some(p) = row.get("percentile").and_then(Value::as_integer)
        && got.percentile.map(i64::from) != Some(p)
    {
        return false;
    }
    // Availabilities differ in their last digits (99.9 vs 99.95); other
    // figures may be rounded by the document.
    let tolerance =
        row.get("tolerance")
            .and_then(Value::as_float)
            .unwrap_or(if kind == Kind::Availability {
                1e-6
            } else {
                0.01
            });
    let currency = currency_of(kind, row);
    wants(kind, row)
        .iter()
        .any(|w| matches(kind, got, w, currency, tolerance))
}

fn matches(kind: Kind, got: &Requirement, want: &Want, currency: Option<&str>, tol: f64) -> bool {
    match want {
        Want::Text(t) => got.value.as_text().is_some_and(|g| g.to_lowercase() == *t),
        Want::Number(w) => {
            let Some(g) = got.value.as_f64() else {
                return false;
            };
            if let Some(code) = currency
                && kind == Kind::Budget
                && !got.unit.starts_with(code)
            {
                return false;
            }
            let close = |a: f64, b: f64| (a - b).abs() <= tol * b.abs().max(1e-9);
            let bytes = matches!(
                kind,
                Kind::DataVolume | Kind::DataVolumePerDay | Kind::FileSize | Kind::ModelSize
            );
            close(g, *w)
                || (bytes
                    && [
                        1.024f64,
                        1.024 * 1.024,
                        1.024 * 1.024 * 1.024,
                        1.024f64.powi(4),
                    ]
                    .iter()
                    .any(|f| close(g, w * f)))
        }
    }
}

fn currency_of(kind: Kind, row: &Value) -> Option<&str> {
    (kind == Kind::Budget)
        .then(|| row.get("unit").and_then(Value::as_str))
        .flatten()
        .filter(|u| u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()))
}

fn quote_of(row: &Value) -> String {
    quotes_of(row).join(" | ")
}

/// `quote`, or any of `quote_any`.
fn quotes_of(row: &Value) -> Vec<String> {
    match (row.get("quote"), row.get("quote_any")) {
        (Some(Value::String(q)), _) => vec![q.clone()],
        (None, Some(Value::Array(a))) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// A source line stating the quote (markdown emphasis and spacing aside).
fn says(excerpt: &str, quote: &str) -> bool {
    let norm = |s: &str| {
        s.replace(['*', '`', '_'], "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let q = norm(quote);
    !q.is_empty() && norm(excerpt).contains(&q)
}

#[derive(Default)]
struct Tally {
    labelled: usize,
    found: usize,
    misreads: Vec<String>,
    missed: Vec<String>,
    unscored: Vec<String>,
}

fn extract(tree: &Path, exp: &Value) -> Result<RequirementSet, String> {
    let feature = exp["feature"].as_str().unwrap();
    let planning = tree.join(exp["planning"].as_str().unwrap_or("."));
    infrarch::pipeline::requirements(&planning, feature)
        .map(|e| e.requirements)
        .map_err(|e| e.to_string())
}

fn score_tree(tree: &Path, t: &mut Tally) {
    let name = tree.file_name().unwrap().to_string_lossy().into_owned();
    let exp: Value = toml::from_str(&std::fs::read_to_string(tree.join("expected.toml")).unwrap())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let set = match extract(tree, &exp) {
        Ok(s) => s,
        Err(e) => {
            t.misreads.push(format!("{name}: extraction failed: {e}"));
            return;
        }
    };
    let empty = Vec::new();
    let labels = exp
        .get("requirements")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let not_labels = exp
        .get("not_requirements")
        .and_then(Value::as_array)
        .unwrap_or(&empty);

    for row in labels {
        let kind_name = row["kind"].as_str().unwrap();
        let Some(kind) = kind_of(kind_name) else {
            t.unscored
                .push(format!("{name}: {kind_name} {:?}", quote_of(row)));
            continue;
        };
        t.labelled += 1;
        if set.all(kind).any(|r| agrees(kind, r, row)) {
            t.found += 1;
        } else {
            t.missed.push(format!(
                "{name}: {kind_name} {:?} ({:?})",
                wants(kind, row),
                quote_of(row)
            ));
        }
    }

    // Governing values: where the tree labels exactly one primary value of a
    // kind, the design must not be driven by another one.
    for kind in Kind::ALL {
        if kind.is_set() {
            continue;
        }
        let primaries: Vec<&Value> = labels
            .iter()
            .filter(|r| kind_of(r["kind"].as_str().unwrap()) == Some(kind))
            .filter(|r| r.get("primary").and_then(Value::as_bool) != Some(false))
            .collect();
        let [row] = primaries.as_slice() else {
            continue;
        };
        let Some(got) = set.primary(kind) else {
            continue;
        };
        if !agrees(kind, got, row) {
            t.misreads.push(format!(
                "{name}: governing {} is {} from {}:{} ({:?}); the documents' value is {:?} ({:?})",
                kind.as_str(),
                got.display_value(),
                got.source.path,
                got.source.line,
                got.source.excerpt,
                wants(kind, row),
                quote_of(row)
            ));
        }
    }

    // Look-alikes: no requirement may be read from a labelled non-requirement.
    for row in not_labels {
        let kind_name = row["kind"].as_str().unwrap();
        let Some(kind) = kind_of(kind_name) else {
            continue;
        };
        // `only_primary`: the figure may be kept (a phase's target, an
        // average) but must not be the one the design uses.
        let only_primary = row.get("only_primary").and_then(Value::as_bool) == Some(true);
        let quotes = quotes_of(row);
        let quote = quote_of(row);
        for r in set.all(kind) {
            if (r.primary || !only_primary)
                && agrees(kind, r, row)
                && quotes.iter().any(|q| says(&r.source.excerpt, q))
            {
                t.misreads.push(format!(
                    "{name}: {} read from a look-alike at {}:{} ({:?}: {})",
                    r.display_value(),
                    r.source.path,
                    r.source.line,
                    quote,
                    row.get("why").and_then(Value::as_str).unwrap_or("")
                ));
            }
        }
    }
}

/// Recall measured when this harness landed: 0.768 with 23 misreads before
/// the fixes of the same change, 0.907 with none after. The floor keeps it
/// from falling silently; misreads have no allowance.
const RECALL_FLOOR: f64 = 0.90;

#[test]
fn workload_trees_extract_without_misreads() {
    let mut t = Tally::default();
    for tree in trees() {
        score_tree(&tree, &mut t);
    }
    let recall = t.found as f64 / t.labelled.max(1) as f64;
    eprintln!(
        "workload trees: {} of {} labelled requirements found (recall {recall:.3}); {} misreads",
        t.found,
        t.labelled,
        t.misreads.len()
    );
    for m in &t.missed {
        eprintln!("  missed: {m}");
    }
    for u in &t.unscored {
        eprintln!("  not scored (no such kind): {u}");
    }
    assert!(
        t.misreads.is_empty(),
        "misread requirements:\n  {}",
        t.misreads.join("\n  ")
    );
    assert!(
        recall >= RECALL_FLOOR,
        "recall {recall:.3} below the floor {RECALL_FLOOR}"
    );
}
