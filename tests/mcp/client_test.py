"""Drive `infrarch mcp` with the official Python MCP SDK (the `mcp` package).

Run by tests/mcp_client.rs; standalone:

    INFRARCH_BIN=target/debug/infrarch INFRARCH_EXAMPLE=examples/checkout \
        python tests/mcp/client_test.py

It copies the bundled example to a temporary project, starts the server there,
initialises, lists the tools, calls each one, and checks that domain failures
come back as tool errors (isError) while malformed requests get JSON-RPC errors
and the server keeps serving. Exit status 0 when every check passes.
"""

import asyncio
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from mcp import MCPError

import _harness
from _harness import BIN, check, connect, structured, text_of

EXAMPLE = Path(os.environ["INFRARCH_EXAMPLE"])
EXPECTED_TOOLS = set(os.environ.get("INFRARCH_MCP_TOOLS", "list_features,requirements,design,review,lint,handoff").split(","))

DOC = "docs/planning/architecture/infrastructure/checkout-infrastructure-architecture-20260120.md"
DRAFT = "docs/planning/architecture/infrastructure/checkout-infrastructure-architecture-20260118.md"


def document(status):
    return (
        "# Infrastructure Architecture: Checkout\n\n"
        "**Source PRD:** [checkout-20260105](../../prd/checkout-20260105.md)\n"
        "**Document ID:** checkout-infrastructure-architecture-20260120\n"
        "**Author:** @infrastructure-architecture-agent\n"
        f"**Status:** {status}\n**Created:** 2026-01-20\n\n"
        "## 1. Executive Summary\n\nCheckout runs on ECS Fargate in eu-west-1.\n\n"
        "## 10. Architecture Decision Records\n\n### ADR-1: ECS on Fargate\n"
    )


MODEL = {
    "schema": "infrarch.design/v1",
    "feature": "checkout",
    "provider_name": "Amazon Web Services",
    "region": {"primary": "eu-west-1"},
    "platform": {"decision": {"choice": "Amazon ECS on Fargate"}},
    "components": [{"name": "Application Load Balancer"}, {"name": "ECS service"}],
    "adrs": [{}],
}


def make_project():
    tmp = Path(tempfile.mkdtemp(prefix="infrarch-mcp-"))
    project = tmp / "checkout"
    shutil.copytree(EXAMPLE, project)
    doc = project / DOC
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(document("Approved"))
    doc.with_suffix(".json").write_text(json.dumps(MODEL))
    (project / DRAFT).write_text(document("Draft"))
    return tmp, project


async def expect_rpc_error(session, name, args, code, what):
    try:
        await session.call_tool(name, args)
    except MCPError as e:
        check(e.code == code, f"{what}: JSON-RPC code {e.code}, expected {code} ({e.message})")
        return e.message
    raise AssertionError(f"{what}: no JSON-RPC error")


