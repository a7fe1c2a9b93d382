//! The MCP protocol side of `infrarch mcp`, on the official Rust SDK (rmcp):
//! tool registration with JSON Schemas from the argument types, and the error
//! split the protocol asks for. A domain failure (unknown feature, path outside
//! the root, unapproved document) is a tool result with `isError: true`, so the
//! calling model reads the message and can correct itself; a request that does
//! not fit the protocol or the tool's input schema (unknown tool, missing or
//! mistyped argument, unknown argument) is a JSON-RPC error: `-32602 Invalid
//! params` for arguments, as MCP's protocol-error rules list them.

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::tool::ToolCallContext;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, tool, tool_handler, tool_router};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{
    DesignArgs, HandoffArgs, LintArgs, ListFeaturesArgs, ProjectRoot, RequirementsArgs, ReviewArgs,
};
use crate::error::Result;

/// What the server tells the client about itself at initialisation.
pub const INSTRUCTIONS: &str = "infrarch computes infrastructure architecture from the planning \
documents under docs/planning/. Call list_features, then requirements for the feature; every \
number in an infrastructure document must come from these tools, never from your own estimate. \
Paths are relative to the project root. Hand the approved document on with handoff.";

/// The infrarch MCP server.
#[derive(Debug, Clone)]
pub struct InfrarchServer {
    root: ProjectRoot,
    tool_router: ToolRouter<Self>,
}

/// Run a tool's work on tokio's blocking threads: the runtime's one thread
/// stays free to read the next request, answer other calls and notice a
/// cancellation, however long this call takes.
///
/// A cancelled call stops its work, not just its answer: when the client
/// cancels (or goes away) this future is dropped, the guard cancels the
/// work's [`crate::cancel::Token`], and the work stops at its next check
/// (between documents, design passes, linted files, and before any write).
async fn blocking<F>(root: &ProjectRoot, work: F) -> CallToolResult
where
    F: FnOnce(&ProjectRoot) -> Result<Value> + Send + 'static,
{
    /// Cancels the token when dropped before the work answered.
    struct CancelOnDrop(Option<crate::cancel::Token>);
    impl Drop for CancelOnDrop {
        fn drop(&mut self) {
            if let Some(t) = self.0.take() {
                t.cancel();
            }
        }
    }
    let token = crate::cancel::Token::new();
    let mut guard = CancelOnDrop(Some(token.clone()));
    let worker_root = root.clone();
    let joined = tokio::task::spawn_blocking(move || {
        let _scope = crate::cancel::scope(token);
        work(&worker_root)
    })
    .await;
    guard.0 = None;
    match joined {
        Ok(r) => respond(root, r),
        Err(e) => CallToolResult::error(vec![ContentBlock::text(format!(
            "the tool stopped unexpectedly: {e}"
        ))]),
    }
}

fn respond(root: &ProjectRoot, r: Result<Value>) -> CallToolResult {
    match r {
        Ok(v) => CallToolResult::structured(v),
        Err(e) => CallToolResult::error(vec![ContentBlock::text(
            root.relativise_text(&e.to_string()),
        )]),
    }
}

#[tool_router]
impl InfrarchServer {
    pub fn new(root: ProjectRoot) -> Self {
        InfrarchServer {
            root,
            tool_router: Self::tool_router(),
        }
    }

    /// Names of the tools served, in registration order.
    pub fn tool_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .tool_router
            .list_all()
            .into_iter()
            .map(|t| t.name.to_string())
            .collect();
        names.sort();
        names
    }

    #[tool(
        name = "list_features",
        description = "List the features found in the planning directory (PRDs, epics, stories, application/data architecture) and their documents."
    )]
    async fn list_features(
        &self,
        Parameters(args): Parameters<ListFeaturesArgs>,
    ) -> CallToolResult {
        blocking(&self.root, move |root| super::list_features(root, args)).await
    }

    #[tool(
        name = "requirements",
        description = "Infrastructure requirements of one feature (infrarch.requirements/v1): availability, latency, throughput, RTO/RPO, compliance, residency, budget, cloud, platform, each with its source file:line, plus conflicts and missing kinds."
    )]
    async fn requirements(&self, Parameters(args): Parameters<RequirementsArgs>) -> CallToolResult {
        blocking(&self.root, move |root| super::requirements(root, args)).await
    }

    #[tool(
        name = "design",
        description = "Design the feature's infrastructure (infrarch.design/v1) from its requirements and infrarch.toml: provider, region, platform, components, computed availability, capacity, DR, cost, ADRs, each number with its basis. A preview unless `write` is true, which writes the document and its model (never over an existing one unless `force`)."
    )]
    async fn design(&self, Parameters(args): Parameters<DesignArgs>) -> CallToolResult {
        blocking(&self.root, move |root| super::design(root, args)).await
    }

    #[tool(
        name = "review",
        description = "The review gate on a written document: approve (status Approved, Proposed ADRs Accepted; refused while lint reports errors unless force), skip (recorded for the orchestrator), or revise with feedback and/or typed `directives` (re-designs with them; each directive is reported as applied with before → after, unchanged because already so, or not applied with the reason; Accepted ADRs are superseded only when the decision changes; feedback not understood or read two ways becomes an open question)."
    )]
    async fn review(&self, Parameters(args): Parameters<ReviewArgs>) -> CallToolResult {
        blocking(&self.root, move |root| super::review(root, args)).await
    }

    #[tool(
        name = "lint",
        description = "Check infrastructure architecture documents against the agent's documentation quality standards (infrarch.lint/v1): rule code, severity, file, line, message and help per finding."
    )]
    async fn lint(&self, Parameters(args): Parameters<LintArgs>) -> CallToolResult {
        blocking(&self.root, move |root| super::lint(root, args)).await
    }

    #[tool(
        name = "handoff",
        description = "Prepare the handoff of an infrastructure architecture document to the next agent: the handoff's label and prompt with the document path and a summary of the architecture. devops-agent requires an Approved document unless force is true."
    )]
    async fn handoff(&self, Parameters(args): Parameters<HandoffArgs>) -> CallToolResult {
        blocking(&self.root, move |root| super::handoff(root, args)).await
    }
}

