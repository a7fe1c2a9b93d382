//! Handing an infrastructure architecture document to the next agent: the
//! handoff's label and prompt from the agent definition, with the document's
//! path and a summary of the architecture attached, read from the document's
//! header and its design model (the `infrarch.design/v1` JSON beside it).

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use super::AgentDef;
use crate::error::{Error, Result};

/// Schema tag of [`HandoffOutput`] in JSON.
pub const HANDOFF_SCHEMA: &str = "infrarch.handoff/v1";
/// Schema tag the design model sidecar must carry.
pub const DESIGN_SCHEMA: &str = "infrarch.design/v1";
/// The agent that implements the design: it gets only approved documents.
pub const IMPLEMENTING_AGENT: &str = "devops-agent";

/// What the document's header says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocHeader {
    /// From `# Infrastructure Architecture: {Feature}`.
    pub title: Option<String>,
    pub status: Option<String>,
    pub document_id: Option<String>,
    pub source_prd: Option<String>,
}

/// A prepared handoff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoffOutput {
    pub schema: &'static str,
    pub agent: String,
    pub label: String,
    /// The handoff prompt as the definition states it.
    pub prompt: String,
    /// Whether the IDE may send it without the user's review (always false here).
    pub send: bool,
    /// The document, as given (relative to the project root over MCP).
    pub document: String,
    pub header: DocHeader,
    /// The design model file read, when there is one.
    pub model_file: Option<String>,
    /// One line each: the architecture at a glance.
    pub summary: Vec<String>,
    /// The prompt with the document path and summary attached: what to paste.
    pub message: String,
    /// Things the receiving agent should know (no model found, status not approved).
    pub warnings: Vec<String>,
    /// The design model itself (JSON output only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub design: Option<Value>,
}

/// Prepare the handoff of `doc` to `to`.
///
/// `shown` is how the document's path is shown to the user. Handing off to
/// [`IMPLEMENTING_AGENT`] requires `**Status:** Approved` unless `force`.
pub fn prepare(
    def: &AgentDef,
    doc: &Path,
    shown: &str,
    to: &str,
    force: bool,
    with_design: bool,
) -> Result<HandoffOutput> {
    let handoff = def.handoff(to)?;
    let text = read_text(doc)?;
    let header = parse_header(&text);
    let approved = header
        .status
        .as_deref()
        .is_some_and(|s| s.to_ascii_lowercase().starts_with("approved"));
    let mut warnings = Vec::new();
    if handoff.target == IMPLEMENTING_AGENT && !approved {
        let status = header.status.as_deref().unwrap_or("no status");
        if !force {
            return Err(Error::Invalid(format!(
                "{shown}: status is `{status}`, not Approved; {IMPLEMENTING_AGENT} gets approved documents only \
                 (approve it at the review gate, or pass --force)"
            )));
        }
        warnings.push(format!(
            "handed off with status `{status}`, not Approved (forced)"
        ));
    }

    let (model_file, model) = match find_model(doc) {
        Some(p) => match read_model(&p) {
            Ok(v) => (Some(p), Some(v)),
            // A model that is there but unreadable is an error naming it: a
            // handoff from a summary of nothing would look complete.
            Err(e) => return Err(e),
        },
        None => {
            warnings.push(
                "no design model (infrarch.design/v1 JSON) beside the document; summary from the document only"
                    .to_string(),
            );
            (None, None)
        }
    };
    let summary = match &model {
        Some(m) => summarise_model(m),
        None => summarise_document(&text),
    };

    let mut message = handoff.prompt.clone();
    message.push_str(&format!("\n\nInfrastructure architecture: {shown}"));
    if let Some(s) = &header.status {
        message.push_str(&format!(" (Status: {s})"));
    }
    if !summary.is_empty() {
        message.push_str("\n\nSummary:\n");
        for line in &summary {
            message.push_str(&format!("- {line}\n"));
        }
    }
    let model_shown = model_file.as_ref().map(|p| {
        // Shown beside the document the way the document was shown.
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match shown.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{name}"),
            None => name,
        }
    });
    if let Some(m) = &model_shown {
        message.push_str(&format!("\nDesign model: {m}\n"));
    }
    Ok(HandoffOutput {
        schema: HANDOFF_SCHEMA,
        agent: handoff.target.clone(),
        label: handoff.label.clone(),
        prompt: handoff.prompt.clone(),
        send: false,
        document: shown.to_string(),
        header,
        model_file: model_shown,
        summary,
        message: message.trim_end().to_string(),
        warnings,
        design: if with_design { model } else { None },
    })
}

