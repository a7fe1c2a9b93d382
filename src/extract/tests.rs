//! Table-driven tests of the extractor's behaviours on the phrasing real
//! planning documents use.

use super::extract;
use crate::ingest::PlanningDoc;
use crate::requirements::{DocKind, Kind, RequirementSet, Stance, Value};

fn run(md: &str) -> RequirementSet {
    let doc = PlanningDoc::from_text(
        "docs/planning/prd/t-20260101.md",
        DocKind::Prd,
        md.to_string(),
    );
    extract("t", std::slice::from_ref(&doc))
}

fn primary(md: &str, kind: Kind) -> Option<f64> {
    run(md).number(kind)
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * b.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn numbers_and_units() {
    let cases: &[(&str, Kind, Option<f64>)] = &[
        ("- Availability: ≥ 99.9%", Kind::Availability, Some(99.9)),
        (
            "The service must offer three nines of availability.",
            Kind::Availability,
            Some(99.9),
        ),
        (
            "- Uptime target: 99.95% monthly",
            Kind::Availability,
            Some(99.95),
        ),
        ("- API response time <200ms", Kind::Latency, Some(200.0)),
        (
            "- Search responds in 1.5 seconds",
            Kind::Latency,
            Some(1500.0),
        ),
        (
            "- Support 1,000 concurrent users",
            Kind::ConcurrentUsers,
            Some(1000.0),
        ),
        (
            "- Support 10K concurrent users at peak",
            Kind::ConcurrentUsers,
            Some(10_000.0),
        ),
        ("- Sustain 1k rps at peak", Kind::Throughput, Some(1000.0)),
        (
            "| Requirement | Target |\n|---|---|\n| Concurrent shoppers in checkout | 5,000 |",
            Kind::ConcurrentUsers,
            Some(5000.0),
        ),
        (
            "Infrastructure for checkout must stay within $4,000 per month.",
            Kind::Budget,
            Some(4000.0),
        ),
        (
            "| Store | Size after 12 months |\n|---|---|\n| orders | 120 GB |",
            Kind::DataVolume,
            Some(120e9),
        ),
        (
            "- Handle 10K requests per second",
            Kind::Throughput,
            Some(10_000.0),
        ),
        (
            "- Peak load: 864,000 requests/day",
            Kind::Throughput,
            Some(10.0),
        ),
        (
            "- Handle 6,000 requests per minute",
            Kind::Throughput,
            Some(100.0),
        ),
        (
            "- The database stores 2 TB of data in year one",
            Kind::DataVolume,
            Some(2e12),
        ),
        ("- RTO: 4 hours", Kind::Rto, Some(14_400.0)),
        ("- RPO: 15 min", Kind::Rpo, Some(900.0)),
        (
            "- Maximum acceptable data loss: 5 minutes",
            Kind::Rpo,
            Some(300.0),
        ),
        (
            "- Infrastructure budget: $2,000/month",
            Kind::Budget,
            Some(2000.0),
        ),
        (
            "- Hosting budget of $24k per year",
            Kind::Budget,
            Some(2000.0),
        ),
        (
            "- Infrastructure spend must stay under $12,000/month",
            Kind::Budget,
            Some(12_000.0),
        ),
        (
            "| Metric | Target |\n|---|---|\n| Availability | 99.95 |\n",
            Kind::Availability,
            Some(99.95),
        ),
        (
            "| ID | Requirement | Target | Current |\n|---|---|---|---|\n| NFR-3 | Peak throughput | 2,500 TPS | 900 TPS |\n",
            Kind::Throughput,
            Some(2500.0),
        ),
        (
            "- RTO of 1 hour and RPO of 5 minutes",
            Kind::Rto,
            Some(3600.0),
        ),
        (
            "- RTO of 1 hour and RPO of 5 minutes",
            Kind::Rpo,
            Some(300.0),
        ),
        (
            "- A 4-hour RTO and a 15-minute RPO",
            Kind::Rto,
            Some(14_400.0),
        ),
        ("- A 4-hour RTO and a 15-minute RPO", Kind::Rpo, Some(900.0)),
        (
            "- The system must handle 500 requests per second at peak",
            Kind::Throughput,
            Some(500.0),
        ),
        (
            "- Handle 36,000 orders per hour at peak",
            Kind::Throughput,
            Some(10.0),
        ),
        (
            "- Support up to 5,000 simultaneous connections",
            Kind::ConcurrentUsers,
            Some(5000.0),
        ),
        (
            "- Latency under 200 milliseconds for 99% of requests",
            Kind::Latency,
            Some(200.0),
        ),
    ];
    for (md, kind, want) in cases {
        assert!(
            close(primary(md, *kind), *want),
            "{md}: {kind} = {:?}, want {want:?}",
            primary(md, *kind)
        );
    }
}

#[test]
fn latency_percentiles() {
    let cases: &[(&str, f64, u8)] = &[
        ("- Checkout API: 200 ms at p95", 200.0, 95),
        ("- Page load under 2 s (95th percentile)", 2000.0, 95),
        ("- Median response time 300ms", 300.0, 50),
        ("- API p99 latency < 500 ms", 500.0, 99),
        ("- Dashboard loads within 2 seconds", 2000.0, 100),
        ("- Metadata responses < 2s for 95% of requests", 2000.0, 95),
        ("- Response time: 95% of requests under 300ms", 300.0, 95),
        (
            "- Latency: p95 ≤ 300 ms, p99 ≤ 800 ms for the API",
            300.0,
            95,
        ),
        (
            "| Metric | Target | Note |\n|---|---|---|\n| API Response | < 200ms | P95 latency |\n",
            200.0,
            95,
        ),
    ];
    for (md, ms, p) in cases {
        let set = run(md);
        let r = set
            .primary(Kind::Latency)
            .unwrap_or_else(|| panic!("no latency in {md}"));
        assert_eq!(
            (r.value.as_f64(), r.percentile),
            (Some(*ms), Some(*p)),
            "{md}"
        );
    }
}

/// A start time is a request's latency only when a request waits on it: an
/// API's cold start, not a worker's or a program's start-up.
#[test]
fn start_times_and_request_latency() {
    let cases: &[(&str, &[f64])] = &[
        ("## Performance\n\n- API cold start < 1 second\n", &[1000.0]),
        (
            "## Performance\n\n- First request to a cold endpoint (cold start) under 800 ms\n",
            &[800.0],
        ),
        (
            "## Performance\n\n- Processing Lambda start < 5 seconds\n",
            &[],
        ),
        (
            "## Performance\n\n- The OCR worker starts within 20 s of a message arriving\n",
            &[],
        ),
        ("## Performance\n\n- Startup time < 2 s\n", &[]),
        (
            "## Performance\n\n- Function cold starts stay under 3 s\n",
            &[],
        ),
        // look-alike: a plain response target beside them still counts
        (
            "## Performance\n\n- Warm response < 200ms\n- Consumer start < 5 seconds\n",
            &[200.0],
        ),
    ];
    for (md, want) in cases {
        let set = run(md);
        let got: Vec<f64> = set
            .requirements
            .iter()
            .filter(|r| r.kind == Kind::Latency)
            .filter_map(|r| r.value.as_f64())
            .collect();
        assert_eq!(got, want.to_vec(), "{md}");
    }
}

/// "Handle 500 orders within 2 seconds" is a rate or each order's latency:
/// neither becomes a requirement; the set keeps both readings for a question.
#[test]
fn a_count_within_a_time_reads_two_ways() {
    // (document, two readings expected, latencies kept)
    let cases: &[(&str, bool, &[f64])] = &[
        (
            "## NFRs\n\n- The service shall handle 500 orders within 2 seconds.\n",
            true,
            &[],
        ),
        (
            "## Performance\n\n- Handle 300 uploads in under 10 seconds\n",
            true,
            &[],
        ),
        // an hour is past any request latency: a batch window, not asked here
        (
            "## Performance\n\n- Process 10,000 images in under 1 hour\n",
            false,
            &[],
        ),
        (
            "## Performance\n\n- Ingest 2,000 readings in 5 s during the morning burst\n",
            true,
            &[],
        ),
        // look-alikes: one item, no work verb, a share of requests
        (
            "## Performance\n\n- Process each order within 2 seconds\n",
            false,
            &[2000.0],
        ),
        (
            "## Performance\n\n- Search returns the top 10 results within 200 ms\n",
            false,
            &[200.0],
        ),
        (
            "## Performance\n\n- 95% of requests complete within 300 ms\n",
            false,
            &[300.0],
        ),
    ];
    for (md, two, want) in cases {
        let set = run(md);
        assert_eq!(
            !set.ambiguities.is_empty(),
            *two,
            "{md}: {:?}",
            set.ambiguities
        );
        if *two {
            assert_eq!(set.ambiguities[0].readings.len(), 2, "{md}");
            assert!(
                set.ambiguities[0].readings[0].contains("throughput"),
                "{md}"
            );
        }
        let got: Vec<f64> = set
            .all(Kind::Latency)
            .filter_map(|r| r.value.as_f64())
            .collect();
        assert_eq!(got, want.to_vec(), "{md}");
        assert!(set.number(Kind::Throughput).is_none(), "{md}");
    }
}

#[test]
fn ranges_take_the_bound_that_must_be_met() {
    let cases: &[(&str, Kind, f64)] = &[
        ("- Response time 200-500 ms", Kind::Latency, 500.0),
        ("- Uptime 99.9–99.95%", Kind::Availability, 99.9),
        (
            "- Restore service (RTO) within 2-4 hours",
            Kind::Rto,
            14_400.0,
        ),
    ];
    for (md, kind, want) in cases {
        assert_eq!(primary(md, *kind), Some(*want), "{md}");
    }
}

#[test]
fn phased_targets_prefer_ga() {
    let md = "### Reliability\n\n**Uptime Target:**\n- MVP: 95% uptime\n- GA: 99% uptime\n\n### Scale\n\n- MVP: 10 concurrent users\n- Beta: 100 concurrent users\n- GA: 1,000+ concurrent users (general availability)\n";
    let set = run(md);
    let a = set.primary(Kind::Availability).expect("availability");
    assert_eq!(
        (a.value.as_f64(), a.phase.as_deref()),
        (Some(99.0), Some("GA"))
    );
    assert_eq!(set.number(Kind::ConcurrentUsers), Some(1000.0));
    // Phases are not conflicts.
    assert!(set.conflicts.is_empty(), "{:?}", set.conflicts);
}

#[test]
fn rates_of_different_operations_add_up() {
    let md = "**Throughput Requirements:**\n- Handle 43,200 question retrievals per day\n- Process 43,200 answer submissions per day\n";
    let set = run(md);
    assert_eq!(set.number(Kind::Throughput), Some(1.0));
    // The same rate restated in other units is not counted twice.
    let md = "- Peak load: 432K requests/day = 5 requests/second\n- Average: 1M requests/week = 143K requests/day\n";
    assert_eq!(run(md).number(Kind::Throughput), Some(5.0));
}

#[test]
fn achieved_values_are_not_targets() {
    let cases: &[(&str, Kind, Option<f64>)] = &[
        (
            "- Search p95: 1.5s (target: < 2s)",
            Kind::Latency,
            Some(2000.0),
        ),
        (
            "- Currently 99.5% uptime; the SLO is 99.9% uptime",
            Kind::Availability,
            Some(99.9),
        ),
        (
            "| Metric | Current | Target |\n|---|---|---|\n| Availability | 98.5% | 99.9% |\n",
            Kind::Availability,
            Some(99.9),
        ),
    ];
    for (md, kind, want) in cases {
        let set = run(md);
        assert_eq!(set.number(*kind), *want, "{md}");
        assert_eq!(set.all(*kind).count(), 1, "{md}: {:?}", set.requirements);
    }
}

#[test]
fn qualifiers_are_kept() {
    let cases: &[(&str, &str)] = &[
        (
            "- 99.9% uptime during business hours",
            "during business hours",
        ),
        (
            "- The SLO is 99.9% availability, excluding scheduled maintenance windows.",
            "excluding scheduled maintenance windows",
        ),
        (
            "- Availability: 99.95% measured monthly",
            "measured monthly",
        ),
    ];
    for (md, want) in cases {
        let set = run(md);
        let q = set
            .primary(Kind::Availability)
            .and_then(|r| r.qualifier.clone())
            .unwrap_or_default();
        assert!(q.contains(want), "{md}: qualifier {q:?}");
    }
}

#[test]
fn look_alikes_are_not_requirements() {
    let cases: &[(&str, Kind)] = &[
        ("- Compute is 99.7% of the bill", Kind::Availability),
        (
            "Our previous vendor guaranteed 99.5% uptime.",
            Kind::Availability,
        ),
        (
            "The audit log is stored in the US region us-east-1 for now.",
            Kind::Residency,
        ),
        (
            "- Supabase's Pro plan offers a 99.9% uptime SLA",
            Kind::Availability,
        ),
        (
            "- Achieve 99%+ successful payment processing rate",
            Kind::Availability,
        ),
        ("- Classification accuracy exceeds 95%", Kind::Availability),
        (
            "- ≥ 90% of approvals completed within SLA",
            Kind::Availability,
        ),
        ("- Alerts go to the SOC monitoring team", Kind::Compliance),
        ("- We reviewed the laws of each state", Kind::Cloud),
        (
            "- Perps trading volume reaches 500 per day",
            Kind::Throughput,
        ),
        ("- Scenario S3 covers refunds", Kind::Cloud),
        ("- Scenarios S1 to S3 cover refunds", Kind::Cloud),
        ("- Reach $5M in annual revenue", Kind::Budget),
        (
            "- The error budget is $0 per month of downtime",
            Kind::Budget,
        ),
        (
            "- Rate limits: 100 requests/minute per user",
            Kind::Throughput,
        ),
        ("- Vendor API timeout: 30 s", Kind::Latency),
        ("- SQL 执行超时 30 秒", Kind::Latency),
        ("- Sessions expire after 30 minutes", Kind::Latency),
        (
            "- Support regulatory requirements (GDPR, HIPAA, etc.) through AWS services",
            Kind::Compliance,
        ),
        (
            "**Rationale**: NIST CSF 2.0 / ISO 27001 - encryption in transit.",
            Kind::Compliance,
        ),
        ("- MTTR < 15 min", Kind::Rto),
        ("- Rollback time: < 30 seconds", Kind::Rto),
        ("- Upgrade to 4GB RAM when CPU > 70%", Kind::DataVolume),
    ];
    for (md, kind) in cases {
        let set = run(md);
        assert_eq!(set.all(*kind).count(), 0, "{md}: {:?}", set.requirements);
    }
}

#[test]
fn cjk_text() {
    let cases: &[(&str, Kind, f64)] = &[
        ("- 可用性 99.9%", Kind::Availability, 99.9),
        ("- 响应时间 < 200ms", Kind::Latency, 200.0),
        (
            "| 指标 | 目标 |\n|---|---|\n| API 响应时间（P95） | < 3 秒 |\n",
            Kind::Latency,
            3000.0,
        ),
        (
            "| 指标 | 目标 |\n|---|---|\n| 并发用户 | ≥ 10 |\n",
            Kind::ConcurrentUsers,
            10.0,
        ),
        ("- 가용성 99.95% 이상", Kind::Availability, 99.95),
        ("- 응답 시간 300ms 이하", Kind::Latency, 300.0),
        ("- 稼働率 99.9% を目標とする", Kind::Availability, 99.9),
        ("- 応答時間は 500 ミリ秒以内", Kind::Latency, 500.0),
        ("- 支持 1000 并发用户", Kind::ConcurrentUsers, 1000.0),
        ("- 每秒 2000 次请求", Kind::Throughput, 2000.0),
    ];
    for (md, kind, want) in cases {
        assert_eq!(
            primary(md, *kind),
            Some(*want),
            "{md}: {:?}",
            run(md).requirements
        );
    }
}

#[test]
fn compliance_and_residency() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "- The platform must be SOC 2 Type II certified and HIPAA compliant.",
            &["HIPAA", "SOC2"],
            &[],
        ),
        (
            "- PCI DSS compliance for payment processing",
            &["PCI-DSS"],
            &[],
        ),
        (
            "- All customer data SHALL be stored exclusively in data centers located in Japan or the European Union.",
            &[],
            &["EU", "JP"],
        ),
        (
            "| Aspect | Approach |\n|---|---|\n| Data hosting | US-based infrastructure |\n",
            &[],
            &["US"],
        ),
        ("- No HIPAA data is processed", &[], &[]),
        // A region nobody asked to stay in, then the one data may be hosted in.
        (
            "Canadian firms have not asked for data to stay in Canada (we checked); all data may be hosted in the United States.",
            &[],
            &["US"],
        ),
        (
            "Customers have not asked for data to stay in Canada.",
            &[],
            &[],
        ),
    ];
    for (md, fw, regions) in cases {
        let set = run(md);
        let mut got = set.labels(Kind::Compliance);
        got.sort_unstable();
        assert_eq!(got, fw.to_vec(), "{md}");
        let mut got = set.labels(Kind::Residency);
        got.sort_unstable();
        assert_eq!(got, regions.to_vec(), "{md}");
    }
}

