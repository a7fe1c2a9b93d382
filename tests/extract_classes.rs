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
        // How long a request takes today is an input to capacity, not the target.
        (
            "A request spends about 60 ms in the service.",
            Kind::Latency,
            &[],
        ),
        (
            "A request must complete within 60 ms at p95.",
            Kind::Latency,
            &[60.0],
        ),
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

fn labels_of(set: &RequirementSet, kind: Kind) -> Vec<&str> {
    set.labels(kind)
}

/// (line, expected label of the kind, or none).
fn run_labels(kind: Kind, cases: &[(&str, Option<&str>)]) {
    for (line, want) in cases {
        let set = prd(&format!("- {line}"));
        let got = labels_of(&set, kind);
        let want: Vec<&str> = want.iter().copied().collect();
        assert_eq!(got, want, "{kind} in {line:?}: {:#?}", set.requirements);
    }
}

#[test]
fn exposure_is_read_only_from_what_the_system_itself_offers() {
    run_labels(
        Kind::Exposure,
        &[
            (
                "Only staff on the corporate VPN can open the tool; it must not be reachable from the internet.",
                Some("internal"),
            ),
            (
                "The scoring service is called only by our checkout backend and has no public endpoint.",
                Some("internal"),
            ),
            (
                "This is an internal tool for the finance team.",
                Some("internal"),
            ),
            (
                "Merchants integrate through a public REST API with API keys.",
                Some("public"),
            ),
            // Look-alikes: a component's exposure, someone else's API, a negated
            // public, an option that was weighed, internal users as a role.
            ("The database has no public endpoint.", None),
            ("Admin pages are reachable only over the VPN.", None),
            ("We call the carrier's public API to print labels.", None),
            ("Internal users can reassign any ticket.", None),
            (
                "We could run it internal-only, but partners need access from their offices.",
                None,
            ),
        ],
    );
}

#[test]
fn exposure_read_two_ways_is_a_question_naming_both() {
    let set = prd(
        "- The ops console must not be reachable from the internet; field staff sign in over the VPN only.\n\
         - Customers book slots through the public website.",
    );
    let c = set
        .conflicts
        .iter()
        .find(|c| c.kind == Kind::Exposure)
        .unwrap_or_else(|| panic!("no exposure conflict: {set:#?}"));
    let vals: Vec<String> = c.values.iter().map(|v| v.to_string()).collect();
    assert_eq!(vals, ["internal", "public"]);
}

#[test]
fn a_deadline_is_when_an_output_must_be_ready() {
    run(&[
        (
            "The margin report must be loaded and ready by 05:30 CET every weekday.",
            Kind::Deadline,
            &[19800.0],
        ),
        (
            "Statements are published no later than 7 am each morning.",
            Kind::Deadline,
            &[25200.0],
        ),
        // Look-alikes: when the input usually lands, an alert, a start time,
        // a year, a headcount.
        ("The bank file usually lands by 01:15.", Kind::Deadline, &[]),
        (
            "Page the data engineer if the load is not complete by 04:00.",
            Kind::Deadline,
            &[],
        ),
        (
            "Picking starts at 06:30 in the warehouse.",
            Kind::Deadline,
            &[],
        ),
        (
            "The new pipeline should be done by 2027.",
            Kind::Deadline,
            &[],
        ),
    ]);
}

#[test]
fn data_per_day_is_an_arrival_rate_not_a_sample_or_a_store() {
    run(&[
        (
            "Each night the tills send about 1.2 TB of sales lines.",
            Kind::DataVolumePerDay,
            &[1.2e12],
        ),
        (
            "We ingest roughly 800 GB a day from the meters.",
            Kind::DataVolumePerDay,
            &[800e9],
        ),
        (
            "A normal day is about 2 TB uncompressed.",
            Kind::DataVolumePerDay,
            &[2e12],
        ),
        (
            "A normal day brings about 2 TB of readings.",
            Kind::DataVolumePerDay,
            &[2e12],
        ),
        // Look-alikes: a sample, a free allowance, egress, a stored total.
        (
            "The spike ran on a 300 GB sample in 40 minutes.",
            Kind::DataVolumePerDay,
            &[],
        ),
        (
            "The free tier includes 5 GB per day of log ingestion.",
            Kind::DataVolumePerDay,
            &[],
        ),
        (
            "Downloads are about 90 GB a day at peak.",
            Kind::DataVolumePerDay,
            &[],
        ),
        (
            "The warehouse holds 40 TB of history.",
            Kind::DataVolumePerDay,
            &[],
        ),
    ]);
    // A daily arrival is not the stored volume.
    let set = prd("- We ingest roughly 800 GB a day from the meters.");
    assert!(set.all(Kind::DataVolume).next().is_none(), "{set:#?}");
}

