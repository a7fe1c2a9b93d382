//! The SARIF output validates against the official SARIF 2.1.0 schema
//! (vendored in tests/fixtures/sarif, see its README).

use infrarch::lint::{FileError, LintOptions, lint_paths};
use infrarch::report::LintFormat;

use crate::{fixture, render, root};

fn validator() -> jsonschema::Validator {
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"))
            .expect("schema"),
    )
    .expect("schema JSON");
    // The official schema's `language` patterns have a stray `]`, which a
    // validator that checks `format: regex` rejects at compile time. Fix those
    // patterns in memory (we never emit `language`) so every other format
    // (`uri-reference` for artifact paths, among others) is still checked.
    let fixed = fix_patterns(&mut schema);
    assert_eq!(fixed, 2, "schema changed: revisit this fix");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn fix_patterns(v: &mut serde_json::Value) -> usize {
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        serde_json::Value::Object(m) => {
            let mut n = 0;
            for (k, x) in m.iter_mut() {
                if k == "pattern" && x == BROKEN {
                    *x = serde_json::Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                    n += 1;
                } else {
                    n += fix_patterns(x);
                }
            }
            n
        }
        serde_json::Value::Array(a) => a.iter_mut().map(fix_patterns).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let v = validator();
    let mut run = lint_paths(&[fixture("sloppy")], &LintOptions::default()).expect("lint");
    assert!(!run.diagnostics.is_empty());
    run.errors.push(FileError {
        path: "docs/bad file#1.md".into(),
        message: "not valid UTF-8 text".into(),
    });
    let out: serde_json::Value =
        serde_json::from_str(&render(&run, LintFormat::Sarif)).expect("JSON");
    let errors: Vec<String> = v
        .iter_errors(&out)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = out["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), run.diagnostics.len());
    let rules = out["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), infrarch::lint::RULES.len());
    // ruleIndex points at the rule with that id.
    for r in results {
        let idx = r["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
    }
    assert_eq!(
        out["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

#[test]
fn a_broken_sarif_log_is_rejected_by_the_validator() {
    // The validator is not vacuous: a result without a message fails.
    let v = validator();
    let bad = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "IA101"}]}]});
    assert!(!v.is_valid(&bad));
}

#[test]
fn json_output_follows_the_contract() {
    let run = lint_paths(
        &[fixture("sloppy/suppressions.md")],
        &LintOptions::default(),
    )
    .expect("lint");
    let out: serde_json::Value =
        serde_json::from_str(&render(&run, LintFormat::Json)).expect("JSON");
    assert_eq!(out["schema"], "infrarch.lint/v1");
    assert_eq!(out["files"], 1);
    let d = &out["diagnostics"][0];
    let mut keys: Vec<&str> = d
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "code", "column", "help", "line", "message", "path", "severity"
        ]
    );
    assert!(out.get("errors").is_none());
    insta::assert_json_snapshot!("json__suppressions", out);
}