/// Regions and products the documents name, as they write them (initials
/// inside a region's name do not end the sentence).
#[test]
fn named_regions_and_key_services() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Everything runs on AWS in the US East\n(N. Virginia) region we already use.",
            &["aws", "us-east-1"],
        ),
        (
            "Secrets in AWS Secrets Manager, encryption at rest with KMS.",
            &["kms"],
        ),
        (
            "| Encryption keys | Cloud KMS key rings (CMEK on Cloud SQL and backups) |",
            &["cloud-sql", "kms"],
        ),
        (
            "Event Grid turns each `BlobCreated` into a Service Bus message; the worker calls Azure AI Document Intelligence.",
            &["document-intelligence", "event-grid", "servicebus"],
        ),
    ];
    for (md, want) in cases {
        let set = run(md);
        let got: Vec<&str> = set
            .technologies
            .iter()
            .filter(|t| t.stance == Stance::Chosen)
            .map(|t| t.name.as_str())
            .collect();
        for w in *want {
            assert!(got.contains(w), "{md}: {w} not among {got:?}");
        }
    }
}

#[test]
fn technology_stances() {
    let cases: &[(&str, &[(&str, Stance)])] = &[
        ("- No Kubernetes.", &[("kubernetes", Stance::Rejected)]),
        (
            "- We will not use Redis for sessions.",
            &[("redis", Stance::Rejected)],
        ),
        (
            "- AWS only (no Azure).",
            &[("aws", Stance::Chosen), ("azure", Stance::Rejected)],
        ),
        ("- Rejected: MongoDB", &[("mongodb", Stance::Rejected)]),
        (
            "- Kafka is out of scope for v1",
            &[("kafka", Stance::Rejected)],
        ),
        (
            "- Runtime: Amazon EKS. Serverless (Lambda) was considered but rejected.",
            &[("eks", Stance::Chosen), ("serverless", Stance::Rejected)],
        ),
        (
            "- We evaluated DynamoDB vs PostgreSQL and picked PostgreSQL",
            &[("postgresql", Stance::Chosen)],
        ),
        (
            "- Cache: Redis, while MongoDB was rejected",
            &[("redis", Stance::Chosen), ("mongodb", Stance::Rejected)],
        ),
        (
            "- Chose PostgreSQL over MongoDB",
            &[
                ("postgresql", Stance::Chosen),
                ("mongodb", Stance::Rejected),
            ],
        ),
        (
            "## Out of Scope\n\n- Multi-region on Azure\n",
            &[("azure", Stance::Rejected)],
        ),
        (
            "| Category | Technology |\n|---|---|\n| Database | PostgreSQL |\n| Cache | Redis |\n",
            &[("postgresql", Stance::Chosen), ("redis", Stance::Chosen)],
        ),
        (
            "# Ingress\n\nThe load balancer ends TLS at the edge. Cloud CDN is not enabled, so nothing is cached there.\n",
            &[("cloud-cdn", Stance::Rejected)],
        ),
        // "S3" alone is Amazon S3 beside a choice of AWS…
        (
            "# Architecture\n\nServerless on AWS: Lambda behind API Gateway writes the daily export to S3.\n",
            &[("s3", Stance::Chosen)],
        ),
        (
            "# Storage\n\nCards live in DynamoDB; S3 for exports.\n",
            &[("s3", Stance::Chosen), ("dynamodb", Stance::Chosen)],
        ),
        (
            "- 单机部署，数据库使用 PostgreSQL",
            &[
                ("single-host", Stance::Chosen),
                ("postgresql", Stance::Chosen),
            ],
        ),
    ];
    for (md, want) in cases {
        let set = run(md);
        for (name, stance) in *want {
            assert!(
                set.technologies
                    .iter()
                    .any(|t| t.name == *name && t.stance == *stance),
                "{md}: {name} {stance:?} not in {:?}",
                set.technologies
            );
        }
    }
}

