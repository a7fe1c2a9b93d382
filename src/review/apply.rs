//! Applying review directives to the design's inputs. Feedback outranks the
//! planning documents: a directive replaces what they said for its kind, and
//! the requirement it adds cites the feedback as its source.

use crate::confirm::{ConfirmFile, Status};
use crate::design::DesignOptions;
use crate::design::review::{CostRequest, RoleRequest};
use crate::project::Project;
use crate::requirements::{Kind, Requirement, RequirementSet, Source, Stance, Technology, Value};
use crate::review::directives::Directive;
use crate::review::lexicon::LEXICON;

/// Where requirements from feedback say they came from.
pub const FEEDBACK_SOURCE: &str = "review feedback";

/// Apply every directive, in order, to the design inputs.
pub fn apply(
    directives: &[Directive],
    reqs: &mut RequirementSet,
    project: &mut Project,
    options: &mut DesignOptions,
) {
    for d in directives {
        apply_one(d, reqs, project, options);
    }
    renumber(reqs);
}

fn feedback_source(excerpt: String) -> Source {
    Source {
        path: FEEDBACK_SOURCE.to_string(),
        line: 0,
        excerpt,
    }
}

fn requirement(kind: Kind, value: Value, percentile: Option<u8>, excerpt: String) -> Requirement {
    Requirement {
        id: String::new(),
        kind,
        unit: kind.canonical_unit().to_string(),
        value,
        percentile,
        primary: true,
        qualifier: None,
        phase: None,
        subject: None,
        source: feedback_source(excerpt),
    }
}

/// Make `new` the one primary requirement of its kind; the documents' values stay
/// listed, no longer primary, and no longer in conflict.
fn set_primary(reqs: &mut RequirementSet, new: Requirement) {
    let kind = new.kind;
    // The confirm file holds this reviewer's earlier values (written by the
    // gate): the directive re-states them, so they are not listed twice.
    reqs.requirements.retain(|r| {
        !(r.kind == kind
            && r.source
                .excerpt
                .ends_with(&format!("(from {FEEDBACK_SOURCE})")))
    });
    for r in reqs.requirements.iter_mut().filter(|r| r.kind == kind) {
        r.primary = false;
    }
    reqs.conflicts.retain(|c| c.kind != kind);
    reqs.missing.retain(|k| *k != kind);
    reqs.requirements.push(new);
}

/// Replace every label of a set kind by one label from feedback.
fn set_label(reqs: &mut RequirementSet, kind: Kind, label: &str, excerpt: String) {
    reqs.requirements.retain(|r| r.kind != kind);
    reqs.missing.retain(|k| *k != kind);
    reqs.requirements.push(requirement(
        kind,
        Value::Text(label.to_string()),
        None,
        excerpt,
    ));
}

fn technology(reqs: &mut RequirementSet, name: &str, role: &str, stance: Stance, excerpt: String) {
    reqs.technologies
        .retain(|t| !t.name.eq_ignore_ascii_case(name));
    reqs.technologies.push(Technology {
        name: name.to_ascii_lowercase(),
        role: role.to_string(),
        stance,
        source: feedback_source(excerpt),
    });
}