async def session_checks(project):
    async with connect(project) as (session, init):
        check(init.server_info.name == "infrarch", f"server name {init.server_info.name}")
        check("list_features" in (init.instructions or ""), "instructions name the tools")

        tools = {t.name: t for t in (await session.list_tools()).tools}
        check(set(tools) == EXPECTED_TOOLS, f"tools {sorted(tools)}")
        for t in tools.values():
            check(t.input_schema.get("type") == "object", f"{t.name} schema is an object")
            check(bool(t.description), f"{t.name} has a description")
        check("feature" in tools["requirements"].input_schema.get("required", []),
              "requirements requires feature")
        check(set(tools["handoff"].input_schema.get("required", [])) == {"document", "agent"},
              "handoff requires document and agent")

        # list_features
        r = await session.call_tool("list_features", {})
        check(not r.is_error, f"list_features failed: {text_of(r)}")
        data = structured(r)
        check(data["schema"] == "infrarch.features/v1", "features schema")
        names = [f["name"] for f in data["features"]]
        check(names == ["checkout"], f"features {names}")
        paths = [d["path"] for d in data["features"][0]["documents"]]
        check(all(p.startswith("docs/planning/") for p in paths), f"relative paths {paths}")
        superseded = data["features"][0]["superseded"]
        check("docs/planning/prd/checkout-20251201.md" in superseded, f"superseded {superseded}")

        # requirements
        r = await session.call_tool("requirements", {"feature": "checkout"})
        check(not r.is_error, f"requirements failed: {text_of(r)}")
        data = structured(r)
        check(data["schema"] == "infrarch.requirements/v1", "requirements schema")
        check(data["feature"] == "checkout", "feature name")
        kinds = {s["kind"] for s in data["sources"]}
        check({"prd", "epics", "stories"} <= kinds, f"source kinds {kinds}")
        check(all(not s["path"].startswith("/") for s in data["sources"]), "source paths relative")
        primary = {r["kind"]: r for r in data["requirements"] if r.get("primary")}
        avail = primary.get("availability")
        check(avail is not None and avail["value"] == 99.95, f"availability {avail}")
        check(avail["source"]["path"] == "docs/planning/prd/checkout-20260105.md"
              and isinstance(avail["source"]["line"], int),
              f"availability cited by root-relative file:line: {avail['source']}")
        check(isinstance(data["missing"], list) and not set(data["missing"]) & set(primary),
              f"missing kinds {data['missing']} are not stated ones")

        r = await session.call_tool("requirements", {"feature": "payments"})
        check(r.is_error is True, "unknown feature is a tool error")
        check("unknown feature `payments`; features found: checkout" in text_of(r), text_of(r))

        # design (preview)
        r = await session.call_tool("design", {"feature": "checkout"})
        check(not r.is_error, f"design failed: {text_of(r)}")
        data = structured(r)
        check(data["schema"] == "infrarch.design/v1" and data["feature"] == "checkout", "design model")
        check(len(data["components"]) > 0 and len(data["adrs"]) > 0, "components and ADRs")
        check(all(not s["path"].startswith("/") for s in data["sources"]), "design sources relative")
        r = await session.call_tool("design", {"feature": "payments"})
        check(r.is_error is True and "unknown feature" in text_of(r), text_of(r))

        # design (write) and the review gate on what it wrote
        r = await session.call_tool("design", {"feature": "checkout", "write": True})
        check(not r.is_error, f"design write failed: {text_of(r)}")
        data = structured(r)
        written = data["document"]
        check(written.startswith("docs/planning/architecture/infrastructure/checkout-infrastructure-architecture-")
              and data["status"] == "Draft" and data["summary"]["adrs"] > 0, f"written {data}")
        r = await session.call_tool("design", {"feature": "checkout", "write": True})
        check(r.is_error is True and "already exists" in text_of(r), f"no overwrite: {text_of(r)}")
        r = await session.call_tool("review", {"document": written, "action": "revise",
                                               "feedback": "availability 99.9%; the pager rota worries me"})
        check(not r.is_error, f"revise failed: {text_of(r)}")
        data = structured(r)
        check(data["status"] == "In Review" and data["revision"] == 2, f"revised {data}")
        check(data["unrecognised_feedback"] == ["the pager rota worries me"], f"kept verbatim {data}")
        r = await session.call_tool("review", {"document": written, "action": "revise"})
        check(r.is_error is True and "feedback" in text_of(r), f"revise needs feedback: {text_of(r)}")
        r = await session.call_tool("review", {"document": written, "action": "approve"})
        check(not r.is_error and structured(r)["status"] == "Approved", f"approve: {text_of(r)}")
        r = await session.call_tool("handoff", {"document": written, "agent": "devops-agent"})
        check(not r.is_error, f"approved document hands off to devops-agent: {text_of(r)}")
        r = await session.call_tool("review", {"document": "../../etc/passwd", "action": "skip"})
        check(r.is_error is True and "refused" in text_of(r), text_of(r))
        await expect_rpc_error(session, "review", {"document": written, "action": "merge"},
                               -32602, "unknown action")

        # lint
        r = await session.call_tool("lint", {"paths": [DRAFT]})
        check(not r.is_error, f"lint failed: {text_of(r)}")
        data = structured(r)
        check(data["schema"] == "infrarch.lint/v1" and data["files"] == 1, f"lint result {data}")
        check(len(data["diagnostics"]) > 0, "the skeletal draft has findings")
        d = data["diagnostics"][0]
        check(d["path"] == DRAFT and isinstance(d["line"], int) and d["code"].startswith("IA"),
              f"diagnostic {d}")
        r = await session.call_tool("lint", {"paths": ["docs/nowhere.md"]})
        check(r.is_error is True, f"missing file: {text_of(r)}")
        r = await session.call_tool("lint", {"paths": ["../../etc/passwd"]})
        check(r.is_error is True and "refused" in text_of(r), text_of(r))

        # handoff
        r = await session.call_tool("handoff", {"document": DOC, "agent": "devops-agent"})
        check(not r.is_error, f"handoff failed: {text_of(r)}")
        data = structured(r)
        check(data["schema"] == "infrarch.handoff/v1", "handoff schema")
        check(data["label"] == "Implement DevOps" and data["send"] is False, "label and send")
        check(DOC in data["message"] and "Amazon ECS on Fargate" in data["message"],
              f"message carries path and summary: {data['message']}")
        check("design" not in data, "design model only on request")
        r = await session.call_tool(
            "handoff", {"document": DOC, "agent": "devops-agent", "include_design": True})
        check(structured(r)["design"]["schema"] == "infrarch.design/v1", "design model attached")

        r = await session.call_tool("handoff", {"document": DRAFT, "agent": "devops-agent"})
        check(r.is_error is True and "not Approved" in text_of(r), f"draft refused: {text_of(r)}")
        r = await session.call_tool(
            "handoff", {"document": DRAFT, "agent": "devops-agent", "force": True})
        check(not r.is_error, "forced handoff")
        r = await session.call_tool("handoff", {"document": DOC, "agent": "qa-agent"})
        check(r.is_error is True and "known agents: application-architecture-agent" in text_of(r),
              f"unknown agent lists known ones: {text_of(r)}")

        # path arguments stay inside the project
        for args in (
            {"document": "../../etc/passwd", "agent": "orchestrator"},
            {"document": "/etc/passwd", "agent": "orchestrator"},
            {"document": "docs/../../../etc/passwd", "agent": "orchestrator"},
        ):
            r = await session.call_tool("handoff", args)
            check(r.is_error is True and "refused" in text_of(r), f"{args}: {text_of(r)}")
        r = await session.call_tool("list_features", {"planning": "../.."})
        check(r.is_error is True and "outside the project root" in text_of(r), text_of(r))
        r = await session.call_tool("requirements", {"feature": "checkout", "planning": "/etc"})
        check(r.is_error is True and "outside the project root" in text_of(r), text_of(r))

        # malformed requests: JSON-RPC errors, and the server goes on
        await expect_rpc_error(session, "no_such_tool", {}, -32602, "unknown tool")
        await expect_rpc_error(session, "requirements", {}, -32602, "missing argument")
        msg = await expect_rpc_error(session, "requirements", {"feature": 3}, -32602, "mistyped")
        check("invalid arguments for `requirements`" in msg, msg)
        await expect_rpc_error(session, "handoff", {"document": DOC, "agent": "orchestrator",
                                                    "colour": "red"}, -32602, "unknown argument")
        r = await session.call_tool("list_features", {})
        check(not r.is_error, "still serving after malformed requests")


