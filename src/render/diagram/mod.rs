//! Diagrams drawn from the design's own topology: its components and links.
//!
//! Both drawings (ASCII for section 3.1, Mermaid for GitHub) start from one
//! [`Graph`] built here, so they always show the same nodes and edges.

pub mod ascii;
pub mod mermaid;

use crate::design::{Component, Design, LinkKind, Scope};

/// Where a node sits on the request path; the ASCII layout draws tiers top-down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// Who sends requests (added when the design has a public entry point).
    Client,
    /// CDN, DNS, WAF.
    Edge,
    /// Load balancers and gateways.
    Entry,
    /// Where the application runs.
    Compute,
    /// Stores, caches, queues and supporting services.
    Data,
}

impl Tier {
    /// The tier a catalog role belongs to.
    pub fn of_role(role: &str) -> Tier {
        match role {
            "cdn" | "dns" | "waf" | "ddos" | "edge" => Tier::Edge,
            "load_balancer" | "api_gateway" | "gateway" | "ingress" => Tier::Entry,
            "managed_containers" | "kubernetes" | "functions" | "vm" | "compute" | "worker" => {
                Tier::Compute
            }
            _ => Tier::Data,
        }
    }
}

/// A node: a component (or the clients) with the lines its box shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Stable id (the component id); Mermaid node ids derive from it.
    pub id: String,
    pub title: String,
    /// Further lines (service, count), shortest first.
    pub detail: Vec<String>,
    pub tier: Tier,
    /// Region or zone group ("Region us-east-1 · 2 zones"), `None` for global nodes.
    pub group: Option<String>,
    pub shape: mermaid::Shape,
}

/// A directed edge between two nodes (indices into [`Graph::nodes`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: String,
    /// Replication between copies: drawn dotted in Mermaid.
    pub dotted: bool,
}

/// Links that carry no request or data (logs, metrics, deploys, secret reads)
/// would wire every box to the supporting services; the diagrams leave them
/// out and section 3.2 lists those services.
pub fn is_drawn(link_kind: LinkKind) -> bool {
    !matches!(link_kind, LinkKind::Telemetry | LinkKind::Control)
}

/// The topology as drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// Id of the synthetic clients node.
pub const CLIENTS_ID: &str = "clients";

impl Graph {
    /// Build the drawn graph from a design: the external nodes links start from
    /// (the internet, a corporate network), every component on the request path
    /// or in a drawn link, and the drawn links between them. A design without
    /// external nodes gets a "Clients" node above whatever receives no link in
    /// its outermost tier (that is what faces the internet).
    pub fn from_design(design: &Design) -> Graph {
        let drawn = || design.links.iter().filter(|l| is_drawn(l.kind));
        let linked = |c: &Component| drawn().any(|l| l.from == c.id || l.to == c.id);
        let mut g = Graph::default();
        for x in &design.external_nodes {
            if drawn().any(|l| l.from == x.id || l.to == x.id) {
                g.nodes.push(Node {
                    id: x.id.clone(),
                    title: x.name.clone(),
                    detail: Vec::new(),
                    tier: Tier::Client,
                    group: None,
                    shape: mermaid::Shape::Box,
                });
            }
        }
        let has_external = !g.nodes.is_empty();
        for c in &design.components {
            if !(c.critical_path || linked(c)) {
                continue;
            }
            g.nodes.push(Node {
                id: c.id.clone(),
                title: c.name.clone(),
                detail: node_detail(c),
                tier: Tier::of_role(c.role.as_str()),
                group: group_of(c),
                shape: shape_of(c.role.as_str()),
            });
        }
        // Two boxes with one name (a database and its cross-region replica)
        // are told apart by their component ids.
        let titles: Vec<String> = g.nodes.iter().map(|n| n.title.clone()).collect();
        for n in &mut g.nodes {
            if titles.iter().filter(|t| **t == n.title).count() > 1 {
                n.detail.insert(0, n.id.clone());
            }
        }
        for l in drawn() {
            let (Some(from), Some(to)) = (g.index(&l.from), g.index(&l.to)) else {
                continue;
            };
            if from == to {
                continue;
            }
            g.edges.push(Edge {
                from,
                to,
                label: link_label(&l.protocol, &l.label),
                dotted: l.kind == LinkKind::Replication,
            });
        }
        if has_external {
            return g;
        }
        let entry = g
            .nodes
            .iter()
            .enumerate()
            .filter(|(i, n)| {
                matches!(n.tier, Tier::Edge | Tier::Entry) && !g.edges.iter().any(|e| e.to == *i)
            })
            .map(|(i, n)| (i, n.tier))
            .collect::<Vec<_>>();
        // Without an edge or entry tier (Cloud Run, App Runner, functions behind
        // their own endpoint) the compute nodes nobody links to face the clients.
        let entry = if entry.is_empty() {
            g.nodes
                .iter()
                .enumerate()
                .filter(|(i, n)| n.tier == Tier::Compute && !g.edges.iter().any(|e| e.to == *i))
                .map(|(i, n)| (i, n.tier))
                .collect()
        } else {
            entry
        };
        // Only the outermost tier faces the clients: a WAF in front of the load
        // balancer receives the traffic, the load balancer does not.
        let top = entry.iter().map(|(_, t)| *t).min();
        let entry: Vec<usize> = entry
            .into_iter()
            .filter(|(_, t)| Some(*t) == top)
            .map(|(i, _)| i)
            .collect();
        if !entry.is_empty() {
            let clients = g.nodes.len();
            g.nodes.push(Node {
                id: CLIENTS_ID.to_string(),
                title: "Clients".to_string(),
                detail: vec!["internet".to_string()],
                tier: Tier::Client,
                group: None,
                shape: mermaid::Shape::Box,
            });
            for to in entry {
                g.edges.push(Edge {
                    from: clients,
                    to,
                    label: "HTTPS".to_string(),
                    dotted: false,
                });
            }
        }
        g
    }

    /// Index of the node with an id.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }
}

fn node_detail(c: &Component) -> Vec<String> {
    let mut out = Vec::new();
    if !c.service.is_empty() && c.service != c.name {
        out.push(c.service.clone());
    }
    if c.count > 1 {
        out.push(format!("×{}", c.count));
    }
    out
}

fn shape_of(role: &str) -> mermaid::Shape {
    match role {
        "relational_db" | "read_replica" | "nosql_db" | "nosql" | "document_db"
        | "object_storage" | "search" | "warehouse" => mermaid::Shape::Store,
        _ => mermaid::Shape::Box,
    }
}

fn group_of(c: &Component) -> Option<String> {
    if c.placement.scope == Scope::Global || c.placement.regions.is_empty() {
        return None;
    }
    let regions = c.placement.regions.join(" + ");
    let word = if c.placement.regions.len() > 1 {
        "Regions"
    } else {
        "Region"
    };
    Some(format!("{word} {regions}"))
}

fn link_label(protocol: &str, label: &str) -> String {
    match (protocol.trim(), label.trim()) {
        ("", l) => l.to_string(),
        (p, "") => p.to_string(),
        (p, l) => format!("{l} ({p})"),
    }
}