#[test]
fn file_sizes_are_sizes_of_the_files_users_send() {
    run(&[
        (
            "Scanned contracts are PDFs of at most 40 MB.",
            Kind::FileSize,
            &[40e6],
        ),
        (
            "Voice recordings average 2 MB and can reach 15 MB.",
            Kind::FileSize,
            &[2e6, 15e6],
        ),
        // Look-alikes: memory, a bundle, an upload chunk, a monthly growth, a
        // total, what the old system measured.
        ("Each worker gets 512 MB of memory.", Kind::FileSize, &[]),
        (
            "The upload client sends files in 8 MB chunks.",
            Kind::FileSize,
            &[],
        ),
        (
            "Attachments add about 30 GB/month to storage.",
            Kind::FileSize,
            &[],
        ),
        (
            "Today the average invoice document is 3 KB.",
            Kind::FileSize,
            &[],
        ),
    ]);
    let set = prd(
        "- Voice recordings average 2 MB and can reach 15 MB.\n- Profile pictures are up to 5 MB.",
    );
    assert_eq!(
        set.number(Kind::FileSize),
        Some(15e6),
        "the first stated maximum leads: {set:#?}"
    );
}

const DAY: f64 = 86_400.0;

#[test]
fn retention_is_how_long_a_class_of_data_is_kept() {
    run(&[
        (
            "Payroll records are kept for 6 years, then deleted.",
            Kind::Retention,
            &[6.0 * 365.0 * DAY],
        ),
        (
            "Draft uploads are deleted after 14 days.",
            Kind::Retention,
            &[14.0 * DAY],
        ),
        (
            "Chat transcripts MUST be retained 18 months.",
            Kind::Retention,
            &[18.0 * 365.0 / 12.0 * DAY],
        ),
        // Look-alikes: backup windows, a queue's settings, a token's life, a
        // condition on age, another system's rule, a question.
        (
            "Backups are kept for 35 days with point-in-time restore.",
            Kind::Retention,
            &[],
        ),
        (
            "The queue keeps unacknowledged messages 4 days.",
            Kind::Retention,
            &[],
        ),
        (
            "Session tokens are kept 30 days in the browser.",
            Kind::Retention,
            &[],
        ),
        (
            "A nightly job archives orders older than 2 years.",
            Kind::Retention,
            &[],
        ),
        (
            "Lab results are kept 30 years inside the existing hospital system.",
            Kind::Retention,
            &[],
        ),
        (
            "Should we keep raw files for 7 years as well?",
            Kind::Retention,
            &[],
        ),
    ]);
    let set = prd(
        "- Payroll records are kept for 6 years, then deleted.\n- Draft uploads are deleted after 14 days.",
    );
    let p = set.primary(Kind::Retention).expect("a retention");
    assert_eq!(p.subject.as_deref(), Some("Payroll records"), "{set:#?}");
}

#[test]
fn retention_in_a_table_takes_its_data_class_from_the_row() {
    let set = prd(
        "| Data | Retention | Why |\n|---|---|---|\n| Raw exports | 30 days | re-runs |\n| Ledger entries | 10 years | tax law |",
    );
    let got: Vec<(Option<&str>, f64)> = set
        .all(Kind::Retention)
        .map(|r| (r.subject.as_deref(), r.value.as_f64().unwrap_or(0.0) / DAY))
        .collect();
    assert_eq!(
        got,
        [
            (Some("Raw exports"), 30.0),
            (Some("Ledger entries"), 3650.0)
        ],
        "{set:#?}"
    );
}

#[test]
fn model_size_is_the_weights_not_the_gpu() {
    run(&[
        (
            "The classifier's weights are 3.2 GB in safetensors.",
            Kind::ModelSize,
            &[3.2e9],
        ),
        (
            "We serve a 7B-parameter model in fp16.",
            Kind::ModelSize,
            &[14e9],
        ),
        // Look-alikes: the GPU's memory, a parameter count with no precision,
        // a benchmark, a reasoning about an option.
        ("Each L4 has 24 GB of memory.", Kind::ModelSize, &[]),
        ("We serve a 7B-parameter model.", Kind::ModelSize, &[]),
        (
            "A larger model would need 80 GB of weights.",
            Kind::ModelSize,
            &[],
        ),
    ]);
}

