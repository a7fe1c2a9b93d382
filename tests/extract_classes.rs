//! Issue 13's misreadings, one table per class, in our own words: what must
//! not become a requirement, next to look-alikes that must still count.

use infrarch::extract::extract;
use infrarch::ingest::PlanningDoc;
use infrarch::requirements::{DocKind, Kind, RequirementSet, Stance};

fn prd(body: &str) -> RequirementSet {
    let text = format!("# Team PRD\n\n## Non-Functional Requirements\n\n{body}\n");
    extract(
        "f",
        &[PlanningDoc::from_text("docs/prd.md", DocKind::Prd, text)],
    )
}

fn numbers(set: &RequirementSet, kind: Kind) -> Vec<f64> {
    set.all(kind).filter_map(|r| r.value.as_f64()).collect()
}

/// (line, kind, expected values of that kind).
type Case = (&'static str, Kind, &'static [f64]);

fn run(cases: &[Case]) {
    for (line, kind, want) in cases {
        let set = prd(&format!("- {line}"));
        assert_eq!(numbers(&set, *kind), *want, "{kind} in {line:?}: {set:#?}");
    }
}

#[test]
fn identifiers_and_tags_are_not_measures() {
    run(&[
        (
            "Trace stories with `@E-001-S-3` tags in the test names.",
            Kind::Latency,
            &[],
        ),
        (
            "Story `PERF-250ms` covers the cache warm-up.",
            Kind::Latency,
            &[],
        ),
        // Look-alike: a real target next to an id.
        (
            "NFR-4: search answers within 250 ms at p95.",
            Kind::Latency,
            &[250.0],
        ),
    ]);
}

#[test]
fn estimates_variance_animation_timeouts_and_alerts_are_not_targets() {
    run(&[
        (
            "Build the recovery service (4 hours) in sprint 2.",
            Kind::Rto,
            &[],
        ),
        (
            "Imports settle after an uneven delay (1–30 seconds).",
            Kind::Latency,
            &[],
        ),
        ("Card hover animation lasts 150ms.", Kind::Latency, &[]),
        (
            "Calls to the tax provider time out after 20 seconds.",
            Kind::Latency,
            &[],
        ),
        (
            "Page the on-call engineer when p95 exceeds 900 ms for 10 minutes.",
            Kind::Latency,
            &[],
        ),
        // Look-alikes that are objectives.
        (
            "RTO (4 hours) for the billing database.",
            Kind::Rto,
            &[14400.0],
        ),
        (
            "Pages render in under 1.5 seconds.",
            Kind::Latency,
            &[1500.0],
        ),
    ]);
}

#[test]
fn configuration_values_are_not_load() {
    run(&[
        (
            "The WAF rate limit is 1 req/min/IP on the sign-in form.",
            Kind::Throughput,
            &[],
        ),
        (
            "Allow at most 3 concurrent uploads per tenant.",
            Kind::ConcurrentUsers,
            &[],
        ),
        (
            "The new importer is 10x faster than the batch job.",
            Kind::Throughput,
            &[],
        ),
        // Look-alikes that are load.
        (
            "Serve 800 requests per second at peak.",
            Kind::Throughput,
            &[800.0],
        ),
        (
            "Support 5,000 concurrent users during enrolment week.",
            Kind::ConcurrentUsers,
            &[5000.0],
        ),
    ]);
}

#[test]
fn one_items_cost_is_not_the_budget() {
    run(&[
        (
            "Storage costs remain under $200 per month.",
            Kind::Budget,
            &[],
        ),
        ("Each generated invoice PDF costs $0.02.", Kind::Budget, &[]),
        (
            "Infrastructure budget: $2,500 per month.",
            Kind::Budget,
            &[2500.0],
        ),
    ]);
}

#[test]
fn achieved_results_are_not_targets() {
    run(&[
        (
            "In the pilot we measured 180 ms at p95.",
            Kind::Latency,
            &[],
        ),
        ("Checkout API p95 under 250 ms.", Kind::Latency, &[250.0]),
    ]);
}

#[test]
fn the_end_to_end_target_governs_over_a_component_budget() {
    let set = prd(
        "- The permission check alone must stay under 30 ms at p95.\n\
         - Order placement completes within 400 ms at p95, end to end.",
    );
    let p = set.primary(Kind::Latency).expect("a latency");
    assert_eq!(p.value.as_f64(), Some(400.0), "{set:#?}");
    assert_eq!(
        set.all(Kind::Latency).count(),
        2,
        "the budget is shown, not used"
    );
}

#[test]
fn the_prd_governs_over_a_story_aside() {
    let prd = PlanningDoc::from_text(
        "docs/prd.md",
        DocKind::Prd,
        "# PRD\n\n## NFRs\n\n- Availability: 99.9% per month.\n".into(),
    );
    let story = PlanningDoc::from_text(
        "docs/stories/1.3.md",
        DocKind::Stories,
        "# Story 1.3\n\nNote: the demo server needs 99.99% uptime.\n".into(),
    );
    let set = extract("f", &[prd, story]);
    assert_eq!(set.number(Kind::Availability), Some(99.9), "{set:#?}");
    assert_eq!(set.all(Kind::Availability).count(), 2);
}

fn clouds(set: &RequirementSet) -> Vec<&str> {
    set.labels(Kind::Cloud)
}

#[test]
fn clouds_come_from_choices_not_mentions() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Sign-in uses client ids from the Google OAuth console; hosting is on Azure.",
            &["azure"],
        ),
        ("Live updates fan out through Redis pub/sub.", &[]),
        ("Recommended hosting: Railway or Fly.io.", &[]),
        (
            "Ship it to any provider (AWS, GCP, Azure, DigitalOcean etc.).",
            &[],
        ),
        (
            "A $6 DigitalOcean VPS for development; production runs on AWS.",
            &["aws"],
        ),
        ("We compared AWS and GCP and chose GCP.", &["gcp"]),
        ("AWS was evaluated and rejected; we run on GCP.", &["gcp"]),
        // Look-alikes that are choices.
        (
            "Production runs on Google Cloud Pub/Sub and Cloud Run.",
            &["gcp"],
        ),
        ("Hosting: Vercel and Supabase.", &["vercel", "supabase"]),
    ];
    for (line, want) in cases {
        let set = prd(&format!("- {line}"));
        assert_eq!(clouds(&set), *want, "{line:?}: {:#?}", set.technologies);
    }
}

#[test]
fn a_rejected_option_block_is_not_chosen() {
    let set = prd(
        "## Deployment options\n\n**Railway:**\n\n- Pros: simple\n- Cons: cold starts\n\n\
         **Vercel:**\n\n- Pros: great for serverless\n- Cons: long requests\n\n\
         ## Decision\n\nChosen option: AWS ECS on Fargate.\n",
    );
    assert_eq!(clouds(&set), ["aws"], "{:#?}", set.technologies);
    assert!(
        set.technologies
            .iter()
            .any(|t| t.name == "ecs" && t.stance == Stance::Chosen)
    );
}
