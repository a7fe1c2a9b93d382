//! Project knowledge from an optional `infrarch.toml` at the project root: the
//! agent template's `{{tech_stack}}`, `{{cloud_provider}}`,
//! `{{deployment_platform}}`, `{{architecture_pattern}}`, `{{source_dirs}}`,
//! plus the region, IaC tool and team notes the design should honour.
//!
//! ```toml
//! cloud_provider = "aws"
//! deployment_platform = "ecs"
//! tech_stack = ["rust", "postgresql", "redis"]
//! architecture_pattern = "modular monolith"
//! source_dirs = ["src", "web"]
//! region = "eu-west-1"
//! iac_tool = "terraform"
//! existing_system = "runs on two EC2 VMs behind nginx"
//! notes = ["on-call is two people in CET"]
//! ```
//!
//! An unknown key or table is an error naming it: a misspelt `regoin` that
//! was silently ignored would give a design in the wrong region with no word.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// File name looked up at the project root.
pub const PROJECT_FILE: &str = "infrarch.toml";

/// A project file is a few lines; anything this large is not one.
pub const MAX_PROJECT_FILE_BYTES: u64 = 1024 * 1024;

/// What the project says about itself. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Project {
    /// `aws`, `gcp`, `azure` (other names are kept and reported).
    pub cloud_provider: Option<String>,
    /// `kubernetes`, `ecs`, `cloud-run`, `container-apps`, `serverless`, `vm`…
    pub deployment_platform: Option<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub tech_stack: Vec<String>,
    pub architecture_pattern: Option<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub source_dirs: Vec<String>,
    /// Provider region name (`eu-west-1`, `europe-west1`, `westeurope`).
    pub region: Option<String>,
    /// `terraform`, `opentofu`, `pulumi`, `cloudformation`, `cdk`, `bicep`…
    pub iac_tool: Option<String>,
    /// Where the system runs today, when it is not greenfield.
    pub existing_system: Option<String>,
    /// `public` (internet-facing, the default) or `internal`.
    pub exposure: Option<String>,
    /// Team notes (on-call, skills, constraints) the design should respect.
    #[serde(deserialize_with = "one_or_many")]
    pub notes: Vec<String>,
    /// Path of the file this was read from (not read from the file itself).
    #[serde(skip)]
    pub file: Option<String>,
}

impl Project {
    /// Reads `infrarch.toml` under `root`; `Ok(None)` when there is none.
    pub fn load(root: &Path) -> Result<Option<Project>> {
        let path = root.join(PROJECT_FILE);
        // A missing file (or a dangling link) is "no project file"; anything
        // else goes through the capped, regular-files-only read.
        if std::fs::metadata(&path).is_err() && std::fs::symlink_metadata(&path).is_err() {
            return Ok(None);
        }
        let text = crate::write::read_text_capped(&path, MAX_PROJECT_FILE_BYTES)?;
        let mut project = Project::parse(&text).map_err(|message| Error::Parse {
            path: path.clone(),
            message,
        })?;
        project.file = Some(path.display().to_string());
        Ok(Some(project))
    }

    /// Parses the TOML text of a project file; the error is one line.
    pub fn parse(text: &str) -> Result<Project, String> {
        // One line, with control characters escaped: the message quotes the
        // file's own text back to the terminal.
        toml::from_str(text).map_err(|e| {
            let line = text[..e.span().map_or(0, |s| s.start.min(text.len()))]
                .matches('\n')
                .count()
                + 1;
            format!(
                "line {line}: {}",
                crate::write::escape_controls(e.message().trim())
            )
        })
    }

    /// Whether the stack or platform already runs on Kubernetes.
    pub fn runs_kubernetes(&self) -> bool {
        let k8s = |s: &str| {
            let s = s.to_ascii_lowercase();
            s.contains("kubernetes") || s == "k8s" || s == "eks" || s == "gke" || s == "aks"
        };
        self.deployment_platform.as_deref().is_some_and(k8s)
            || self.tech_stack.iter().any(|t| k8s(t))
            || self.existing_system.as_deref().is_some_and(|s| {
                let s = s.to_ascii_lowercase();
                s.contains("kubernetes") || s.contains("k8s")
            })
    }
}

/// Accepts `key = "a"` as well as `key = ["a", "b"]`.
fn one_or_many<'de, D>(d: D) -> std::result::Result<Vec<String>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_fields_and_string_or_list() {
        let p = Project::parse(
            r#"
cloud_provider = "gcp"
deployment_platform = "gke"
tech_stack = "go"
source_dirs = ["cmd", "internal"]
region = "europe-west1"
iac_tool = "terraform"
notes = "small team"
"#,
        )
        .unwrap();
        assert_eq!(p.cloud_provider.as_deref(), Some("gcp"));
        assert_eq!(p.tech_stack, vec!["go"]);
        assert_eq!(p.source_dirs, vec!["cmd", "internal"]);
        assert_eq!(p.notes, vec!["small team"]);
        assert!(p.runs_kubernetes());
    }

    #[test]
    fn unknown_keys_and_tables_are_errors_naming_them() {
        for (text, named) in [
            ("regoin = \"eu-west-1\"\n", "regoin"),
            ("region = \"eu-west-1\"\n[lint]\nanything = 1\n", "lint"),
            (
                "cloud_provider = \"aws\"\ncloud_providr = \"gcp\"\n",
                "cloud_providr",
            ),
        ] {
            let e = Project::parse(text).unwrap_err();
            assert!(e.contains(named), "{text:?}: {e}");
            assert!(!e.contains('\n'), "{e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_as_the_project_file_is_refused_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join(PROJECT_FILE);
        let ok = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !ok.is_ok_and(|s| s.success()) {
            // No mkfifo on this system: nothing to test (the reliability
            // suite reports this case visibly).
            return;
        }
        let e = Project::load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("FIFO"), "{e}");
    }

    #[test]
    fn bad_toml_is_a_one_line_error() {
        let e = Project::parse("cloud_provider = ").unwrap_err();
        assert!(!e.contains('\n'), "{e}");
        let e = Project::parse("tech_stack = 3").unwrap_err();
        assert!(!e.is_empty());
    }

    #[test]
    fn load_absent_is_none_and_present_is_read() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Project::load(dir.path()).unwrap(), None);
        std::fs::write(dir.path().join(PROJECT_FILE), "region = \"westeurope\"\n").unwrap();
        let p = Project::load(dir.path()).unwrap().unwrap();
        assert_eq!(p.region.as_deref(), Some("westeurope"));
        assert!(p.file.is_some());
        assert!(!p.runs_kubernetes());
    }
}