/// A cache engine the documents make the data's home is the in-memory
/// store; in front of a database, or merely compared, it stays a cache.
#[test]
fn a_cache_engine_that_holds_the_data_is_the_in_memory_store() {
    // (document, technology, stance, role)
    let cases: &[(&str, &str, Stance, &str)] = &[
        (
            "# Architecture\n\nBoards are sorted sets in Memorystore for Valkey. Valkey is not a cache in front of a database here: it *is* the store.\n",
            "valkey",
            Stance::Chosen,
            "in_memory_store",
        ),
        (
            "# Architecture\n\nSessions live in memory in Redis; there is no other store.\n",
            "redis",
            Stance::Chosen,
            "in_memory_store",
        ),
        // The sentence that says so may be anywhere the name is chosen.
        (
            "# Components\n\n| Part | Technology |\n|---|---|\n| board store | Valkey 8, 3 shards |\n\n# Decision\n\nValkey is the system of record for the boards.\n",
            "valkey",
            Stance::Chosen,
            "in_memory_store",
        ),
        // Look-alikes: a cache in front of the database, the store named
        // in another sentence, a rejected engine.
        (
            "# Architecture\n\nRedis caches product pages in front of PostgreSQL.\n",
            "redis",
            Stance::Chosen,
            "cache",
        ),
        (
            "# Architecture\n\nPostgreSQL is the system of record. Redis caches hot reads.\n",
            "redis",
            Stance::Chosen,
            "cache",
        ),
        (
            "# Decision\n\nWe will not use Redis, although it is the store of the old prototype.\n",
            "redis",
            Stance::Rejected,
            "cache",
        ),
    ];
    for (md, name, stance, role) in cases {
        let set = run(md);
        let t = set
            .technologies
            .iter()
            .find(|t| t.name == *name)
            .unwrap_or_else(|| panic!("{md}: {name} not in {:?}", set.technologies));
        assert_eq!((t.stance, t.role.as_str()), (*stance, *role), "{md}");
    }
}

