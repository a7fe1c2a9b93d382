//! Regions and residency. The strictest residency stated wins: a country
//! ("stay in Germany") before a geography ("in the EU"), matched through the
//! catalog's region table (id, city, country, geography, continent). The
//! primary region is the project's when it lies inside that residency, else
//! the region the documents chose ("all of it runs in us-east-2") when it
//! lies inside it, else the catalog's first region inside it, else (no
//! residency) the catalog's reference region as a stated assumption. The
//! recovery region — where DR copies, backups and log archives go — is the
//! region the documents name for copies when it lies inside the residency,
//! else the catalog's pair when it does, else another region inside it, else
//! none, and the design asks.

use super::Plan;
use crate::catalog::MatchKind;
use crate::design::context::Ctx;
use crate::design::model::*;
use crate::design::rules::Rules;
use crate::error::Result;
use crate::requirements::Kind;

/// The residency label the design honours and the ids stating it.
#[derive(Debug, Clone, PartialEq)]
pub struct Residency {
    pub label: String,
    pub ids: Vec<Provenance>,
    /// How specific the label is (country before geography).
    pub by: Option<MatchKind>,
}

pub fn run(p: &mut Plan) -> Result<()> {
    let ctx = &mut p.ctx;
    let residency = strictest(ctx);
    let named = named(ctx)?;
    let (primary, region_why) = region(ctx, residency.as_ref(), &named);
    let inside = |ctx: &Ctx, name: &str| match &residency {
        Some(r) if r.by.is_some() => inside_residency(ctx, name, r),
        _ => true,
    };
    let named_copy = named
        .iter()
        .find(|n| n.for_copies && n.region != primary && inside(ctx, &n.region))
        .map(|n| n.region.clone());
    let pair = named_copy
        .or_else(|| {
            ctx.cat
                .region(&primary)
                .map(|r| r.pair.clone())
                .filter(|pr| pr != &primary && ctx.cat.region(pr).is_some() && inside(ctx, pr))
        })
        .or_else(|| {
            let label = &residency.as_ref()?.label;
            ctx.cat
                .regions_matching(label)
                .into_iter()
                .map(|m| m.region.name.clone())
                .find(|n| n != &primary)
        });
    if pair.is_none() {
        ctx.question(
            format!("No recovery region is known for {primary} within the required residency: which region may hold replicas and backup copies?"),
            QuestionReason::Tradeoff,
            region_why.clone(),
        );
    }
    p.residency = residency.map(|r| (r.label, r.ids));
    // Later passes (governance, risks) name the residency the design honours.
    if p.residency.is_some() {
        p.ctx.residency = p.residency.clone();
    }
    p.primary = primary;
    p.region_why = region_why;
    p.pair = pair;
    Ok(())
}

/// The most specific residency any requirement states (a country before a
/// geography before a continent); the primary one on a tie.
pub fn strictest(ctx: &Ctx) -> Option<Residency> {
    let mut best: Option<Residency> = None;
    for r in ctx.reqs.all(Kind::Residency) {
        let Some(label) = r.value.as_text() else {
            continue;
        };
        let by = ctx.cat.lookup_region(label).map(|m| m.by);
        let cand = Residency {
            label: label.to_string(),
            ids: vec![r.id.clone().into()],
            by,
        };
        let better = match &best {
            None => true,
            Some(b) => match (cand.by, b.by) {
                (Some(c), Some(o)) => c < o,
                (Some(_), None) => true,
                _ => false,
            },
        };
        if better {
            best = Some(cand);
        }
    }
    best
}

/// Whether a catalog region lies inside a residency at its own specificity
/// (a country residency is not met by another country of the same geography).
fn inside_residency(ctx: &Ctx, name: &str, r: &Residency) -> bool {
    ctx.cat
        .region(name)
        .and_then(|reg| reg.matches(&r.label))
        .is_some_and(|m| Some(m) <= r.by)
}

/// A region of the provider's catalog the documents chose by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub region: String,
    /// `T…` id of the choice.
    pub id: String,
    /// The line names it as where copies go ("snapshots copied to US West
    /// (Oregon)", "GZRS copy in North Europe"), not where the system runs.
    pub for_copies: bool,
}

/// Regions the documents chose that the provider's catalog knows, in the
/// order the documents name them.
pub fn named(ctx: &Ctx) -> Result<Vec<Named>> {
    let rule = &Rules::get()?.regions;
    let mut out = Vec::new();
    for t in &ctx.reqs.technologies {
        if t.stance != crate::requirements::Stance::Chosen
            || t.role != "region"
            || ctx.rejected(&t.name)
        {
            continue;
        }
        let Some(r) = ctx.cat.region(&t.name) else {
            continue;
        };
        if out.iter().any(|n: &Named| n.region == r.name) {
            continue;
        }
        out.push(Named {
            region: r.name.clone(),
            id: ctx.chosen_id(&t.name).unwrap_or_default(),
            for_copies: rule.speaks_of_copies(&t.source.excerpt),
        });
    }
    Ok(out)
}