fn apply_one(
    d: &Directive,
    reqs: &mut RequirementSet,
    project: &mut Project,
    options: &mut DesignOptions,
) {
    let excerpt = d.spell();
    match d {
        Directive::Provider { provider } => {
            set_label(reqs, Kind::Cloud, provider.as_str(), excerpt);
            project.cloud_provider = Some(provider.as_str().to_string());
            // A region of the old provider means nothing on the new one.
            project.region = None;
            options.provider = Some(*provider);
        }
        Directive::Region { region } => project.region = Some(region.clone()),
        Directive::Platform { platform } => {
            set_label(reqs, Kind::Platform, platform, excerpt.clone());
            project.deployment_platform = Some(platform.clone());
            reqs.technologies
                .retain(|t| !(t.stance == Stance::Rejected && t.name == *platform));
        }
        Directive::ForbidPlatform { platform } => {
            reqs.requirements
                .retain(|r| !(r.kind == Kind::Platform && r.value.as_text() == Some(platform)));
            if project.deployment_platform.as_deref() == Some(platform) {
                project.deployment_platform = None;
            }
            technology(reqs, platform, "platform", Stance::Rejected, excerpt);
        }
        Directive::Target {
            kind,
            value,
            percentile,
        } => {
            let unit_kind = *kind;
            set_primary(
                reqs,
                requirement(unit_kind, Value::Number(*value), *percentile, excerpt),
            );
        }
        Directive::AddCompliance { framework } => {
            if !reqs.labels(Kind::Compliance).contains(&framework.as_str()) {
                reqs.missing.retain(|k| *k != Kind::Compliance);
                let primary = reqs.primary(Kind::Compliance).is_none();
                let mut r = requirement(
                    Kind::Compliance,
                    Value::Text(framework.clone()),
                    None,
                    excerpt,
                );
                r.primary = primary;
                reqs.requirements.push(r);
            }
        }
        Directive::DropCompliance { framework } => {
            reqs.requirements
                .retain(|r| !(r.kind == Kind::Compliance && r.value.as_text() == Some(framework)));
            if reqs.primary(Kind::Compliance).is_none()
                && let Some(r) = reqs
                    .requirements
                    .iter_mut()
                    .find(|r| r.kind == Kind::Compliance)
            {
                r.primary = true;
            }
        }
        Directive::UseTechnology { name, role } => {
            let role = role
                .clone()
                .or_else(|| LEXICON.tech(name).map(|(_, r)| r))
                .or_else(|| {
                    reqs.technologies
                        .iter()
                        .find(|t| t.name.eq_ignore_ascii_case(name))
                        .map(|t| t.role.clone())
                })
                .unwrap_or_default();
            choose(reqs, name, &role, excerpt);
        }
        Directive::ForbidTechnology { name } => {
            let role = reqs
                .technologies
                .iter()
                .find(|t| t.name.eq_ignore_ascii_case(name))
                .map(|t| t.role.clone())
                .or_else(|| LEXICON.tech(name).map(|(_, r)| r))
                .unwrap_or_default();
            technology(reqs, name, &role, Stance::Rejected, excerpt);
        }
        // The engine pulls its cost levers in order until the target is met
        // (`design::review::reduce_cost`); `reduce_cost` says one was asked.
        Directive::ReduceCost { target } => {
            options.reduce_cost = true;
            options.review.reduce_cost = Some(CostRequest { target: *target });
        }
        // A component the engine places when a technology of its role is
        // chosen: the role's generic name is such a technology ("queue" takes
        // the provider's queue service). Others are reported as not applied.
        Directive::AddComponent { role, reason } => {
            take_back(&mut options.review.drop_roles, role);
            take_back(&mut options.review.add_roles, role);
            options.review.add_roles.push(RoleRequest {
                role: role.clone(),
                reason: reason.clone(),
            });
            if ADDABLE.contains(&role.as_str())
                && !reqs
                    .technologies
                    .iter()
                    .any(|t| t.stance == Stance::Chosen && t.role == *role)
            {
                choose(reqs, role, role, excerpt);
            }
        }
        Directive::DropComponent { role, reason } => {
            take_back(&mut options.review.add_roles, role);
            // A role added through a chosen technology is un-chosen too.
            if ADDABLE.contains(&role.as_str()) {
                reqs.technologies
                    .retain(|t| !(t.stance == Stance::Chosen && t.name == *role));
            }
            take_back(&mut options.review.drop_roles, role);
            options.review.drop_roles.push(RoleRequest {
                role: role.clone(),
                reason: reason.clone(),
            });
        }
        Directive::SingleRegion => options.review.single_region = true,
    }
}

/// A later directive about a role replaces an earlier opposite one ("add a
/// CDN" after "drop the CDN").
fn take_back(list: &mut Vec<RoleRequest>, role: &str) {
    list.retain(|r| r.role != role);
}

/// Write the values the reviewer set into the feature's confirm file, so the
/// requirements as revised are one truth: `requirements` and `design` read
/// them as confirmed, and lint's drift rule compares against them.
///
/// Precedence (issue 14): a reviewer's value over a confirmed one over an
/// extracted one. A reviewer value replaces the file's value of its kind (the
/// old one stays listed as not used); a provider or platform replaces the
/// kind's labels; a forbidden platform or dropped framework is `rejected`.
/// Values the reviewer did not touch keep what a person wrote. Returns
/// whether the file changed.
pub fn confirm(directives: &[Directive], file: &mut ConfirmFile) -> bool {
    let before = file.clone();
    let src = FEEDBACK_SOURCE;
    for d in directives {
        match d {
            Directive::Target {
                kind,
                value,
                percentile,
            } => file.set(
                *kind,
                Value::Number(*value),
                *percentile,
                Status::Confirmed,
                src,
            ),
            Directive::Provider { provider } => {
                file.values.retain(|v| v.kind != Kind::Cloud);
                file.set(
                    Kind::Cloud,
                    Value::Text(provider.as_str().into()),
                    None,
                    Status::Confirmed,
                    src,
                );
            }
            Directive::Platform { platform } => {
                file.values
                    .retain(|v| !(v.kind == Kind::Platform && v.status != Status::Rejected));
                file.set(
                    Kind::Platform,
                    Value::Text(platform.clone()),
                    None,
                    Status::Confirmed,
                    src,
                );
            }
            Directive::ForbidPlatform { platform } => file.set(
                Kind::Platform,
                Value::Text(platform.clone()),
                None,
                Status::Rejected,
                src,
            ),
            Directive::AddCompliance { framework } => file.set(
                Kind::Compliance,
                Value::Text(framework.clone()),
                None,
                Status::Confirmed,
                src,
            ),
            Directive::DropCompliance { framework } => file.set(
                Kind::Compliance,
                Value::Text(framework.clone()),
                None,
                Status::Rejected,
                src,
            ),
            // Regions, technologies, components and cost are design
            // choices, not requirement values: they live in the sidecar.
            _ => {}
        }
    }
    *file != before
}

