//! `infrarch init` on small fixture repositories.

use infrarch::init::{self, Fact, ProjectDraft};

use crate::common::{infrarch, stderr, stdout, tree};

fn values(d: &init::Detection, fact: Fact) -> Vec<String> {
    d.findings
        .iter()
        .filter(|f| f.fact == fact)
        .map(|f| f.value.clone())
        .collect()
}

#[test]
fn node_monorepo_on_kubernetes_and_aws() {
    let dir = tree(&[
        (
            "services/api/package.json",
            r#"{"dependencies": {"@nestjs/core": "10", "express": "4"}, "devDependencies": {"typescript": "5"}}"#,
        ),
        (
            "web/package.json",
            r#"{"dependencies": {"next": "14", "react": "18"}}"#,
        ),
        ("services/api/Dockerfile", "FROM node:22\n"),
        (
            "deploy/k8s/api.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n",
        ),
        (
            "infra/main.tf",
            "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n",
        ),
        (
            ".github/workflows/deploy.yml",
            "steps:\n  - uses: aws-actions/configure-aws-credentials@v4\n",
        ),
        ("node_modules/x/Chart.yaml", "apiVersion: v2\n"),
    ]);
    let d = init::detect(dir.path()).unwrap();
    let p = &d.project;
    assert_eq!(p.cloud_provider.as_deref(), Some("aws"));
    assert_eq!(p.deployment_platform.as_deref(), Some("kubernetes"));
    assert_eq!(p.region.as_deref(), Some("eu-west-1"));
    assert_eq!(p.iac_tool.as_deref(), Some("terraform"));
    for t in [
        "typescript",
        "node.js",
        "nestjs",
        "express",
        "next.js",
        "react",
    ] {
        assert!(
            p.tech_stack.iter().any(|s| s == t),
            "{t} in {:?}",
            p.tech_stack
        );
    }
    assert_eq!(p.source_dirs, ["services/api", "web"]);
    // node_modules is never looked at: no helm from the dependency's chart.
    assert!(!values(&d, Fact::Iac).contains(&"helm".to_string()));
    let k8s = d
        .findings
        .iter()
        .find(|f| f.fact == Fact::Deployment && f.value == "kubernetes")
        .unwrap();
    assert_eq!(k8s.file, "deploy/k8s/api.yaml");
    assert!(
        p.existing_system
            .as_deref()
            .unwrap()
            .contains("containers (services/api/Dockerfile)")
    );
    assert!(p.notes.is_empty(), "{:?}", p.notes);
}

#[test]
fn python_on_gcp_and_go_on_azure_and_paas() {
    let gcp = tree(&[
        (
            "pyproject.toml",
            "[project]\ndependencies = [\"fastapi>=0.110\"]\n",
        ),
        ("cloudbuild.yaml", "steps: []\n"),
        ("app.yaml", "runtime: python312\n"),
        ("src/app/main.py", ""),
    ]);
    let d = init::detect(gcp.path()).unwrap();
    assert_eq!(d.project.tech_stack, ["python", "fastapi"]);
    assert_eq!(d.project.cloud_provider.as_deref(), Some("gcp"));
    assert_eq!(d.project.deployment_platform.as_deref(), Some("app-engine"));
    assert_eq!(d.project.source_dirs, ["src"]);

    let azure = tree(&[
        ("go.mod", "module example.com/x\n"),
        ("cmd/x/main.go", "package main\n"),
        ("azure-pipelines.yml", "trigger: [main]\n"),
        ("infra/main.bicep", "param location string\n"),
        ("fly.toml", "app = 'x'\n"),
    ]);
    let d = init::detect(azure.path()).unwrap();
    assert_eq!(d.project.tech_stack, ["go"]);
    assert_eq!(d.project.cloud_provider.as_deref(), Some("azure"));
    assert_eq!(d.project.iac_tool.as_deref(), Some("bicep"));
    assert_eq!(d.project.deployment_platform.as_deref(), Some("fly.io"));
    assert_eq!(d.project.source_dirs, ["cmd"]);
}

