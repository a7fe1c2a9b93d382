//! The review gate through the CLI: approve, revise with feedback, ADR
//! immutability, hand-edit refusal, the lint gate, and the interactive command
//! refusing a non-terminal.

use crate::common::{infrarch, stderr, stdout};
use crate::design_cli::{design, project};

const DOC: &str =
    "docs/planning/architecture/infrastructure/checkout-infrastructure-architecture-20260120.md";

fn run(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    infrarch(dir).args(args).output().unwrap()
}

/// The text of one ADR section, up to the separator before the next.
fn adr(doc: &str, id: &str) -> String {
    let start = doc
        .find(&format!("### {id}:"))
        .unwrap_or_else(|| panic!("{id} in document"));
    let end = doc[start..].find("\n---").map_or(doc.len(), |e| start + e);
    doc[start..end].to_string()
}

#[test]
fn approve_then_revise_supersedes_instead_of_editing() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let doc = dir.path().join(DOC);

    let approved = run(dir.path(), &["approve", DOC, "--date", "2026-01-21"]);
    assert!(approved.status.success(), "{}", stderr(&approved));
    let before = std::fs::read_to_string(&doc).unwrap();
    assert!(before.contains("**Status:** Approved"));
    assert!(
        !before.contains("**Status:** Proposed"),
        "every ADR accepted"
    );
    let adr1_before = adr(&before, "ADR-1");
    let adr3_before = adr(&before, "ADR-3");

    let revised = run(
        dir.path(),
        &[
            "revise",
            DOC,
            "--feedback",
            "Use Kubernetes. The on-call rota worries me.",
            "--date",
            "2026-01-22",
        ],
    );
    assert!(revised.status.success(), "{}", stderr(&revised));
    let out = stdout(&revised);
    assert!(
        out.contains("applied: platform kubernetes — platform "),
        "{out}"
    );
    assert!(
        out.contains("\"The on-call rota worries me\""),
        "unrecognised feedback is reported: {out}"
    );
    let after = std::fs::read_to_string(&doc).unwrap();
    assert!(after.contains("**Status:** In Review"));
    assert!(after.contains("Reviewer feedback not yet applied: \"The on-call rota worries me\""));

    // ADR-1 (the platform) is superseded: only its status line changed.
    let adr1_after = adr(&after, "ADR-1");
    let new_id = adr1_after
        .lines()
        .find_map(|l| l.strip_prefix("**Status:** Superseded by "))
        .expect("ADR-1 superseded")
        .to_string();
    assert_eq!(
        adr1_after.replace(
            &format!("**Status:** Superseded by {new_id}"),
            "**Status:** Accepted"
        ),
        adr1_before,
        "an Accepted ADR survives byte for byte apart from its status line"
    );
    assert!(adr(&after, &new_id).contains("**Supersedes:** ADR-1"));
    assert!(adr(&after, &new_id).contains("Kubernetes"));
    // An unchanged decision stays exactly as it was.
    assert_eq!(adr(&after, "ADR-3"), adr3_before);

    // The previous revision is kept, and the revised document lints clean,
    // including against it (no Accepted ADR edited).
    let kept = dir.path().join("docs/planning/architecture/infrastructure/.revisions/checkout-infrastructure-architecture-20260120.r1.md");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), before);
    let lint = run(
        dir.path(),
        &["lint", DOC, "--baseline", kept.to_str().unwrap()],
    );
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
}

#[test]
fn hand_edits_are_not_clobbered() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let doc = dir.path().join(DOC);
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(
        &doc,
        text.replace(
            "## 1. Executive Summary\n",
            "## 1. Executive Summary\n\nHand-written note.\n",
        ),
    )
    .unwrap();

    let refused = run(
        dir.path(),
        &["revise", DOC, "--feedback", "availability 99.9%"],
    );
    assert_eq!(refused.status.code(), Some(2));
    let err = stderr(&refused);
    assert!(
        err.contains("edited by hand") && err.contains("+Hand-written note."),
        "{err}"
    );
    assert!(
        std::fs::read_to_string(&doc)
            .unwrap()
            .contains("Hand-written note.")
    );

    let forced = run(
        dir.path(),
        &["revise", DOC, "--feedback", "availability 99.9%", "--force"],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    let kept = dir.path().join("docs/planning/architecture/infrastructure/.revisions/checkout-infrastructure-architecture-20260120.r1.md");
    assert!(
        std::fs::read_to_string(kept)
            .unwrap()
            .contains("Hand-written note."),
        "the edited file is kept"
    );
}

