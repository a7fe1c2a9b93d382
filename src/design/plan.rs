//! The typed vocabulary of a design: what a component is for ([`Role`]), what
//! an edge carries ([`LinkKind`]) and where a component runs ([`Scope`]).
//!
//! Each enum serialises to the string the design JSON already used, so the
//! `infrarch.design` contract is unchanged; inside the engine a misspelt role
//! or link kind is a compile error instead of a silently empty match.

use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The string used in JSON, catalogs and data files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// Parses the data-file spelling; `None` for anything else.
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s).ok_or_else(|| format!("unknown {} `{s}`", stringify!($name)))
            }
        }
    };
}

string_enum! {
    /// What a component does, as the catalogs name it (the agreed vocabulary in
    /// the team board; one row of a provider catalog serves one role).
    Role {
        Dns => "dns",
        Cdn => "cdn",
        Waf => "waf",
        Ddos => "ddos",
        LoadBalancer => "load_balancer",
        Nat => "nat",
        Vm => "vm",
        Kubernetes => "kubernetes",
        ManagedContainers => "managed_containers",
        Functions => "functions",
        RelationalDb => "relational_db",
        /// A read replica of a relational database (one instance; never a
        /// candidate for the primary). `Catalog::read_replica_for` finds it.
        ReadReplica => "read_replica",
        Cache => "cache",
        Queue => "queue",
        ObjectStorage => "object_storage",
        Kms => "kms",
        Secrets => "secrets",
        Logs => "logs",
        Metrics => "metrics",
        Tracing => "tracing",
        AuditLog => "audit_log",
        ThreatDetection => "threat_detection",
        ConfigMonitoring => "config_monitoring",
        Registry => "registry",
        CiCd => "ci_cd",
        Iac => "iac",
        Egress => "egress",
        InterRegionTransfer => "inter_region_transfer",
        ApiGateway => "api_gateway",
        Nosql => "nosql",
        Stream => "stream",
        Orchestrator => "orchestrator",
        Scheduler => "scheduler",
        BatchCompute => "batch_compute",
        Warehouse => "warehouse",
        GpuInstance => "gpu_instance",
        InMemoryStore => "in_memory_store",
        IdentityProxy => "identity_proxy",
        PrivateAccess => "private_access",
        Vpn => "vpn",
        /// Routes events between managed services (an object-created event
        /// to a queue or a function): Event Grid, EventBridge, Eventarc.
        EventRouter => "event_router",
        /// A managed AI service the application calls (document reading,
        /// image analysis): Document Intelligence, Textract, Document AI.
        AiService => "ai_service",
    }
}

impl Role {
    /// Roles that run application code (a pool sized by the capacity pass).
    pub fn is_compute(self) -> bool {
        matches!(
            self,
            Role::Vm
                | Role::Kubernetes
                | Role::ManagedContainers
                | Role::Functions
                | Role::BatchCompute
                | Role::GpuInstance
        )
    }

    /// Roles that hold data the system cannot rebuild (backed up, residency applies).
    pub fn holds_data(self) -> bool {
        matches!(
            self,
            Role::RelationalDb
                | Role::Nosql
                | Role::ObjectStorage
                | Role::Warehouse
                | Role::Stream
                | Role::InMemoryStore
        )
    }
}

string_enum! {
    /// What an edge carries; lets a diagram filter and style edges.
    LinkKind {
        /// User traffic on the request path.
        Request => "request",
        /// Application to its stores, queues and streams.
        Data => "data",
        /// Copies between replicas or regions (drawn dotted).
        Replication => "replication",
        /// Logs, metrics and traces.
        Telemetry => "telemetry",
        /// Deploys, secrets, schedules.
        Control => "control",
    }
}

string_enum! {
    /// Where a component runs.
    Scope {
        /// Edge and DNS services with no home region.
        Global => "global",
        /// Spread over the zones of its region(s).
        Regional => "regional",
        /// Pinned to one zone.
        Zonal => "zonal",
    }
}

string_enum! {
    /// How an alert reaches people: a page wakes the on-call, a ticket waits
    /// for working hours (SRE workbook, alerting on SLOs).
    AlertSeverity {
        Page => "page",
        Ticket => "ticket",
    }
}

impl AlertSeverity {
    /// Where an alert of this severity goes.
    pub fn notification(self) -> &'static str {
        match self {
            AlertSeverity::Page => "page the on-call (phone)",
            AlertSeverity::Ticket => "ticket to the team queue",
        }
    }
}

/// Where a number or a decision comes from: each id of a `why`, `basis` or
/// `refs` list. Serialised as the plain string the design JSON always
/// carried (`R3`, `A2`, `T4`, `docs/prd.md:12`, `infrarch.toml region`,
/// `aws.rds_postgres.multi_az`), so the `infrarch.design` contract is
/// unchanged; inside the engine the kind of each id is known without
/// guessing from its spelling at every use. It reads as its string (`Deref`
/// to `str`), so lookups by id work unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provenance {
    /// `R…`: a stated requirement (with its `file:line`).
    Requirement(String),
    /// `A…`: a value the design assumed, stated with its reason.
    Assumption(String),
    /// `T…`: a technology the documents choose.
    Technology(String),
    /// `file:line` of a planning document.
    Source(String),
    /// `infrarch.toml …`: the project file's own knowledge.
    Project(String),
    /// `provider.row`: a catalog row, with its source and date.
    Catalog(String),
    /// Anything else a decision cites in words (a reviewer's request).
    Other(String),
}