#[test]
fn look_alikes_are_not_evidence() {
    let dir = tree(&[
        // A YAML file with apiVersion but no workload kind (a Helm values file,
        // a CI config) is not a Kubernetes manifest.
        ("config/settings.yaml", "apiVersion: 1\nname: x\n"),
        // app.yaml without `runtime:` is not App Engine.
        ("app.yaml", "title: my app\n"),
        // A Terraform file mentioning aws in a comment only.
        (
            "main.tf",
            "# we might move to aws one day\nresource \"null_resource\" \"x\" {}\n",
        ),
        (
            "Gemfile",
            "source 'https://rubygems.org'\ngem \"rails\", \"~> 7\"\n",
        ),
    ]);
    let d = init::detect(dir.path()).unwrap();
    assert_eq!(d.project.deployment_platform, None);
    assert_eq!(d.project.cloud_provider, None);
    assert_eq!(d.project.iac_tool.as_deref(), Some("terraform"));
    assert_eq!(d.project.tech_stack, ["ruby", "rails"]);
}

#[test]
fn several_clouds_are_reported_in_notes() {
    let dir = tree(&[("a.tf", "provider \"google\" {}\n"), ("cdk.json", "{}\n")]);
    let d = init::detect(dir.path()).unwrap();
    // Terraform providers rank above a CDK file in the rules' order.
    assert_eq!(d.project.cloud_provider.as_deref(), Some("gcp"));
    assert!(
        d.project.notes[0].contains("gcp, aws"),
        "{:?}",
        d.project.notes
    );
}

#[test]
fn cli_writes_project_file_and_never_overwrites() {
    let dir = tree(&[
        ("Cargo.toml", "[package]\nname = \"x\"\n"),
        ("src/main.rs", "fn main() {}\n"),
        ("Dockerfile", "FROM rust\n"),
        ("serverless.yml", "provider:\n  name: aws\n"),
    ]);
    let out = infrarch(dir.path()).arg("init").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains("rust") && s.contains("Cargo.toml"), "{s}");
    assert!(s.contains("serverless.yml"), "why is shown: {s}");
    assert!(s.contains("wrote ./infrarch.toml"), "{s}");
    let text = std::fs::read_to_string(dir.path().join("infrarch.toml")).unwrap();
    let p: ProjectDraft = toml::from_str(&text).unwrap();
    // The design reads the same file: every key lands in its project model.
    let project = infrarch::project::Project::parse(&text).unwrap();
    assert_eq!(project.tech_stack, p.tech_stack);
    assert_eq!(project.deployment_platform, p.deployment_platform);
    assert_eq!(project.cloud_provider, p.cloud_provider);
    assert_eq!(project.source_dirs, p.source_dirs);
    assert_eq!(project.existing_system, p.existing_system);
    assert_eq!(p.tech_stack, ["rust"]);
    assert_eq!(p.deployment_platform.as_deref(), Some("serverless"));
    assert_eq!(p.cloud_provider.as_deref(), Some("aws"));
    assert_eq!(p.source_dirs, ["src"]);

    std::fs::write(dir.path().join("infrarch.toml"), "region = \"mine\"\n").unwrap();
    let out = infrarch(dir.path()).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("infrarch.toml")).unwrap(),
        "region = \"mine\"\n"
    );
    let out = infrarch(dir.path())
        .args(["init", "--force"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("infrarch.toml.bak-1")).unwrap(),
        "region = \"mine\"\n"
    );
}

#[test]
fn empty_and_missing_directories() {
    let dir = tree(&[]);
    let out = infrarch(dir.path()).arg("init").output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).contains("tech stack: nothing found"));
    let out = infrarch(dir.path())
        .args(["init", "--dir", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope"));
}

#[test]
fn cli_output_snapshot() {
    let dir = tree(&[
        ("go.mod", "module example.com/shop\n"),
        ("cmd/shop/main.go", "package main\n"),
        ("Dockerfile", "FROM golang\n"),
        ("charts/shop/Chart.yaml", "apiVersion: v2\nname: shop\n"),
        (
            "infra/main.tf",
            "provider \"google\" {\n  region = \"europe-west1\"\n}\n",
        ),
        (
            ".github/workflows/ci.yml",
            "- uses: google-github-actions/auth@v2\n",
        ),
    ]);
    let out = infrarch(dir.path()).arg("init").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let toml = std::fs::read_to_string(dir.path().join("infrarch.toml")).unwrap();
    insta::assert_snapshot!(format!("{}\n---- infrarch.toml ----\n{toml}", stdout(&out)));
}