#[test]
fn approve_refuses_while_lint_reports_errors() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let doc = dir.path().join(DOC);
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(
        &doc,
        text.replace(
            "## 1. Executive Summary\n",
            "## 1. Executive Summary\n\n[Brief overview of the infrastructure approach]\n",
        ),
    )
    .unwrap();
    let refused = run(dir.path(), &["approve", DOC]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("lint reports"),
        "{}",
        stderr(&refused)
    );
    assert!(
        std::fs::read_to_string(&doc)
            .unwrap()
            .contains("**Status:** Draft")
    );
    let forced = run(dir.path(), &["approve", DOC, "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    let model = std::fs::read_to_string(doc.with_extension("json")).unwrap();
    assert!(model.contains("with --force over"));
}

#[test]
fn skip_is_recorded_for_the_orchestrator() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let out = run(dir.path(), &["skip", DOC, "--date", "2026-01-21"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let model: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(DOC).with_extension("json")).unwrap(),
    )
    .unwrap();
    assert_eq!(model["review"]["skipped"], true);
    assert_eq!(model["review"]["history"][1]["action"], "skipped");
}

#[test]
fn interactive_review_needs_a_terminal() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let out = run(dir.path(), &["review", DOC]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("not a terminal")
            && err.contains("infrarch approve")
            && err.contains("infrarch revise"),
        "{err}"
    );
}

const BOOKINGS: &str =
    "docs/planning/architecture/infrastructure/bookings-infrastructure-architecture-20260202.md";

/// The clinic-booking project of tests/fixtures/review, designed.
fn bookings() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review/project");
    copy_tree(&from, dir.path());
    let out = run(dir.path(), &["design", "bookings", "--date", "2026-02-02"]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// ADR ids with their status lines and what each supersedes.
fn adr_index(doc: &str) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    for part in doc.split("\n### ADR-").skip(1) {
        let id = format!("ADR-{}", part.split(':').next().unwrap());
        let status = part
            .lines()
            .find_map(|l| l.strip_prefix("**Status:** "))
            .unwrap_or("")
            .to_string();
        let supersedes = part
            .lines()
            .find_map(|l| l.strip_prefix("**Supersedes:** "))
            .map(|s| s.trim().to_string());
        out.push((id, status, supersedes));
    }
    out
}

/// Every supersession is recorded at both ends and ids are unique.
fn assert_adr_history_consistent(doc: &str, step: &str) {
    let adrs = adr_index(doc);
    let mut ids: Vec<&str> = adrs.iter().map(|a| a.0.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), adrs.len(), "{step}: duplicate ADR ids");
    for (id, status, supersedes) in &adrs {
        if let Some(new) = status.strip_prefix("Superseded by ") {
            let n = adrs.iter().find(|a| a.0 == new.trim());
            assert!(
                n.is_some_and(|n| n.2.as_deref() == Some(id.as_str())),
                "{step}: {id} is superseded by {new}, which does not say it supersedes {id}"
            );
        }
        if let Some(old) = supersedes {
            let o = adrs.iter().find(|a| a.0 == *old);
            assert!(
                o.is_some_and(|o| o.1 == format!("Superseded by {id}")),
                "{step}: {id} supersedes {old}, whose status does not say so"
            );
        }
    }
}