#[test]
fn tenancy_is_how_customers_are_kept_apart() {
    run_labels(
        Kind::Tenancy,
        &[
            (
                "Each hospital's data lives in its own database.",
                Some("isolated"),
            ),
            (
                "One dedicated AWS account per customer, provisioned on sign-up.",
                Some("isolated"),
            ),
            (
                "All tenants share one schema, separated by row-level security.",
                Some("shared"),
            ),
            // Look-alikes: a per-user object, a per-environment database, a
            // rejected isolation model.
            ("Each user has their own profile page.", None),
            ("There is a separate database for reporting.", None),
        ],
    );
    let set = prd("- Row-level security, not a database per tenant.");
    assert_eq!(labels_of(&set, Kind::Tenancy), ["shared"], "{set:#?}");
}

#[test]
fn a_target_restated_without_its_percentile_is_one_target() {
    let set = prd("- Catalogue lookups answer in under 800 ms.\n\
         - Catalogue lookups: under 800 ms for 95% of requests.\n\
         - Checkout responds in at most 800 ms.");
    let got: Vec<(Option<u8>, f64)> = set
        .all(Kind::Latency)
        .map(|r| (r.percentile, r.value.as_f64().unwrap_or(0.0)))
        .collect();
    // The unmarked restatement goes; a maximum said in words stays.
    assert_eq!(got, [(Some(95), 800.0), (Some(100), 800.0)], "{set:#?}");
}

#[test]
fn background_work_durations_are_not_request_latency() {
    let set = prd("- Sending the sign-in e-mail completes within 8 seconds.\n\
         - The health check answers within 3 seconds.\n\
         - Search results load within 900 ms.");
    assert_eq!(numbers(&set, Kind::Latency), [900.0], "{set:#?}");
    // A bold title in front of a list names what the list measures.
    let set = prd("**Nightly backup**\n\n- Target: < 5 seconds\n- Maximum: < 9 seconds\n");
    assert!(set.all(Kind::Latency).next().is_none(), "{set:#?}");
}

#[test]
fn a_parallel_clause_shares_its_sentences_latency_keyword() {
    let set = prd("- 系统响应时间必须在1秒内完成普通请求，报表查询在4秒内完成");
    assert_eq!(numbers(&set, Kind::Latency), [1000.0, 4000.0], "{set:#?}");
    // Look-alike: the second clause is a timeout, not a target.
    let set = prd("- Pages respond within 1 second, the export job times out after 4 seconds.");
    assert_eq!(numbers(&set, Kind::Latency), [1000.0], "{set:#?}");
}

#[test]
fn spanish_and_portuguese_units_and_words_are_read() {
    let set = prd(
        "- **RNF-1 (Rendimiento):** La consulta no debe superar los 3 segundos.\n\
         - **RNF-2 (Disponibilidad):** disponibilidad mínima del 99,5% mensual.",
    );
    assert_eq!(numbers(&set, Kind::Latency), [3000.0], "{set:#?}");
    assert_eq!(numbers(&set, Kind::Availability), [99.5], "{set:#?}");
}

#[test]
fn a_clock_time_is_not_the_end_of_a_label() {
    // The colon of "22:00" must not make "Files arrive … 22" a label whose
    // words ("compressed") colour the next sentence.
    let set = prd(
        "Files arrive zipped from 22:00. Unzipped, a normal night is about 1.8 TB of sales lines.",
    );
    assert_eq!(numbers(&set, Kind::DataVolumePerDay), [1.8e12], "{set:#?}");
}

/// The stance of every technology named in a PRD paragraph, by catalog name.
fn stances(body: &str) -> Vec<(String, Stance)> {
    prd(body)
        .technologies
        .iter()
        .map(|t| (t.name.clone(), t.stance))
        .collect()
}