#[test]
fn cloud_and_platform_come_only_from_choices() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "- Hosting: Vercel; database on Supabase.",
            &["vercel", "supabase"],
            &["vercel"],
        ),
        ("- AWS only (no Azure, GCP, on-premises)", &["aws"], &[]),
        (
            "- Backend: Docker containers in Kubernetes/ECS.",
            &[],
            &["docker"],
        ),
        ("- Frontend: Vercel/Netlify (to be decided)", &[], &[]),
        (
            "- Future: migrate to AWS RDS when we outgrow the free tier",
            &[],
            &[],
        ),
        (
            "- Hosting Strategy: Google Cloud Run (fully managed, serverless).",
            &["gcp"],
            &["cloud-run"],
        ),
        ("- GKE: deferred unless networking needs emerge", &[], &[]),
        ("- We compared AWS vs GCP", &[], &[]),
        (
            "| Component | Choice | Notes |\n|---|---|---|\n| Backup LLM | Qwen | Alibaba Cloud API |\n| Hosting | Google Cloud Run | managed |\n",
            &["gcp"],
            &["cloud-run"],
        ),
        ("- Deploy on AWS ECS with Fargate", &["aws"], &["ecs"]),
        (
            "- The app is hosted on Azure; AWS is not an option.",
            &["azure"],
            &[],
        ),
        ("- Kubernetes is not required", &[], &[]),
    ];
    for (md, clouds, platforms) in cases {
        let set = run(md);
        let mut got = set.labels(Kind::Cloud);
        got.sort_unstable();
        let mut want = clouds.to_vec();
        want.sort_unstable();
        assert_eq!(got, want, "{md}: cloud");
        let mut got = set.labels(Kind::Platform);
        got.sort_unstable();
        assert_eq!(got, platforms.to_vec(), "{md}: platform");
    }
}

