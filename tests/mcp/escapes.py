"""Escapes from the MCP server's root, driven by the official Python MCP SDK.

Run by tests/mcp_hostile.rs; standalone:

    INFRARCH_BIN=target/debug/infrarch python tests/mcp/escapes.py

It builds, at run time, a project root and an `outside` folder beside it
holding files with sentinel values, then calls every tool that takes a path
with paths that leave the root: `..`, absolute paths, symlinks inside the root
pointing out (planning folder, planning file, document, sidecar, lock,
journal, `.revisions/`, the architecture folder a document is written to), and
a sidecar whose recorded planning path and previous-revision path point out.
Each attempt must be a tool error (isError) that says why, no answer may
carry an outside sentinel, and nothing outside may be created or changed.
Prints `escapes: N attempted, N refused, 0 read outside, 0 written outside`.
"""

import asyncio
import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import _harness
from _harness import BIN, check, connect, structured, text_of

SENTINEL = "OUTSIDE-7731"
# Values only the outside files state: seeing one in an answer means it was read.
OUTSIDE_VALUES = ["99.123", "4321", "ap-southeast-2"]

PRD = """# Orders PRD

## Non-functional requirements

- Availability: 99.9% monthly for the order API.
- p95 latency under 300 ms for placing an order.
- Peak load: 120 requests per second at lunch.
- RPO 15 minutes, RTO 1 hour.
"""

OUTSIDE_PRD = f"""# Orders PRD ({SENTINEL})

## Non-functional requirements

- Availability: 99.123% monthly ({SENTINEL}).
- Peak load: 4321 requests per second.
"""

attempted = 0
refused = 0
leaks = []
before = {}