// Someone bringing a technology up in a meeting, or another team running it,
// is talk about the technology, not this system's decision: such names decide
// nothing. The same name in a sentence that says we use it, or that someone
// suggested it and we chose it, is still a choice.
#[test]
fn a_mentioned_or_suggested_technology_is_not_chosen() {
    let cases: &[(&str, &[(&str, Stance)])] = &[
        (
            "Kinesis came up in the design review; SQS is what we run.",
            &[("sqs", Stance::Chosen)],
        ),
        ("Event Hubs was mentioned in the kickoff.", &[]),
        ("Redis was suggested by the mobile team for sessions.", &[]),
        ("During planning Omar raised Cosmos DB as an idea.", &[]),
        ("The payments team uses Kafka for its ledger.", &[]),
        // Look-alikes that are choices.
        (
            "As suggested in the kickoff, we use Event Hubs for telemetry.",
            &[("event-hubs", Stance::Chosen)],
        ),
        (
            "Redis was suggested by the mobile team and we chose it for sessions.",
            &[("redis", Stance::Chosen)],
        ),
        (
            "Our team uses Kafka for the order stream.",
            &[("kafka", Stance::Chosen)],
        ),
    ];
    for (line, want) in cases {
        let got = stances(line);
        let want: Vec<(String, Stance)> = want.iter().map(|(n, s)| (n.to_string(), *s)).collect();
        assert_eq!(got, want, "{line:?}");
    }
}

// A sentence that opens by weighing a technology ("we considered", "we
// evaluated") lists an option, whatever the reason it was on the table; when
// the same sentence turns it down, every mention of it there is a rejection.
// A sentence that weighs and then decides still chooses what it decides.
#[test]
fn a_weighed_option_is_compared_or_rejected_not_chosen() {
    let cases: &[(&str, &[(&str, Stance)])] = &[
        (
            "We evaluated Kinesis because the fraud team runs it, but ruled it out: \
             Kinesis needs shard management we do not want.",
            &[("kinesis", Stance::Rejected)],
        ),
        (
            "We looked at RabbitMQ for the job queue and may revisit it next year.",
            &[],
        ),
        (
            "We considered Kafka (Confluent Cloud) and NATS: both need far more than we have.",
            &[],
        ),
        // A paragraph that opens by weighing an option describes it
        // throughout: the pieces that option would need are not chosen, the
        // sentence naming what the team does instead is.
        (
            "We weighed Cloud SQL behind GKE for the reports. It would make joins easy, \
             but its smallest tier bills all night and the pods would need the Cloud SQL \
             Auth Proxy. The reports come from BigQuery instead.",
            &[("bigquery", Stance::Chosen)],
        ),
        // Look-alikes that are choices.
        (
            "We compared Kinesis and SQS and chose SQS.",
            &[("sqs", Stance::Chosen)],
        ),
        (
            "We run RabbitMQ for the job queue; throughput was considered and is ample.",
            &[("rabbitmq", Stance::Chosen)],
        ),
    ];
    for (line, want) in cases {
        let got = stances(line);
        let want: Vec<(String, Stance)> = want.iter().map(|(n, s)| (n.to_string(), *s)).collect();
        assert_eq!(got, want, "{line:?}");
    }
}

// A budget is a cap on what the system may cost a month, under whatever words
// a team uses for it: a Budget section, a "Cost" run-in label, "running costs
// at most". One item's price or cost is not a budget, and a currency other
// than the US dollar keeps its own code ("A$" is Australian dollars).
#[test]
fn a_monthly_cap_on_running_costs_is_the_budget_in_its_currency() {
    let budget = |body: &str| -> Vec<(f64, String)> {
        prd(body)
            .all(Kind::Budget)
            .filter_map(|r| Some((r.value.as_f64()?, r.unit.clone())))
            .collect()
    };
    let cases: &[(&str, &[(f64, &str)])] = &[
        (
            "### Budget\n\nThe board signed off up to $3,000 a month for production.",
            &[(3000.0, "USD/month")],
        ),
        (
            "- **Cost.** Under A$2,500 a month in production, the reason we went pay-per-request.",
            &[(2500.0, "AUD/month")],
        ),
        (
            "- NFR9: Running costs at most €400 a month for every club together.",
            &[(400.0, "EUR/month")],
        ),
        (
            "- Hosting must cost no more than C$900 a month.",
            &[(900.0, "CAD/month")],
        ),
        // Look-alikes that are not budgets.
        ("- Storage costs remain under $200 a month.", &[]),
        ("- The Pro plan costs $25 a month per seat.", &[]),
        (
            "### Budget\n\nLast quarter the bill was $2,100 a month on average.",
            &[],
        ),
    ];
    for (body, want) in cases {
        let want: Vec<(f64, String)> = want.iter().map(|(v, u)| (*v, u.to_string())).collect();
        assert_eq!(budget(body), want, "{body:?}");
    }
}