fn read_text(path: &Path) -> Result<String> {
    // Regular files only, size from the metadata, read limited.
    crate::write::read_text_capped(path, crate::ingest::MAX_DOC_BYTES)
}

/// The header fields of an infrastructure architecture document (the lines
/// before the first `## ` section).
pub fn parse_header(text: &str) -> DocHeader {
    let mut h = DocHeader::default();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("## ") {
            break;
        }
        if let Some(t) = line.strip_prefix("# ") {
            let t = t.trim();
            h.title = Some(
                t.strip_prefix("Infrastructure Architecture:")
                    .map(str::trim)
                    .unwrap_or(t)
                    .to_string(),
            );
            continue;
        }
        let Some((key, value)) = field(line) else {
            continue;
        };
        let value = Some(value.to_string());
        match key.to_ascii_lowercase().as_str() {
            "status" => h.status = value,
            "document id" => h.document_id = value,
            "source prd" => h.source_prd = value,
            _ => {}
        }
    }
    h
}

/// `**Key:** value` → (`Key`, `value`).
fn field(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("**")?;
    let (key, value) = rest.split_once(":**")?;
    let value = value.trim();
    (!value.is_empty()).then_some((key.trim(), value))
}

/// The design model beside a document: `name.json` (as `design` writes it) or
/// `name.md.json`.
pub fn find_model(doc: &Path) -> Option<PathBuf> {
    let mut md_json = doc.as_os_str().to_os_string();
    md_json.push(".json");
    // Anything at the name counts (a FIFO or a directory there is reported
    // when read, not taken for "no model").
    [doc.with_extension("json"), PathBuf::from(md_json)]
        .into_iter()
        .find(|p| std::fs::symlink_metadata(p).is_ok())
}

fn read_model(path: &Path) -> Result<Value> {
    let text = read_text(path)?;
    let v: Value = serde_json::from_str(&text).map_err(|e| Error::Parse {
        path: path.to_path_buf(),
        message: format!("not JSON: {e}"),
    })?;
    match v.get("schema").and_then(Value::as_str) {
        Some(DESIGN_SCHEMA) => Ok(v),
        other => Err(Error::Parse {
            path: path.to_path_buf(),
            message: format!(
                "schema is {}, expected {DESIGN_SCHEMA}",
                other.map_or("missing".to_string(), |s| format!("`{s}`"))
            ),
        }),
    }
}

fn text_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn len_at(v: &Value, pointer: &str) -> Option<usize> {
    v.pointer(pointer).and_then(Value::as_array).map(Vec::len)
}