/// [`confirm`] on the file at `path` (created with only the reviewer's values
/// when there is none), written atomically when it changed.
pub fn confirm_file(
    path: &std::path::Path,
    feature: &str,
    directives: &[Directive],
) -> crate::Result<bool> {
    let mut file = crate::confirm::load(path)?.unwrap_or_else(|| ConfirmFile {
        schema: crate::confirm::CONFIRMED_SCHEMA.to_string(),
        feature: feature.to_string(),
        questions: Vec::new(),
        values: Vec::new(),
    });
    if !confirm(directives, &mut file) {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
    }
    crate::write::replace_atomic(path, file.to_toml().as_bytes())
        .map_err(|e| crate::Error::Invalid(e.to_string()))?;
    Ok(true)
}

/// Roles whose component the engine places for a chosen technology of that
/// role, generic names included (`data::rows_for_tech`, `data::cdn_need`).
pub const ADDABLE: [&str; 3] = ["cdn", "queue", "cache"];

/// Make `name` the chosen technology of its role: other chosen technologies
/// of the role step back (the engine takes the first chosen one), and a
/// rejection of it is lifted.
fn choose(reqs: &mut RequirementSet, name: &str, role: &str, excerpt: String) {
    if !role.is_empty() {
        reqs.technologies
            .retain(|t| !(t.stance == Stance::Chosen && t.role == role));
    }
    reqs.technologies
        .retain(|t| !t.name.eq_ignore_ascii_case(name));
    reqs.technologies.insert(
        0,
        Technology {
            name: name.to_ascii_lowercase(),
            role: role.to_string(),
            stance: Stance::Chosen,
            source: feedback_source(excerpt),
        },
    );
}

/// Ids in order again (`R1`…), so design decisions cite stable ids.
fn renumber(reqs: &mut RequirementSet) {
    for (i, r) in reqs.requirements.iter_mut().enumerate() {
        r.id = format!("R{}", i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Provider;
    use crate::requirements::REQUIREMENTS_SCHEMA;

    fn set() -> RequirementSet {
        let r = |kind, value, line| Requirement {
            id: String::new(),
            kind,
            unit: Kind::canonical_unit(kind).to_string(),
            value,
            percentile: None,
            primary: true,
            qualifier: None,
            phase: None,
            subject: None,
            source: Source {
                path: "prd.md".into(),
                line,
                excerpt: String::new(),
            },
        };
        RequirementSet {
            schema: REQUIREMENTS_SCHEMA.into(),
            feature: "f".into(),
            sources: vec![],
            requirements: vec![
                r(Kind::Availability, Value::Number(99.9), 3),
                r(Kind::Cloud, Value::Text("aws".into()), 4),
                r(Kind::Compliance, Value::Text("PCI-DSS".into()), 5),
            ],
            conflicts: vec![],
            missing: vec![Kind::Rto],
            technologies: vec![Technology {
                name: "redis".into(),
                role: "cache".into(),
                stance: Stance::Chosen,
                source: Source::default(),
            }],
            superseded: vec![],
            ambiguities: Vec::new(),
        }
    }

    #[test]
    fn directives_change_the_inputs() {
        let mut reqs = set();
        let mut project = Project::default();
        let mut options = DesignOptions::default();
        apply(
            &[
                Directive::Provider {
                    provider: Provider::Gcp,
                },
                Directive::Target {
                    kind: Kind::Availability,
                    value: 99.99,
                    percentile: None,
                },
                Directive::Target {
                    kind: Kind::Rto,
                    value: 1800.0,
                    percentile: None,
                },
                Directive::DropCompliance {
                    framework: "PCI-DSS".into(),
                },
                Directive::AddCompliance {
                    framework: "HIPAA".into(),
                },
                Directive::ForbidTechnology {
                    name: "redis".into(),
                },
                Directive::ReduceCost { target: None },
            ],
            &mut reqs,
            &mut project,
            &mut options,
        );
        assert_eq!(reqs.number(Kind::Availability), Some(99.99));
        assert_eq!(
            reqs.primary(Kind::Availability).unwrap().source.path,
            FEEDBACK_SOURCE
        );
        assert_eq!(
            reqs.all(Kind::Availability).count(),
            2,
            "the PRD's value stays listed"
        );
        assert_eq!(reqs.labels(Kind::Cloud), ["gcp"]);
        assert_eq!(project.cloud_provider.as_deref(), Some("gcp"));
        assert_eq!(options.provider, Some(Provider::Gcp));
        assert_eq!(reqs.number(Kind::Rto), Some(1800.0));
        assert!(reqs.missing.is_empty());
        assert_eq!(reqs.labels(Kind::Compliance), ["HIPAA"]);
        assert!(reqs.primary(Kind::Compliance).is_some());
        assert_eq!(reqs.technologies[0].stance, Stance::Rejected);
        assert_eq!(reqs.technologies[0].role, "cache");
        assert!(options.reduce_cost);
        let ids: Vec<_> = reqs.requirements.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["R1", "R2", "R3", "R4", "R5"]);
        for kind in Kind::ALL {
            assert!(reqs.all(kind).filter(|r| r.primary).count() <= 1, "{kind}");
        }
    }
}