#[test]
fn conflicts_across_documents_resolve_to_the_stricter() {
    let prd = PlanningDoc::from_text(
        "prd.md",
        DocKind::Prd,
        "- Availability: 99.9%\n- RTO: 4 hours\n".into(),
    );
    let epic = PlanningDoc::from_text(
        "epic.md",
        DocKind::Epics,
        "- Availability: 99.95%\n- RTO: 4 hours\n".into(),
    );
    let set = extract("t", &[prd, epic]);
    assert_eq!(set.conflicts.len(), 1, "{:?}", set.conflicts);
    let c = &set.conflicts[0];
    assert_eq!(c.kind, Kind::Availability);
    assert_eq!(c.resolved, Some(Value::Number(99.95)));
    assert_eq!(
        c.sources
            .iter()
            .map(|s| s.path.as_str())
            .collect::<Vec<_>>(),
        ["prd.md", "epic.md"]
    );
    assert_eq!(set.number(Kind::Availability), Some(99.95));
}

#[test]
fn sources_ids_primary_and_missing() {
    let md =
        "# NFRs\n\nIntro line.\n\n- Uptime: 99.9%\n- API p95 < 300 ms\n- Page load\n  within 2 s\n";
    let set = run(md);
    let a = set.primary(Kind::Availability).expect("availability");
    assert_eq!(
        (a.source.line, a.source.excerpt.as_str()),
        (5, "- Uptime: 99.9%")
    );
    // A number on the second line of a wrapped list item points at that line.
    let l = set
        .all(Kind::Latency)
        .find(|r| r.value.as_f64() == Some(2000.0))
        .expect("2 s");
    assert_eq!(
        (l.source.line, l.source.excerpt.as_str()),
        (8, "within 2 s")
    );
    assert_eq!(
        set.primary(Kind::Latency).and_then(|r| r.value.as_f64()),
        Some(300.0)
    );
    let ids: Vec<&str> = set.requirements.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["R1", "R2", "R3"]);
    assert!(set.missing.contains(&Kind::Rto) && !set.missing.contains(&Kind::Latency));
}