def snapshot(folder):
    """Every path under `folder` with its kind and content hash."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            if p.is_symlink():
                out[str(p)] = ("link", os.readlink(p))
            elif p.is_dir():
                out[str(p)] = ("dir", "")
            else:
                out[str(p)] = ("file", hashlib.sha256(p.read_bytes()).hexdigest())
    return out


def build(tmp):
    outside = tmp / "outside"
    root = tmp / "root"
    (outside / "docs/planning/prd").mkdir(parents=True)
    (outside / "docs/planning/prd/orders-20260110.md").write_text(OUTSIDE_PRD)
    (outside / "secret.md").write_text(OUTSIDE_PRD)
    (outside / "archdir").mkdir()
    (outside / "revdir").mkdir()
    # Project knowledge above the root must not be read.
    (tmp / "infrarch.toml").write_text('cloud_provider = "aws"\nregion = "ap-southeast-2"\n')
    (root / "docs/planning/prd").mkdir(parents=True)
    (root / "docs/planning/prd/orders-20260110.md").write_text(PRD)
    return root, outside


def link(target, at):
    at.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, at)


async def attempt(session, tool, args, what):
    """One escape attempt: must be a tool error that says why, reading nothing outside."""
    global attempted, refused
    attempted += 1
    r = await session.call_tool(tool, args)
    body = text_of(r)
    said = any(w in body for w in ("outside the project root", "refused", "outside"))
    leaked = [v for v in [SENTINEL] + OUTSIDE_VALUES if v in body]
    if leaked:
        leaks.append(f"{what}: answer carries {leaked}")
    if r.is_error and said and not leaked:
        refused += 1
        if os.environ.get("INFRARCH_ESCAPES_VERBOSE"):
            print(f"refused: {what}: {body[:200]}")
    else:
        print(f"NOT REFUSED: {what}: {tool} {args}: {body[:300]}", file=sys.stderr)
    return r


async def run(root, outside):
    async with connect(root) as (session, _):

        # A real document to build hostile variants from.
        r = await session.call_tool("design", {"feature": "orders", "write": True})
        check(not r.is_error, f"design write: {text_of(r)}")
        doc = structured(r)["document"]
        doc_path = root / doc
        sidecar = json.loads(doc_path.with_suffix(".json").read_text())
        text = doc_path.read_text()
        check("ap-southeast-2" not in text, "infrarch.toml above the root was not read")
        arch = doc_path.parent
        # Every file outside that the attempts below aim at exists from
        # here on (the lock and journal targets stay dangling links: a
        # create through them would land outside), then the snapshot.
        (outside / "doc.md").write_text(text)
        (outside / "doc.json").write_text(json.dumps(sidecar))
        (outside / "sidecar-target").write_text(json.dumps(sidecar))
        global before
        before = snapshot(outside)

        def variant(folder, name, side=None):
            """A copy of the document and its sidecar under `folder`."""
            folder.mkdir(parents=True, exist_ok=True)
            d = folder / name
            d.write_text(text)
            d.with_suffix(".json").write_text(json.dumps(side or sidecar))
            return str(d.relative_to(root))

        abs_out = str(outside / "docs/planning")
        planning_escapes = [
            ("`..` out", "../outside/docs/planning"),
            ("`..` through a folder", "docs/../../outside/docs/planning"),
            ("absolute elsewhere", abs_out),
            ("absolute system folder", "/etc"),
        ]
        link(outside / "docs/planning", root / "docs/linked-planning")
        planning_escapes.append(("symlinked planning folder", "docs/linked-planning"))

        # list_features / requirements / design: the planning argument.
        for what, p in planning_escapes:
            await attempt(session, "list_features", {"planning": p}, f"list_features {what}")
            await attempt(session, "requirements", {"feature": "orders", "planning": p},
                          f"requirements {what}")
            await attempt(session, "design", {"feature": "orders", "planning": p},
                          f"design preview {what}")
            await attempt(session, "design", {"feature": "orders", "planning": p, "write": True,
                                              "force": True}, f"design write {what}")

        # A planning file that is a symlink out: its feature has nothing inside.
        link(outside / "secret.md", root / "docs/planning/prd/leak-20260110.md")
        await attempt(session, "requirements", {"feature": "leak"}, "requirements of a symlinked-out file")
        await attempt(session, "design", {"feature": "leak"}, "design of a symlinked-out file")
        # ...and beside real documents: read the inside ones only.
        link(outside / "secret.md", root / "docs/planning/prd/orders-20260111.md")
        r = await session.call_tool("requirements", {"feature": "orders"})
        body = text_of(r)
        check(not any(v in body for v in [SENTINEL] + OUTSIDE_VALUES),
              f"a symlinked-out planning file beside real ones is not read: {body[:300]}")
        # ...and in a folder linted as a whole: listed as an error, not read.
        r = await session.call_tool("lint", {"paths": ["docs/planning/prd"]})
        body = text_of(r)
        check(not any(v in body for v in [SENTINEL] + OUTSIDE_VALUES),
              f"a symlinked-out file in a linted folder is not read: {body[:300]}")
        os.remove(root / "docs/planning/prd/orders-20260111.md")

        # design write / requirements write into an architecture folder that leads out.
        shutil.rmtree(arch)
        link(outside / "archdir", arch)
        await attempt(session, "design", {"feature": "orders", "write": True, "force": True},
                      "design write through a symlinked architecture folder")
        await attempt(session, "requirements", {"feature": "orders", "write": True, "force": True},
                      "confirm file through a symlinked architecture folder")
        os.remove(arch)
        arch.mkdir(parents=True)
        doc = variant(arch, doc_path.name)

        # review / handoff / lint: the document argument.
        doc_escapes = [
            ("`..` out", "../outside/secret.md"),
            ("`..` through a folder", "docs/../../outside/secret.md"),
            ("absolute elsewhere", str(outside / "secret.md")),
            ("absolute system file", "/etc/passwd"),
        ]
        # The document itself a symlink out (its sidecar out beside it).
        link(outside / "doc.md", arch / "linked-doc.md")
        doc_escapes.append(("symlinked document", str((arch / "linked-doc.md").relative_to(root))))
        for what, p in doc_escapes:
            for action in ("approve", "skip", "revise"):
                args = {"document": p, "action": action}
                if action == "revise":
                    args["feedback"] = "availability 99.95%"
                await attempt(session, "review", args, f"review {action} {what}")
            await attempt(session, "handoff", {"document": p, "agent": "orchestrator",
                                               "include_design": True}, f"handoff {what}")
            await attempt(session, "lint", {"paths": [p]}, f"lint {what}")
        await attempt(session, "lint", {"paths": [doc, "../outside/secret.md"]},
                      "lint with one path out among good ones")

        # Files the gate opens beside a document, each a symlink out.
        beside = {
            "sidecar": lambda d: d.with_suffix(".json"),
            "lock": lambda d: d.with_name(f".{d.name}.lock"),
            "journal": lambda d: d.with_name(f".{d.name}.commit"),
            "revisions": lambda d: d.parent / ".revisions",
        }
        for what, where in beside.items():
            folder = root / f"docs/planning/architecture/b-{what}"
            d = root / variant(folder, doc_path.name)
            target = where(d)
            if target.exists():
                target.unlink()
            dest = outside / ("revdir" if what == "revisions" else f"{what}-target")
            link(dest, target)
            rel = str(d.relative_to(root))
            for action in ("approve", "skip", "revise"):
                args = {"document": rel, "action": action, "force": True}
                if action == "revise":
                    args["feedback"] = "availability 99.95%"
                await attempt(session, "review", args, f"review {action} with the {what} symlinked out")
            if what == "sidecar":
                await attempt(session, "handoff", {"document": rel, "agent": "orchestrator",
                                                   "include_design": True},
                              "handoff with the sidecar symlinked out")

        # A sidecar whose recorded paths point out of the root.
        hostile = json.loads(json.dumps(sidecar))
        hostile["review"]["planning"] = os.path.relpath(outside / "docs/planning",
                                                        root / "docs/planning/architecture/c")
        c = variant(root / "docs/planning/architecture/c", doc_path.name, hostile)
        await attempt(session, "review", {"document": c, "action": "revise",
                                          "feedback": "availability 99.95%"},
                      "revise with the recorded planning path out")
        hostile = json.loads(json.dumps(sidecar))
        prev = os.path.relpath(outside / "secret.md", root / "docs/planning/architecture/e")
        hostile["review"]["history"].append(dict(hostile["review"]["history"][0],
                                                 revision=2, previous=prev))
        e = variant(root / "docs/planning/architecture/e", doc_path.name, hostile)
        await attempt(session, "review", {"document": e, "action": "approve"},
                      "approve with the recorded previous revision out")

        # Still serving, and the good document still works.
        r = await session.call_tool("review", {"document": doc, "action": "skip"})
        check(not r.is_error, f"the real document is still served: {text_of(r)}")


def main():
    tmp = Path(tempfile.mkdtemp(prefix="infrarch-escapes-"))
    try:
        root, outside = build(tmp)
        asyncio.run(run(root, outside))
        after = snapshot(outside)
        written = sorted(set(after.items()) ^ set(before.items()))
        print(f"escapes: {attempted} attempted, {refused} refused, {len(leaks)} read outside, "
              f"{len(written)} written outside")
        check(not leaks, f"read outside: {leaks}")
        check(not written, f"written outside: {written}")
        check(attempted == refused, f"{attempted - refused} escape(s) not refused (see above)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"ok: {_harness.checks} checks passed against {BIN}")


if __name__ == "__main__":
    _harness.run_main(main)