/// Summary lines from the design model, read by field name so the model can
/// grow without breaking handoffs.
pub fn summarise_model(m: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(f) = text_at(m, "/feature") {
        out.push(format!("Feature: {f}"));
    }
    let provider = text_at(m, "/provider_name").or_else(|| text_at(m, "/provider"));
    let region = text_at(m, "/region/primary");
    match (provider, region) {
        (Some(p), Some(r)) => {
            let second = text_at(m, "/region/secondary")
                .map(|s| format!(", recovery region {s}"))
                .unwrap_or_default();
            out.push(format!("Cloud: {p}, region {r}{second}"));
        }
        (Some(p), None) => out.push(format!("Cloud: {p}")),
        _ => {}
    }
    if let Some(p) =
        text_at(m, "/platform/decision/choice").or_else(|| text_at(m, "/platform/service"))
    {
        out.push(format!("Platform: {p}"));
    }
    if let Some(n) = len_at(m, "/components") {
        let names: Vec<&str> = m["components"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c.get("name").and_then(Value::as_str))
            .collect();
        if names.is_empty() {
            out.push(format!("Infrastructure components: {n}"));
        } else {
            out.push(format!(
                "Infrastructure components: {n} ({})",
                names.join(", ")
            ));
        }
    }
    if let Some(target) = m
        .pointer("/availability/target/value")
        .and_then(Value::as_f64)
    {
        let composite = m
            .pointer("/availability/composite_pct")
            .and_then(Value::as_f64)
            .map(|c| format!(", computed composite {}%", crate::numfmt::trim(c)))
            .unwrap_or_default();
        out.push(format!(
            "Availability: target {}%{composite}",
            crate::numfmt::trim(target)
        ));
    }
    if let Some(total) = m.pointer("/cost/total_monthly").and_then(Value::as_f64) {
        let shown = match text_at(m, "/cost/currency").unwrap_or("USD") {
            "USD" => crate::numfmt::usd(total),
            cur => format!("{} {cur}", crate::numfmt::trim(total)),
        };
        out.push(format!("Estimated cost: {shown}/month"));
    }
    if let Some(n) = len_at(m, "/deployment/environments") {
        out.push(format!("Environments: {n}"));
    }
    if let Some(n) = len_at(m, "/adrs") {
        out.push(format!("ADRs: {n}"));
    }
    out
}

/// Summary lines from the document alone (no model beside it).
pub fn summarise_document(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let adrs = text
        .lines()
        .filter(|l| l.trim_start().starts_with("### ADR-"))
        .count();
    // The executive summary's first paragraph says what was decided.
    let mut in_summary = false;
    let mut para = String::new();
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("## ") {
            if in_summary {
                break;
            }
            in_summary = t.to_ascii_lowercase().contains("executive summary");
            continue;
        }
        if in_summary {
            if t.is_empty() {
                if !para.is_empty() {
                    break;
                }
                continue;
            }
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(t);
        }
    }
    if !para.is_empty() {
        out.push(format!("Executive summary: {para}"));
    }
    out.push(format!("ADRs: {adrs}"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_fields() {
        let h = parse_header(
            "# Infrastructure Architecture: Checkout\n\n**Source PRD:** [x](../prd/x.md)\n**Document ID:** checkout-infrastructure-architecture-20260120\n**Status:** Approved\n\n## 1. Executive Summary\n**Status:** Draft\n",
        );
        assert_eq!(h.title.as_deref(), Some("Checkout"));
        assert_eq!(h.status.as_deref(), Some("Approved"));
        assert_eq!(
            h.document_id.as_deref(),
            Some("checkout-infrastructure-architecture-20260120")
        );
        assert_eq!(h.source_prd.as_deref(), Some("[x](../prd/x.md)"));
    }

    #[test]
    fn placeholder_status_is_not_approved() {
        // The template's own header line lists every status: not an approval.
        let h = parse_header("# X\n**Status:** Draft | In Review | Approved\n");
        assert!(
            !h.status
                .unwrap()
                .to_ascii_lowercase()
                .starts_with("approved")
        );
    }

    #[test]
    fn model_summary_reads_fields_by_name() {
        let m = serde_json::json!({
            "schema": DESIGN_SCHEMA, "feature": "checkout", "provider_name": "Amazon Web Services",
            "region": {"primary": "eu-west-1"},
            "platform": {"decision": {"choice": "Amazon ECS on Fargate"}},
            "components": [{"name": "ALB"}, {"name": "ECS service"}],
            "availability": {"target": {"value": 99.9}, "composite_pct": 99.95},
            "cost": {"total_monthly": 1234.5, "currency": "USD"},
            "adrs": [{}, {}, {}]
        });
        let s = summarise_model(&m);
        assert_eq!(
            s,
            [
                "Feature: checkout",
                "Cloud: Amazon Web Services, region eu-west-1",
                "Platform: Amazon ECS on Fargate",
                "Infrastructure components: 2 (ALB, ECS service)",
                "Availability: target 99.9%, computed composite 99.95%",
                "Estimated cost: $1,235/month",
                "ADRs: 3"
            ]
        );
        assert_eq!(
            summarise_model(&serde_json::json!({})),
            Vec::<String>::new()
        );
    }
}