/// Issue 13 item 3: the stance of a cloud or platform mention, one row per
/// class, with look-alikes that must still count as chosen.
mod stance {
    use super::run;
    use crate::requirements::{Kind, Value};

    fn labels(md: &str, kind: Kind) -> Vec<String> {
        run(md)
            .requirements
            .iter()
            .filter(|r| r.kind == kind)
            .filter_map(|r| match &r.value {
                Value::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn clouds_by_stance() {
        let cases: &[(&str, &[&str])] = &[
            // a provider's OAuth console or webhook the app uses is not hosting
            (
                "# Auth\n\nUsers sign in through the Google Cloud OAuth console client.\n",
                &[],
            ),
            (
                "# Events\n\nWe receive webhooks from Google Pub/Sub and Microsoft Graph.\n",
                &[],
            ),
            // Redis pub/sub is not Google Pub/Sub
            (
                "# Realtime\n\nNotifications fan out over Redis pub/sub.\n",
                &[],
            ),
            // either/or storage options
            (
                "# Storage\n\nObject storage: MinIO/AWS S3 for uploads.\n",
                &[],
            ),
            // the user's choice of provider
            (
                "# Deploy\n\nOperators may run it on any cloud provider (AWS, GCP, Azure etc.).\n",
                &[],
            ),
            // providers listed as examples of where it can run
            (
                "# Deployment\n\nStateless, so it deploys to hosted platforms (Railway, Fly.io, Vercel).\n",
                &[],
            ),
            // a paragraph comparing providers the team did not pick
            (
                "# Infrastructure\n\nWe run on GCP in Frankfurt.\n\nWe also evaluated Azure. AWS has one German region, which did not fit.\n",
                &["gcp"],
            ),
            // look-alikes that still choose
            ("# Tech Stack\n\nWe host on AWS in eu-west-1.\n", &["aws"]),
            // rejecting a provider's product does not reject the provider
            (
                "# Infrastructure\n\nEverything runs on Azure.\n\n# Decision\n\nAzure IoT Hub was rejected.\n",
                &["azure"],
            ),
            (
                "# Infrastructure\n\nCompute runs on GCP; the app calls an external e-mail API.\n",
                &["gcp"],
            ),
        ];
        for (md, want) in cases {
            assert_eq!(labels(md, Kind::Cloud), *want, "{md}");
        }
    }

    #[test]
    fn platforms_by_stance() {
        let cases: &[(&str, &[&str])] = &[
            // "not a serverless one"
            (
                "# Runtime\n\nThis is a containerized service, not a serverless one.\n",
                &["docker"],
            ),
            // capability of the product, not its own platform
            (
                "# Requirements\n\nThe proxy shall allow configuring the backend topology per group (single VM, Docker Swarm, Kubernetes).\n",
                &[],
            ),
            // either a binary or a container
            (
                "# Distribution\n\nShipped as a standalone binary or a Docker container.\n",
                &[],
            ),
            // hosting options left open
            ("# Deploy\n\nProduction: Railway/Render/Vercel.\n", &[]),
            // an ADR: the chosen option wins over the compared ones
            (
                "# Options Considered\n\n* ECS with Fargate\n* AWS Lambda\n\n# Decision Outcome\n\nChosen option: ECS with Fargate launch type.\n",
                &["ecs"],
            ),
            // a pros/cons section compares
            (
                "# Platforms\n\n**Vercel:**\n\n- Pros: fast deploys\n- Cons: short timeouts\n",
                &[],
            ),
            // look-alike: ECS/Fargate names one thing
            (
                "# Tech Stack\n\nCompute: ECS/Fargate behind an ALB.\n",
                &["ecs"],
            ),
            // an image as one of the ways users install the tool
            (
                "# Package Distribution\n\n| Method | Command | Use |\n|---|---|---|\n| PyPI | `pip install ourtool` | most users |\n| Docker | `docker run ourtool plan` | CI images |\n",
                &[],
            ),
            (
                "# NFRs\n\n- NFR5: runs on Linux, macOS and Windows, distributed as a single binary and a Docker image.\n",
                &[],
            ),
            // the platform runs the image: Docker is its format
            (
                "# Deployment\n\n- Platform: Railway\n- Deployment method: Docker container built from the API's Dockerfile\n",
                &["railway"],
            ),
            (
                "# Runtime\n\nThe workers ship as Docker images on Google Cloud Run.\n",
                &["cloud-run"],
            ),
            // look-alike: on its own VMs the team runs Docker itself
            (
                "# Deployment\n\n- Frontend: Vercel\n- Backend: Docker Compose on two rented VMs\n",
                &["vercel", "docker"],
            ),
        ];
        for (md, want) in cases {
            let got = labels(md, Kind::Platform);
            assert_eq!(got, *want, "{md}");
        }
    }
}

/// The generic word "serverless" beside a product named "… Serverless"
/// (Dataproc Serverless, EMR Serverless) is that product's shorthand: no
/// functions technology and no serverless platform is chosen by it.
#[test]
fn serverless_beside_a_serverless_product_is_its_shorthand() {
    let cases = [(
        "**Dataproc Serverless for the heavy transform.** Spark does it well and Serverless means no cluster sits idle for 20 hours a day.\n",
        "dataproc",
    )];
    for (md, product) in cases {
        let set = run(md);
        assert!(
            set.technologies.iter().any(|t| t.name == product),
            "{md}: {product} named"
        );
        assert!(
            !set.technologies.iter().any(|t| t.name == "serverless"),
            "{md}: {:?}",
            set.technologies
        );
        assert!(set.labels(Kind::Platform).is_empty(), "{md}");
    }
}
