//! Render: the design model as the agent definition's infrastructure
//! architecture document (14 sections), with diagrams drawn from the topology.

pub mod diagram;
