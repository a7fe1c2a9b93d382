//! The last pass: assembles the design from every decision, then derives
//! risks, ADRs, open questions and the requirements echo (see
//! [`crate::design::questions`]).

use super::{Plan, order_error};
use crate::design::model::*;
use crate::design::questions;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let reqs = p.ctx.reqs;
    let project = p.ctx.project;
    let mut design = Design {
        schema: DESIGN_SCHEMA.to_string(),
        feature: reqs.feature.clone(),
        provider: p.ctx.cat.provider,
        provider_name: p.ctx.cat.name.clone(),
        region: RegionPlan {
            primary: p.primary.clone(),
            secondary: p.secondary.clone(),
            residency: p.residency.as_ref().map(|r| r.0.clone()),
            why: std::mem::take(&mut p.region_why),
        },
        project: ProjectKnowledge {
            cloud_provider: project.cloud_provider.clone(),
            deployment_platform: project.deployment_platform.clone(),
            tech_stack: project.tech_stack.clone(),
            architecture_pattern: project.architecture_pattern.clone(),
            source_dirs: project.source_dirs.clone(),
            region: project.region.clone(),
            iac_tool: project.iac_tool.clone(),
            notes: project.notes.clone(),
            existing_system: project.existing_system.clone(),
            file: project.file.clone(),
        },
        sources: reqs.sources.clone(),
        summary: vec![],
        requirements: vec![],
        assumptions: vec![],
        constraints: vec![],
        catalog: CatalogInfo {
            provider: p.ctx.cat.provider,
            override_file: p.ctx.cat.override_file.clone(),
            rows: vec![],
        },
        platform: p
            .platform_decision
            .take()
            .ok_or_else(|| order_error("availability", "the platform decision"))?,
        workloads: std::mem::take(&mut p.workloads),
        topology: p
            .topology
            .take()
            .ok_or_else(|| order_error("availability", "the topology decision"))?,
        components: std::mem::take(&mut p.b.components),
        external_nodes: vec![ExternalNode {
            id: p.external.0.into(),
            name: p.external.1.into(),
        }],
        links: std::mem::take(&mut p.b.links),
        availability: p
            .availability
            .take()
            .ok_or_else(|| order_error("availability", "the availability model"))?,
        capacity: p.cap()?.clone(),
        load_balancing: std::mem::take(&mut p.load_balancing),
        caching: std::mem::take(&mut p.caching),
        dr: p.drp()?.clone(),
        data: DataTier {
            stores: std::mem::take(&mut p.stores),
        },
        security: p
            .security
            .take()
            .ok_or_else(|| order_error("security", "the security plan"))?,
        observability: p
            .observability
            .take()
            .ok_or_else(|| order_error("observability", "the observability plan"))?,
        cost: p
            .cost
            .take()
            .ok_or_else(|| order_error("cost", "the cost model"))?,
        deployment: p
            .deployment
            .take()
            .ok_or_else(|| order_error("delivery", "the deployment plan"))?,
        operations: p
            .operations
            .take()
            .ok_or_else(|| order_error("delivery", "the operations plan"))?,
        compliance: std::mem::take(&mut p.compliance),
        governance: std::mem::take(&mut p.governance),
        risks: vec![],
        open_questions: vec![],
        adrs: vec![],
        review_notes: std::mem::take(&mut p.review_notes),
    };
    questions::finish(&mut p.ctx, &mut design);
    design.requirements = questions::requirement_uses(&p.ctx);
    design.assumptions = std::mem::take(&mut p.ctx.assumptions);
    design.open_questions = std::mem::take(&mut p.ctx.questions);
    design.catalog.rows = p.ctx.cited.values().cloned().collect();
    p.design = Some(design);
    Ok(())
}