def raw_checks(project):
    """Bytes no SDK would send: the server answers and keeps serving."""
    proc = subprocess.Popen(
        [BIN, "mcp", "--root", str(project)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )

    def send(raw):
        proc.stdin.write(raw + b"\n")
        proc.stdin.flush()

    def receive():
        line = proc.stdout.readline()
        check(line != b"", "server answered")
        return json.loads(line)

    send(b"this is not json{")
    r = receive()
    check(r.get("error", {}).get("code") == -32700 and r.get("id") is None, f"parse error: {r}")
    send(b"\xff\xfe\x00garbage")
    r = receive()
    check(r.get("error", {}).get("code") == -32700, f"non-UTF-8 is a parse error: {r}")
    send(b'{"jsonrpc": "2.0", "id": 7, "method": 42}')
    r = receive()
    check(r.get("error", {}).get("code") == -32600, f"invalid request: {r}")
    send(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {},
        "clientInfo": {"name": "raw", "version": "0"}}}).encode())
    r = receive()
    check(r.get("id") == 1 and r["result"]["serverInfo"]["name"] == "infrarch", f"initialize: {r}")
    send(b'{"jsonrpc": "2.0", "method": "notifications/initialized"}')
    send(b'{"jsonrpc": "2.0", "id": 2, "method": "no/such/method"}')
    r = receive()
    check(r.get("id") == 2 and r.get("error", {}).get("code") == -32601, f"unknown method: {r}")
    send(b'{"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": '
         b'{"name": "requirements", "arguments": {"feature": "checkout"}}}')
    r = receive()
    check(r.get("id") == 3 and not r["result"].get("isError"), f"still serving: {str(r)[:200]}")
    proc.stdin.close()
    code = proc.wait(timeout=10)
    err = proc.stderr.read().decode()
    rest = proc.stdout.read()
    check(code == 0, f"exit status {code}: {err}")
    check(rest.strip() == b"", f"stdout carries protocol messages only: {rest[:200]!r}")
    check("infrarch mcp: serving" in err, f"logs go to stderr: {err}")


def main():
    tmp, project = make_project()
    try:
        asyncio.run(session_checks(project))
        raw_checks(project)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"ok: {_harness.checks} checks passed against {BIN}")


if __name__ == "__main__":
    _harness.run_main(main)