/// approve → revise → approve → revise … for every directive kind: lint is
/// clean after each revision, approval goes through, the ADR history stays
/// consistent, and asking for what is already so changes no ADR.
#[test]
fn approve_revise_cycles_for_every_directive_kind() {
    let dir = bookings();
    let p = dir.path();
    let doc = p.join(BOOKINGS);
    let steps: Vec<(&str, Vec<&str>)> = vec![
        ("availability", vec!["--set", "availability=99.95"]),
        ("latency", vec!["--set", "latency=250ms"]),
        ("rto", vec!["--set", "rto=1h"]),
        ("rpo", vec!["--set", "rpo=5min"]),
        ("budget", vec!["--set", "budget=2500"]),
        ("throughput", vec!["--set", "throughput=300"]),
        ("users", vec!["--set", "users=4000"]),
        ("use", vec!["--use", "aurora"]),
        ("avoid", vec!["--avoid", "redis"]),
        (
            "add",
            vec!["--add", "queue", "--reason", "reminders go through a queue"],
        ),
        (
            "drop",
            vec!["--drop", "waf", "--reason", "Cloudflare sits in front"],
        ),
        ("platform", vec!["--platform", "kubernetes"]),
        ("avoid-platform", vec!["--avoid-platform", "kubernetes"]),
        ("region", vec!["--region", "eu-west-1"]),
        ("single-region", vec!["--single-region"]),
        ("reduce-cost", vec!["--reduce-cost", "0.2"]),
        ("add-compliance", vec!["--add-compliance", "SOC 2"]),
        ("drop-compliance", vec!["--drop-compliance", "SOC2"]),
        (
            "provider",
            vec!["--provider", "gcp", "--region", "europe-west3"],
        ),
        (
            "free text",
            vec![
                "--feedback",
                "keep it in Frankfurt, four nines; halve the budget",
            ],
        ),
    ];
    let mut day = 3;
    let on = |day: i64| {
        jiff::civil::date(2026, 2, 1)
            .checked_add(jiff::Span::new().days(day))
            .unwrap()
            .to_string()
    };
    let approve = |day: i64, step: &str| {
        let out = run(p, &["approve", BOOKINGS, "--date", &on(day)]);
        assert!(
            out.status.success(),
            "{step}: approve refused: {}",
            stderr(&out)
        );
    };
    approve(day, "initial");
    for (step, flags) in &steps {
        day += 1;
        let date = on(day);
        let mut args = vec!["revise", BOOKINGS, "--date", date.as_str()];
        args.extend(flags.iter().copied());
        let out = run(p, &args);
        assert!(out.status.success(), "{step}: {}", stderr(&out));
        let report = stdout(&out);
        assert!(
            report.contains("applied: ")
                || report.contains("unchanged: ")
                || report.contains("not applied: "),
            "{step}: every directive is reported: {report}"
        );
        let lint = run(p, &["lint", BOOKINGS]);
        assert_eq!(lint.status.code(), Some(0), "{step}: {}", stdout(&lint));
        let text = std::fs::read_to_string(&doc).unwrap();
        assert_adr_history_consistent(&text, step);
        day += 1;
        approve(day, step);
        assert!(
            !p.join("docs/planning/architecture/infrastructure/.bookings-infrastructure-architecture-20260202.md.lock").exists(),
            "{step}: no lock file left"
        );
    }
    // The same request again: already so, and no ADR churns.
    let before = std::fs::read_to_string(&doc).unwrap();
    let again = run(
        p,
        &[
            "revise",
            BOOKINGS,
            "--date",
            "2026-06-01",
            "--set",
            "rpo=5min",
            "--use",
            "aurora",
        ],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    let out = stdout(&again);
    assert!(out.contains("unchanged: set rpo=300 — already so"), "{out}");
    assert!(!out.contains("supersedes"), "no ADR churn: {out}");
    let after = std::fs::read_to_string(&doc).unwrap();
    assert_eq!(adr_index(&before).len(), adr_index(&after).len());
}

#[test]
fn a_region_of_another_provider_is_refused_naming_the_provider() {
    let dir = bookings();
    let out = run(
        dir.path(),
        &["revise", BOOKINGS, "--region", "europe-west3"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("`europe-west3` is a region of Google Cloud")
            && err.contains("not of Amazon Web Services"),
        "{err}"
    );
    let out = run(
        dir.path(),
        &[
            "revise",
            BOOKINGS,
            "--feedback",
            "on Google Cloud in eu-central-1",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("not of Google Cloud"),
        "{}",
        stderr(&out)
    );
    // Nothing was written.
    let model = std::fs::read_to_string(dir.path().join(BOOKINGS).with_extension("json")).unwrap();
    assert!(model.contains("\"revision\": 1"));
}

#[test]
fn what_the_design_cannot_do_is_said_not_claimed() {
    let dir = bookings();
    let out = run(
        dir.path(),
        &[
            "revise",
            BOOKINGS,
            "--date",
            "2026-02-03",
            "--feedback",
            "use Datadog for metrics. The PRD says 99.9 but we can live with 99.95. we can tolerate two hours",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    // Datadog is not in the AWS catalog: placed under its own name, unpriced.
    assert!(
        report.contains("applied: use datadog — metrics: Amazon CloudWatch"),
        "{report}"
    );
    assert!(
        report.contains("applied: set availability=99.95 — availability 99.9% → 99.95%"),
        "{report}"
    );
    assert!(
        report.contains("we can tolerate two hours (could mean: RTO 2 h or RPO 2 h)"),
        "{report}"
    );
    // The ambiguity is an open question; answering it later closes it.
    let doc = std::fs::read_to_string(dir.path().join(BOOKINGS)).unwrap();
    assert!(
        doc.contains("Reviewer feedback \"we can tolerate two hours\" could mean RTO 2 h or RPO 2 h: which one?"),
        "the document asks which reading"
    );
    let out = run(
        dir.path(),
        &[
            "revise",
            BOOKINGS,
            "--date",
            "2026-02-04",
            "--set",
            "rto=2h",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("question closed: \"we can tolerate two hours"),
        "{}",
        stdout(&out)
    );
    let doc = std::fs::read_to_string(dir.path().join(BOOKINGS)).unwrap();
    assert!(!doc.contains("we can tolerate two hours"));
}

#[test]
fn housekeeping_lock_modes_skip_and_history() {
    let dir = bookings();
    let p = dir.path();
    let infra = p.join("docs/planning/architecture/infrastructure");
    let out = run(p, &["skip", BOOKINGS]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = std::fs::read_to_string(p.join(BOOKINGS)).unwrap();
    assert!(
        doc.contains("**Review:** phase skipped on "),
        "skip shown in the header"
    );
    let out = run(p, &["revise", BOOKINGS, "--set", "rpo=5min"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = std::fs::read_to_string(p.join(BOOKINGS)).unwrap();
    assert!(
        doc.contains("**Review:** phase skipped on "),
        "still shown after a revision"
    );
    // Each history row says when (a date and, without --date, the time) and what.
    let history = &doc[doc.find("## Revision History").unwrap()..];
    let rows: Vec<&str> = history
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Revision"))
        .collect();
    assert_eq!(rows.len(), 3, "{history}");
    for row in &rows {
        let cells: Vec<&str> = row.split(" | ").collect();
        assert!(
            cells[1].len() >= 10 && cells[1].starts_with("20"),
            "when: {row}"
        );
        assert!(cells[4].trim_end_matches(" |").len() > 3, "what: {row}");
    }
    assert!(
        rows[1].contains("skipped") && rows[1].contains("UTC"),
        "{}",
        rows[1]
    );
    assert!(rows[2].contains("applied set rpo=300"), "{}", rows[2]);
    // No lock file beside the document.
    let locks: Vec<_> = std::fs::read_dir(&infra)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".lock"))
        .collect();
    assert!(locks.is_empty(), "{locks:?}");
}

/// A value set on review is a confirmed requirement in the feature's confirm
/// file: `requirements` and a fresh `design` see it, and it outranks what a
/// person confirmed before (reviewer over confirmed over extracted).
#[test]
fn reviewer_values_land_in_the_confirm_file_and_govern() {
    let dir = bookings();
    let p = dir.path();
    let confirm = p.join("docs/planning/architecture/infrastructure/bookings-requirements.toml");
    // A person confirmed 99.5 % before the review.
    std::fs::write(
        &confirm,
        "schema = \"infrarch.confirmed/v1\"\nfeature = \"bookings\"\n\n[[value]]\nkind = \"availability\"\nvalue = 99.5\nstatus = \"confirmed\"\nsource = \"person\"\n\n[[value]]\nkind = \"latency\"\nvalue = 350.0\npercentile = 95\nstatus = \"confirmed\"\nsource = \"person\"\n",
    )
    .unwrap();
    let out = run(
        p,
        &[
            "revise",
            BOOKINGS,
            "--date",
            "2026-02-03",
            "--set",
            "availability=99.95",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("requirements as revised:"),
        "{}",
        stdout(&out)
    );
    let file = infrarch::confirm::load(&confirm).unwrap().unwrap();
    let avail = file
        .values
        .iter()
        .find(|v| v.kind == infrarch::requirements::Kind::Availability)
        .unwrap();
    assert_eq!(avail.value.as_f64(), Some(99.95));
    assert_eq!(avail.status, infrarch::confirm::Status::Confirmed);
    assert_eq!(avail.source, "review feedback");
    assert!(
        avail
            .not_used
            .iter()
            .any(|n| n.value.as_f64() == Some(99.5)),
        "the person's value stays listed as replaced"
    );
    // The person's latency, untouched by the reviewer, is kept.
    assert!(file.values.iter().any(
        |v| v.kind == infrarch::requirements::Kind::Latency && v.value.as_f64() == Some(350.0)
    ));
    // `requirements` shows the requirements as revised...
    let out = run(p, &["requirements", "bookings", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let set: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let primary = |kind: &str| {
        set["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == kind && r["primary"] == true)
            .and_then(|r| r["value"].as_f64())
    };
    assert_eq!(primary("availability"), Some(99.95));
    assert_eq!(primary("latency"), Some(350.0));
    // ...and so does a fresh design, with no directive given.
    let out = run(
        p,
        &["design", "bookings", "--date", "2026-02-02", "--stdout"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = stdout(&out);
    assert!(
        doc.lines().any(|l| l.starts_with("| Availability")
            && l.contains("99.95%")
            && l.contains("confirmed")),
        "{doc}"
    );
    // The revised document itself lists the reviewer's value once.
    let text = std::fs::read_to_string(p.join(BOOKINGS)).unwrap();
    let rows = text
        .lines()
        .filter(|l| l.starts_with("| Availability") && l.contains("99.95%"))
        .count();
    assert_eq!(rows, 1, "{text}");
    let lint = run(p, &["lint", BOOKINGS]);
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
}

/// Drops and one region through the CLI: the report's verdict is the
/// document's, and the consequence is written into the document.
#[test]
fn drops_and_single_region_change_the_document_or_say_why_not() {
    let dir = bookings();
    let p = dir.path();
    let out = run(
        p,
        &[
            "revise",
            BOOKINGS,
            "--date",
            "2026-02-03",
            "--drop",
            "nat",
            "--reason",
            "egress goes through the shared transit VPC",
            "--drop",
            "load-balancer",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report.contains("applied: drop nat — removed nat"),
        "{report}"
    );
    assert!(
        report.contains("reviewer's reason: egress goes through the shared transit VPC"),
        "{report}"
    );
    assert!(
        report.contains("not applied: drop load_balancer — kept: lb"),
        "{report}"
    );
    let text = std::fs::read_to_string(p.join(BOOKINGS)).unwrap();
    assert!(
        !text.contains("NAT Gateway"),
        "the document no longer places NAT"
    );
    assert!(text.contains("Elastic Load Balancing") || text.contains("Load Balancer"));
    let lint = run(p, &["lint", BOOKINGS]);
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
}