// A bold run-in heading ("**Availability.** 99.9% a month.") labels its
// paragraph as "**Availability:**" does; a bold phrase that is not a label
// keeps its words in the sentence.
#[test]
fn a_bold_run_in_heading_labels_its_paragraph() {
    let set = prd("- **Availability.** 99.9% a month. Tills keep working offline.");
    assert_eq!(numbers(&set, Kind::Availability), [99.9], "{set:#?}");
    let set = prd(
        "- **Recovery.** At most 1 minute of stamps lost (RPO); back in service within 1 hour.",
    );
    assert_eq!(numbers(&set, Kind::Rto), [3600.0], "{set:#?}");
    assert_eq!(numbers(&set, Kind::Rpo), [60.0], "{set:#?}");
    // A run-in heading without a keyword leaves the sentence to speak.
    let set =
        prd("- **Speed at the till.** A stamp call must return within 300 ms for 99% of calls.");
    assert_eq!(numbers(&set, Kind::Latency), [300.0], "{set:#?}");
    assert_eq!(
        numbers(&set, Kind::Availability),
        Vec::<f64>::new(),
        "{set:#?}"
    );
}

/// A latency and its percentile.
type Latency = (f64, Option<u8>);

/// The latencies read, with their percentiles.
fn latencies(set: &RequirementSet) -> Vec<Latency> {
    set.all(Kind::Latency)
        .filter_map(|r| Some((r.value.as_f64()?, r.percentile)))
        .collect()
}

#[test]
fn a_table_or_section_of_measurements_is_not_targets() {
    // A table introduced as measurements: every row is a result.
    let measured = prd("We load-tested the staging build last week:\n\n\
         | Endpoint | p50 | p95 |\n|---|---|---|\n\
         | search | 45 ms | 120 ms |\n| checkout | 80 ms | 310 ms |\n");
    assert!(latencies(&measured).is_empty(), "{measured:#?}");
    // Look-alike: the same table introduced as targets.
    let targets = prd("Latency targets per endpoint:\n\n\
         | Endpoint | p95 |\n|---|---|\n| search | 150 ms |\n");
    assert_eq!(latencies(&targets), [(150.0, Some(95))], "{targets:#?}");
    // A section about the system being replaced, or about what one request
    // costs, states inputs, not requirements.
    let legacy = prd("### Current system\n\n\
         The legacy archive holds 6 TB of scans and a full restore takes 11 hours.\n\n\
         ### Cost of one request\n\nA lookup is two index reads: 3 ms in total at the API.\n\n\
         ### Targets\n\nThe new archive must restore within 4 hours.\n");
    assert!(numbers(&legacy, Kind::DataVolume).is_empty(), "{legacy:#?}");
    assert_eq!(numbers(&legacy, Kind::Rto), [14_400.0], "{legacy:#?}");
    assert!(latencies(&legacy).is_empty(), "{legacy:#?}");
}

#[test]
fn measured_prose_is_not_a_target() {
    run(&[
        (
            "In the pilot's load test a booking took 40 ms end to end.",
            Kind::Latency,
            &[],
        ),
        (
            "The 300 rps peak comes from last season: 95 requests per second at the final.",
            Kind::Throughput,
            &[300.0],
        ),
        // A figure set against the target is what something else gives.
        (
            "Hourly snapshots alone give an RPO of up to 60 minutes, worse than the target.",
            Kind::Rpo,
            &[],
        ),
        // Look-alike: the target itself.
        (
            "We must lose no more than 15 minutes of orders.",
            Kind::Rpo,
            &[900.0],
        ),
    ]);
}