fn check<T: DeserializeOwned>(args: Value) -> std::result::Result<(), String> {
    serde_json::from_value::<T>(args)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Arguments that do not fit the named tool's input type, as a JSON-RPC error.
/// Unknown tools pass: the router answers them.
pub fn check_arguments(request: &CallToolRequestParams) -> std::result::Result<(), ErrorData> {
    let args = Value::Object(request.arguments.clone().unwrap_or_default());
    let checked = match request.name.as_ref() {
        "list_features" => check::<ListFeaturesArgs>(args),
        "requirements" => check::<RequirementsArgs>(args),
        "handoff" => check::<HandoffArgs>(args),
        "design" => check::<DesignArgs>(args),
        "lint" => check::<LintArgs>(args),
        "review" => check::<ReviewArgs>(args),
        _ => Ok(()),
    };
    checked.map_err(|e| {
        ErrorData::invalid_params(
            format!("invalid arguments for `{}`: {e}", request.name),
            None,
        )
    })
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for InfrarchServer {
    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResponse, ErrorData> {
        check_arguments(&request)?;
        let cancelled = context.ct.clone();
        let name = request.name.to_string();
        let tcc = ToolCallContext::new(self, request, context);
        // `notifications/cancelled` cancels the token: the call answers at
        // once, and dropping the tool's future cancels its work's token
        // (see `blocking`), so the work stops at its next check.
        tokio::select! {
            r = self.tool_router.call(tcc) => r,
            () = cancelled.cancelled() => Ok(CallToolResult::error(vec![ContentBlock::text(
                format!("`{name}` was cancelled by the client"),
            )])
            .into()),
        }
    }

    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("infrarch", env!("CARGO_PKG_VERSION")))
            .with_instructions(INSTRUCTIONS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(name: &'static str, args: Value) -> CallToolRequestParams {
        let Value::Object(map) = args else {
            panic!("object")
        };
        CallToolRequestParams::new(name).with_arguments(map)
    }

    #[test]
    fn arguments_outside_the_schema_are_invalid_params() {
        use serde_json::json;
        for (name, args) in [
            ("requirements", json!({})),
            ("requirements", json!({"feature": 3})),
            (
                "requirements",
                json!({"feature": "checkout", "colour": "red"}),
            ),
            ("handoff", json!({"document": "x.md"})),
            ("list_features", json!({"planning": ["a"]})),
        ] {
            let e = check_arguments(&request(name, args.clone())).expect_err(&args.to_string());
            assert_eq!(e.code, rmcp::model::ErrorCode::INVALID_PARAMS);
            assert!(
                e.message
                    .starts_with(&format!("invalid arguments for `{name}`")),
                "{}",
                e.message
            );
        }
        for (name, args) in [
            ("requirements", json!({"feature": "checkout"})),
            ("list_features", json!({})),
            (
                "handoff",
                json!({"document": "x.md", "agent": "orchestrator", "force": true}),
            ),
            ("no_such_tool", json!({"x": 1})),
        ] {
            assert!(check_arguments(&request(name, args)).is_ok(), "{name}");
        }
    }

    #[test]
    fn serves_exactly_the_tools_the_agent_files_name() {
        let root = ProjectRoot::new(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let server = InfrarchServer::new(root);
        let mut expected: Vec<String> = crate::agent::export::MCP_TOOLS
            .iter()
            .map(|s| s.to_string())
            .collect();
        expected.sort();
        assert_eq!(server.tool_names(), expected);
        for tool in server.tool_router.list_all() {
            let schema = serde_json::to_value(&*tool.input_schema).unwrap();
            assert_eq!(schema["type"], "object", "{}", tool.name);
        }
    }
}
