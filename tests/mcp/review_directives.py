"""The MCP `review` tool with typed directives, driven by the official Python
MCP SDK (the `mcp` package). Run by tests/review_mcp.rs; standalone:

    INFRARCH_BIN=target/debug/infrarch \
    INFRARCH_PROJECT=tests/fixtures/review/project \
        python tests/mcp/review_directives.py

It copies the project, writes its document with `design`, then revises it with
typed directives, approves, revises again, and checks what each directive did,
that the gate agrees with itself (approve after revise), that a region of
another provider and a malformed directive are refused, and that no lock file
is left. Exit status 0 when every check passes.
"""

import asyncio
import json
import os
import shutil
import tempfile
from pathlib import Path

import _harness
from _harness import check, connect, structured, text_of

PROJECT = Path(os.environ["INFRARCH_PROJECT"])


def outcomes(data):
    return {d["directive"]: (d["outcome"], d["detail"]) for d in data["directives"]}


async def run(project):
    async with connect(project) as (session, _):
        tools = {t.name: t for t in (await session.list_tools()).tools}
        schema = tools["review"].input_schema
        props = schema.get("properties", {})
        check("directives" in props, f"review schema has directives: {sorted(props)}")
        check(props["directives"].get("type") == "array", f"directives is a list: {props['directives']}")
        # The item schema names every directive kind (in $defs when referenced).
        blob = json.dumps(schema)
        for kind in ["set", "use", "avoid", "drop", "add", "reduce_cost", "single_region",
                     "provider", "region", "platform"]:
            check(f'"{kind}"' in blob, f"directive kind {kind} in the schema")

        r = await session.call_tool("design", {"feature": "bookings", "write": True})
        check(not r.is_error, f"design write: {text_of(r)}")
        doc = structured(r)["document"]

        r = await session.call_tool("review", {"document": doc, "action": "approve"})
        check(not r.is_error and structured(r)["status"] == "Approved", f"approve: {text_of(r)}")

        directives = [
            {"kind": "set", "field": "availability", "value": "99.95"},
            {"kind": "set", "field": "rpo", "value": "5min"},
            {"kind": "use", "technology": "aurora"},
            {"kind": "drop", "component": "waf", "reason": "Cloudflare sits in front"},
            {"kind": "single_region"},
        ]
        r = await session.call_tool("review", {"document": doc, "action": "revise",
                                               "directives": directives})
        check(not r.is_error, f"revise with directives: {text_of(r)}")
        data = structured(r)
        check(data["revision"] == 2 and data["status"] == "In Review", f"revised {data}")
        got = outcomes(data)
        check(got["set availability=99.95"][0] == "applied"
              and "99.9% → 99.95%" in got["set availability=99.95"][1], f"availability {got}")
        check(got["set rpo=300"][0] == "applied", f"rpo {got}")
        check(got["use aurora"][0] == "applied" and "Aurora" in got["use aurora"][1], f"aurora {got}")
        check(got["drop waf"][0] in ("applied", "not_applied") and got["drop waf"][1], f"waf {got}")
        check(got["single-region"][0] in ("unchanged", "applied", "not_applied"), f"single {got}")
        for name, (outcome, detail) in got.items():
            check(outcome in ("applied", "unchanged", "not_applied") and detail, f"{name}: {outcome} {detail}")

        # One truth: the revised document approves (lint clean against the revised requirements).
        r = await session.call_tool("lint", {"paths": [doc]})
        lint = structured(r)
        errors = [d for d in lint["diagnostics"] if d["severity"] == "error"]
        check(not errors, f"lint clean after revise: {errors}")
        r = await session.call_tool("review", {"document": doc, "action": "approve"})
        check(not r.is_error and structured(r)["status"] == "Approved", f"approve after revise: {text_of(r)}")

        # The same values again: nothing to change, nothing superseded.
        r = await session.call_tool("review", {"document": doc, "action": "revise",
                                               "directives": directives[:3]})
        data = structured(r)
        got = outcomes(data)
        check(all(o == "unchanged" for o, _ in got.values()), f"already so: {got}")
        check(not any("supersedes" in c for c in data["changes"]), f"no ADR churn: {data['changes']}")

        # Typed and free text together; a relative change against the current design.
        r = await session.call_tool("review", {"document": doc, "action": "revise",
                                               "directives": [{"kind": "set", "field": "budget", "value": "2500"}],
                                               "feedback": "double the throughput"})
        got = outcomes(structured(r))
        check(got.get("set budget=2500", ("",))[0] == "applied", f"budget {got}")
        check(got.get("set throughput=240", ("",))[0] == "applied", f"throughput doubled {got}")

        # Refusals: a region of another provider, a malformed directive.
        r = await session.call_tool("review", {"document": doc, "action": "revise",
                                               "directives": [{"kind": "region", "region": "europe-west3"}]})
        check(r.is_error is True and "Amazon Web Services" in text_of(r)
              and "europe-west3" in text_of(r), f"foreign region refused: {text_of(r)}")
        r = await session.call_tool("review", {"document": doc, "action": "revise",
                                               "directives": [{"kind": "set", "field": "availability", "value": "120"}]})
        check(r.is_error is True and "directives[0]" in text_of(r), f"bad value refused: {text_of(r)}")

        lock = [p.name for p in (project / doc).parent.iterdir() if p.name.endswith(".lock")]
        check(not lock, f"no lock file left: {lock}")


def main():
    tmp = Path(tempfile.mkdtemp(prefix="infrarch-review-mcp-"))
    try:
        project = tmp / "bookings"
        shutil.copytree(PROJECT, project)
        (project / ".git").mkdir()
        asyncio.run(run(project))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{_harness.checks} checks passed")


if __name__ == "__main__":
    _harness.run_main(main)
