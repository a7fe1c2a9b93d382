//! Property tests: the extractor never panics on any text, every source it
//! reports points at a line that exists with the excerpt equal to that line
//! trimmed, and each kind present has exactly one primary.

use infrarch::extract::extract;
use infrarch::ingest::PlanningDoc;
use infrarch::requirements::{DocKind, Kind, RequirementSet};
use proptest::prelude::*;

fn check(text: &str) -> Result<(), TestCaseError> {
    let doc = PlanningDoc::from_text(
        "docs/planning/prd/x-20260101.md",
        DocKind::Prd,
        text.to_string(),
    );
    let set: RequirementSet = extract("x", std::slice::from_ref(&doc));
    // Lines as the parser counts them (LF, CRLF or a lone CR).
    let lines: Vec<&str> = infrarch::markdown::lines(text).collect();
    let sources = set
        .requirements
        .iter()
        .map(|r| &r.source)
        .chain(set.technologies.iter().map(|t| &t.source))
        .chain(set.conflicts.iter().flat_map(|c| c.sources.iter()));
    for s in sources {
        prop_assert!(
            s.line >= 1 && s.line <= lines.len(),
            "line {} of {}",
            s.line,
            lines.len()
        );
        prop_assert_eq!(&s.excerpt, lines[s.line - 1].trim());
    }
    for kind in Kind::ALL {
        let n = set.all(kind).count();
        let primaries = set.all(kind).filter(|r| r.primary).count();
        prop_assert_eq!(primaries, usize::from(n > 0), "kind {}", kind);
        prop_assert_eq!(set.missing.contains(&kind), n == 0);
    }
    for (i, r) in set.requirements.iter().enumerate() {
        prop_assert_eq!(&r.id, &format!("R{}", i + 1));
    }
    Ok(())
}

/// Fragments real planning documents are made of.
fn fragment() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        Just("99.9%".to_string()),
        Just("three nines".to_string()),
        Just("< 200ms".to_string()),
        Just("200 ms at p95".to_string()),
        Just("1,000".to_string()),
        Just("10K rps".to_string()),
        Just("2 TB".to_string()),
        Just("4 hours".to_string()),
        Just("$500/month".to_string()),
        (0u32..100_000).prop_map(|n| n.to_string()),
        (0u32..1000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}%")),
    ];
    let word = prop_oneof![
        Just("uptime"),
        Just("availability"),
        Just("latency"),
        Just("p99"),
        Just("RTO"),
        Just("RPO"),
        Just("concurrent users"),
        Just("requests per second"),
        Just("budget"),
        Just("SOC 2"),
        Just("GDPR"),
        Just("stored in the EU"),
        Just("No Kubernetes"),
        Just("AWS only (no Azure)"),
        Just("Vercel/Netlify"),
        Just("可用性"),
        Just("响应时间"),
        Just("가용성"),
        Just("応答時間"),
        Just("MVP:"),
        Just("GA:"),
        Just("(target: < 2s)"),
    ];
    let line = (word.clone(), number.clone(), word).prop_map(|(a, n, b)| format!("{a} {n} {b}"));
    prop_oneof![
        line.clone().prop_map(|l| format!("- {l}\n")),
        line.clone().prop_map(|l| format!("  - {l}\n")),
        line.clone().prop_map(|l| format!("{l}\n\n")),
        line.clone().prop_map(|l| format!("## {l}\n")),
        (line.clone(), number.clone())
            .prop_map(|(l, n)| format!("| Requirement | Target |\n|---|---|\n| {l} | {n} |\n\n")),
        line.clone().prop_map(|l| format!("```\n{l}\n```\n")),
        line.prop_map(|l| format!("> {l}\r\n")),
        Just("---\ntitle: x\n---\n".to_string()),
        Just("\r".to_string()),
        "[^\\x00]{0,40}".prop_map(|s| format!("{s}\n")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(&text)?;
    }

    #[test]
    fn arbitrary_bytes_as_text(text in proptest::collection::vec(any::<char>(), 0..300)) {
        let s: String = text.into_iter().collect();
        check(&s)?;
    }

    #[test]
    fn markdownish_documents(parts in proptest::collection::vec(fragment(), 0..30)) {
        check(&parts.concat())?;
    }
}