impl Provenance {
    /// Reads an id by its spelling; every string is some provenance.
    pub fn parse(s: &str) -> Provenance {
        let numbered = |p: char| {
            s.strip_prefix(p)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        let owned = s.to_string();
        if numbered('R') {
            Provenance::Requirement(owned)
        } else if numbered('A') {
            Provenance::Assumption(owned)
        } else if numbered('T') {
            Provenance::Technology(owned)
        } else if s.starts_with("infrarch.toml") {
            Provenance::Project(owned)
        } else if s.rsplit_once(':').is_some_and(|(f, l)| {
            !f.is_empty() && !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit())
        }) {
            Provenance::Source(owned)
        } else if ["aws.", "gcp.", "azure."].iter().any(|p| s.starts_with(p)) {
            Provenance::Catalog(owned)
        } else {
            Provenance::Other(owned)
        }
    }

    /// The id as written in JSON and documents.
    pub fn as_str(&self) -> &str {
        match self {
            Provenance::Requirement(s)
            | Provenance::Assumption(s)
            | Provenance::Technology(s)
            | Provenance::Source(s)
            | Provenance::Project(s)
            | Provenance::Catalog(s)
            | Provenance::Other(s) => s,
        }
    }
}

impl From<String> for Provenance {
    fn from(s: String) -> Self {
        Provenance::parse(&s)
    }
}

impl From<&String> for Provenance {
    fn from(s: &String) -> Self {
        Provenance::parse(s)
    }
}

impl From<&str> for Provenance {
    fn from(s: &str) -> Self {
        Provenance::parse(s)
    }
}

impl From<&Provenance> for Provenance {
    fn from(p: &Provenance) -> Self {
        p.clone()
    }
}

impl std::ops::Deref for Provenance {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Provenance {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Provenance {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Provenance {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Provenance {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Provenance {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Provenance> for String {
    fn eq(&self, other: &Provenance) -> bool {
        self == other.as_str()
    }
}

impl std::fmt::Display for Provenance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Provenance {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Provenance {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Provenance::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_for_every_variant() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(*r));
            let json = serde_json::to_string(r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
        }
        for k in LinkKind::ALL {
            assert_eq!(k.as_str().parse::<LinkKind>(), Ok(*k));
        }
        for s in Scope::ALL {
            assert_eq!(Scope::parse(s.as_str()), Some(*s));
        }
        // Alert severity keeps the JSON's `page` / `ticket`.
        for a in AlertSeverity::ALL {
            let json = serde_json::to_string(a).unwrap();
            assert_eq!(json, format!("\"{}\"", a.as_str()));
            assert_eq!(serde_json::from_str::<AlertSeverity>(&json).unwrap(), *a);
        }
        assert!(serde_json::from_str::<AlertSeverity>("\"urgent\"").is_err());
    }

    #[test]
    fn provenance_ids_keep_their_json_strings() {
        let cases = [
            ("R12", "requirement"),
            ("A3", "assumption"),
            ("T4", "technology"),
            ("docs/planning/prd/x.md:42", "source"),
            ("infrarch.toml region", "project"),
            ("aws.rds_postgres.multi_az", "catalog"),
            ("Reviewer asked for one region", "other"),
            ("Rx", "other"),
            ("A", "other"),
        ];
        for (text, kind) in cases {
            let p = Provenance::from(text);
            let got = match &p {
                Provenance::Requirement(_) => "requirement",
                Provenance::Assumption(_) => "assumption",
                Provenance::Technology(_) => "technology",
                Provenance::Source(_) => "source",
                Provenance::Project(_) => "project",
                Provenance::Catalog(_) => "catalog",
                Provenance::Other(_) => "other",
            };
            assert_eq!(got, kind, "{text}");
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, serde_json::to_string(text).unwrap());
            assert_eq!(serde_json::from_str::<Provenance>(&json).unwrap(), p);
        }
        let ids: Vec<Provenance> = vec!["R1".into(), "A2".into()];
        assert_eq!(ids.join(", "), "R1, A2");
    }

    #[test]
    fn unknown_spellings_are_refused() {
        for bad in ["", "database", "Load_Balancer", "relational-db"] {
            assert_eq!(Role::parse(bad), None, "{bad}");
        }
        assert!("wire".parse::<LinkKind>().is_err());
    }

    #[test]
    fn every_catalog_role_is_a_role() {
        for p in &crate::catalog::Provider::ALL {
            let cat = crate::catalog::Catalog::builtin(*p).unwrap();
            for row in &cat.rows {
                assert!(Role::parse(&row.role).is_some(), "{}: {}", row.id, row.role);
            }
        }
    }
}