#[test]
fn recovery_point_and_time_in_one_sentence_are_told_apart() {
    let cases: &[(&str, &[f64], &[f64])] = &[
        (
            "If the region is gone we accept losing the last 10 minutes of orders and must be \
             taking orders again within 3 hours.",
            &[600.0],
            &[10_800.0],
        ),
        (
            "Recovery: we can re-key half a day of entries (RPO 12 hours) and must be back \
             within one shift (6 hours).",
            &[43_200.0],
            &[21_600.0],
        ),
        (
            "Up to 5 minutes of lost edits is acceptable; back online in 1 hour.",
            &[300.0],
            &[3_600.0],
        ),
    ];
    for (line, rpo, rto) in cases {
        let set = prd(&format!("- {line}"));
        assert_eq!(numbers(&set, Kind::Rpo), *rpo, "RPO in {line:?}: {set:#?}");
        assert_eq!(numbers(&set, Kind::Rto), *rto, "RTO in {line:?}: {set:#?}");
    }
}

#[test]
fn a_share_under_a_time_is_a_percentile() {
    let cases: &[(&str, &[Latency])] = &[
        ("Search results: 99% under 800 ms.", &[(800.0, Some(99))]),
        ("Page loads: 90 % below 2 s.", &[(2000.0, Some(90))]),
        // A long time is a latency only when stated at a percentile.
        ("Image renders: p95 within 25 s.", &[(25_000.0, Some(95))]),
        ("Image renders finish within 25 s.", &[]),
        // Past a minute no client waits on one request: a pipeline's time.
        ("Document pipeline: p95 within 4 minutes.", &[]),
    ];
    for (line, want) in cases {
        let set = prd(&format!("- {line}"));
        assert_eq!(latencies(&set), *want, "{line:?}: {set:#?}");
    }
}

#[test]
fn a_labelled_count_keeps_its_period() {
    let set = prd("| Metric | Value |\n|---|---|\n| Peak load | 300 orders per minute |\n");
    assert_eq!(numbers(&set, Kind::Throughput), [5.0], "{set:#?}");
    let set = prd("| Metric | Value |\n|---|---|\n| Peak RPS | 1,200 |\n");
    assert_eq!(numbers(&set, Kind::Throughput), [1200.0], "{set:#?}");
}

#[test]
fn another_systems_limits_and_retention_are_not_ours() {
    run(&[
        (
            "The mail provider's API allows 20 emails per second on our plan.",
            Kind::Throughput,
            &[],
        ),
        (
            "The API must sustain 40 requests per second.",
            Kind::Throughput,
            &[40.0],
        ),
        (
            "Invoices are kept 7 years (tax law), inside the ERP; the portal deletes them 60 days \
             after upload.",
            Kind::Retention,
            &[60.0 * 86_400.0],
        ),
    ]);
}

#[test]
fn people_at_the_same_time_are_concurrent_users() {
    run(&[
        (
            "About 800 nurses signed in at the same time during shift change.",
            Kind::ConcurrentUsers,
            &[800.0],
        ),
        (
            "On match days 20,000 fans follow the live page at the same time.",
            Kind::ConcurrentUsers,
            &[20_000.0],
        ),
        // Work items are not people.
        (
            "Each worker handles 16 jobs concurrently.",
            Kind::ConcurrentUsers,
            &[],
        ),
        (
            "Allow at most 3 uploads at the same time per tenant.",
            Kind::ConcurrentUsers,
            &[],
        ),
    ]);
}

#[test]
fn data_that_stays_in_a_place_is_residency() {
    run_labels(
        Kind::Residency,
        &[
            ("Customer data stays in Canada.", Some("CA")),
            ("All records must stay in Germany.", Some("DE")),
            ("Our support team stays in Canada.", None),
        ],
    );
}

#[test]
fn an_average_rate_prices_usage_and_the_peak_governs() {
    let set = prd(
        "- Load: evenings peak at 500 requests per second; the daily average is \
                   about 60 per second.",
    );
    assert_eq!(set.number(Kind::Throughput), Some(500.0), "{set:#?}");
    let (avg, share) = infrarch::extract::merge::stated_average(&set).expect("an average");
    assert_eq!(avg.value.as_f64(), Some(60.0));
    assert!((share - 0.12).abs() < 1e-9);
    // Look-alike: a peak alone has no stated average.
    let set = prd("- Load: evenings peak at 500 requests per second.");
    assert!(infrarch::extract::merge::stated_average(&set).is_none());
    // An average alone is the only figure there is, and is not a share of itself.
    let set = prd("- Load: on average 40 requests per second.");
    assert_eq!(set.number(Kind::Throughput), Some(40.0), "{set:#?}");
    assert!(infrarch::extract::merge::stated_average(&set).is_none());
}