fn region(
    ctx: &mut Ctx,
    residency: Option<&Residency>,
    named: &[Named],
) -> (String, Vec<Provenance>) {
    if let Some(r) = ctx.project.region.clone() {
        if let Some(res) = residency
            && res.by.is_some()
            && let Some(known) = ctx.cat.region(&r)
            && known.matches(&res.label).is_none_or(|m| Some(m) > res.by)
        {
            let q = format!(
                "infrarch.toml sets region {r}, outside the required residency {}: the design uses a region inside it instead; confirm",
                res.label
            );
            ctx.question(q, QuestionReason::Conflict, res.ids.clone());
        } else {
            return (r, vec!["infrarch.toml region".into()]);
        }
    }
    // The documents' own region: the first one named where the system runs
    // (else the first named at all), when the residency allows it.
    let home = named
        .iter()
        .find(|n| !n.for_copies)
        .or_else(|| named.first());
    if let Some(n) = home {
        match residency.filter(|res| res.by.is_some()) {
            Some(res) if !inside_residency(ctx, &n.region, res) => {
                let q = format!(
                    "The documents run the system in {}, outside the required residency {}: the design uses a region inside it instead; which is right?",
                    n.region, res.label
                );
                let mut refs = res.ids.clone();
                refs.push(n.id.clone().into());
                ctx.question(
                    q,
                    QuestionReason::Conflict,
                    refs.into_iter().collect::<Vec<_>>(),
                );
            }
            _ => return (n.region.clone(), vec![n.id.clone().into()]),
        }
    }
    if let Some(res) = residency {
        if let Some(m) = ctx.cat.lookup_region(&res.label) {
            return (m.region.name.clone(), res.ids.clone());
        }
        let q = format!(
            "Residency `{}` matches no region in the {} catalog: which region satisfies it?",
            res.label, ctx.cat.provider
        );
        ctx.question(q, QuestionReason::Tradeoff, res.ids.clone());
    }
    let def = ctx.cat.default_region.clone();
    let a = ctx.assume("primary region", def.clone(), "no residency or project region stated; the catalog's reference region, where its prices were read".into());
    (def, vec![a])
}

#[cfg(test)]
mod tests {
    use crate::design::testkit::Set;
    use crate::requirements::{Kind, Stance};

    /// (statements, expected primary, expected recovery region).
    #[test]
    fn the_documents_region_wins_inside_the_residency() {
        type Case = (&'static str, Set, &'static str, Option<&'static str>);
        let cases: Vec<Case> = vec![
            (
                "a named AWS region, copies named on their own line",
                Set::new()
                    .text(Kind::Cloud, "aws", "We host on AWS.")
                    .chose(
                        "us-east-2",
                        "region",
                        "Everything runs in us-east-2 (Ohio).",
                    )
                    .chose(
                        "us-west-2",
                        "region",
                        "Nightly snapshots are copied to us-west-2.",
                    ),
                "us-east-2",
                Some("us-west-2"),
            ),
            (
                "Azure display names; the copies go where the documents say",
                Set::new()
                    .text(Kind::Cloud, "azure", "Azure.")
                    .text(Kind::Residency, "EU", "Data stays in the EU.")
                    .chose(
                        "northeurope",
                        "region",
                        "GZRS keeps a copy in North Europe.",
                    )
                    .chose("francecentral", "region", "The app runs in France Central."),
                "francecentral",
                Some("northeurope"),
            ),
            (
                "a named region outside a country residency is not used",
                Set::new()
                    .text(Kind::Cloud, "gcp", "Google Cloud.")
                    .text(Kind::Residency, "Germany", "All data must stay in Germany.")
                    .chose(
                        "europe-west4",
                        "region",
                        "Our other services run in europe-west4.",
                    ),
                "europe-west3",
                Some("europe-west10"),
            ),
            (
                "a region the documents reject is not used",
                Set::new().text(Kind::Cloud, "aws", "AWS.").tech(
                    "us-east-1",
                    "region",
                    Stance::Rejected,
                    "Not us-east-1.",
                ),
                "us-east-1",
                Some("us-west-2"),
            ),
        ];
        for (name, set, primary, recovery) in cases {
            let reqs = set.build();
            let project = crate::project::Project::default();
            let mut p = super::Plan::new(crate::design::testkit::ctx(&reqs, &project));
            super::run(&mut p).unwrap();
            assert_eq!(p.primary, primary, "{name}");
            assert_eq!(p.pair.as_deref(), recovery, "{name}");
        }
    }

    #[test]
    fn copy_words_are_whole_words() {
        let rule = &crate::design::rules::Rules::get().unwrap().regions;
        assert!(rule.speaks_of_copies("Snapshots copied to US West (Oregon)"));
        assert!(rule.speaks_of_copies("| originals | GZRS (copy in North Europe) |"));
        assert!(rule.speaks_of_copies("we fail over to the pair"));
        assert!(
            !rule.speaks_of_copies("Drafts are kept in Frankfurt"),
            "dr inside drafts"
        );
        assert!(!rule.speaks_of_copies("Azure in France Central"));
    }
}
