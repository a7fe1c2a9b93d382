//! Words for the components a design has: the entry point requests come
//! through, whether there is a relational writer, and what the compute
//! scales in. Text templates read these instead of naming a load balancer,
//! a database or instances the plan may not contain (a serverless stack has
//! an API gateway, functions and a NoSQL table).

use super::model::{Component, Role};

/// What a design's text may name.
#[derive(Debug, Clone, PartialEq)]
pub struct Vocab {
    /// Requests enter through a load balancer.
    pub lb: bool,
    /// The entry point, as the text names it ("the load balancer", "the API
    /// gateway (Amazon API Gateway (HTTP API))", "the entry point").
    pub entry: String,
    /// A relational database (with its single writer) is placed.
    pub relational: bool,
    /// Every request-serving compute pool is functions: no instances to
    /// count, size or right-size.
    pub functions_only: bool,
}

impl Vocab {
    pub fn of(components: &[Component]) -> Vocab {
        let lb = components.iter().any(|c| c.role == Role::LoadBalancer);
        let gateway = components.iter().find(|c| c.role == Role::ApiGateway);
        let entry = if lb {
            "the load balancer".to_string()
        } else if let Some(g) = gateway {
            format!("the API gateway ({})", g.service)
        } else {
            "the entry point".to_string()
        };
        let app_role = components.iter().find(|c| c.id == "app").map(|c| c.role);
        Vocab {
            lb,
            entry,
            relational: components.iter().any(|c| c.role == Role::RelationalDb),
            functions_only: app_role == Some(Role::Functions),
        }
    }

    /// What the compute scales in: instances, or concurrent executions of
    /// functions.
    pub fn units(&self) -> &'static str {
        if self.functions_only {
            "concurrent executions"
        } else {
            "instances"
        }
    }
}
