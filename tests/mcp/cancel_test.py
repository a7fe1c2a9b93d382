"""A cancelled MCP call stops its work, driven by the official Python MCP SDK.

Run by tests/mcp_hostile.rs; standalone:

    INFRARCH_BIN=target/debug/infrarch python tests/mcp/cancel_test.py

It builds a feature whose design takes a few seconds (a sharded BMAD PRD,
each shard with thousands of stated values, as many shards as it takes for
the build under test: a release build needs more), runs `design` with
`write` once to the end (the control: its time, the server's CPU time, a
document written, and another call answered meanwhile), then runs it again
and cancels it early through the SDK (which sends `notifications/cancelled`). The work
must stop, not just its answer: no document is written, and the server
spends far less CPU after the cancellation than the rest of the run needed.
Linux only (the server's CPU time comes from /proc).
"""

import asyncio
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

import anyio

import _harness
from _harness import BIN, check, connect, text_of

LINES = 3000
# The control run must last at least this long for a cancel to land part-way.
MIN_RUN = 2.0
MAX_SHARDS = 64


def build(root, shards):
    """A sharded PRD (`docs/prd/*.md`, feature = the project folder's name),
    each shard under the per-document budgets."""
    r = random.Random(7)
    lines = "\n".join(
        f"- Flow {i}: the order service handles {r.randint(1, 900)} requests per second "
        f"with p95 latency under {r.randint(100, 900)} ms and availability 99.9%."
        for i in range(LINES)
    )
    prd = root / "docs/prd"
    shutil.rmtree(prd, ignore_errors=True)
    prd.mkdir(parents=True)
    (prd / "index.md").write_text("# Big PRD\n\n## Non-functional requirements\n\n- Availability 99.9%.\n")
    for k in range(shards):
        (prd / f"flows-{k:03d}.md").write_text(f"# Flows {k}\n\n{lines}\n")


def server_pid():
    """The infrarch server this process started (its child)."""
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        if ppid == me and comm.startswith("infrarch"):
            return int(entry)
    return None


def cpu_seconds(pid):
    """User + system CPU time of the whole process (every thread)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def written(root):
    return sorted(p.name for p in root.rglob("big-infrastructure-architecture-*"))


def remove_written(root):
    for p in root.rglob("big-infrastructure-architecture-*"):
        p.unlink()


async def run(root):
    async with connect(root) as (session, _):
        pid = server_pid()
        check(pid is not None, "found the server process")
        args = {"feature": "big", "planning": "docs", "write": True}

        # The control: the whole run, with another call answered
        # meanwhile; grown until it lasts MIN_RUN seconds.
        shards = 4
        while True:
            build(root, shards)
            remove_written(root)
            cpu0 = cpu_seconds(pid)
            t0 = time.monotonic()
            slow = asyncio.ensure_future(session.call_tool("design", args))
            await asyncio.sleep(0.1)
            t1 = time.monotonic()
            r = await session.call_tool("list_features", {"planning": "docs"})
            other = time.monotonic() - t1
            check(not r.is_error, f"list_features during design: {text_of(r)}")
            r = await slow
            full = time.monotonic() - t0
            full_cpu = cpu_seconds(pid) - cpu0
            check(not r.is_error, f"control design: {text_of(r)[:300]}")
            check(len(written(root)) == 2, f"control wrote the pair: {written(root)}")
            if full >= MIN_RUN or shards >= MAX_SHARDS:
                break
            shards = min(MAX_SHARDS, int(shards * (MIN_RUN * 1.5) / max(full, 0.05)) + 1)
        check(full >= MIN_RUN, f"the control run took {full:.2f} s with {shards} shards: too quick to cancel part-way")
        check(other < full / 2, f"a quick call waited {other:.1f} s behind a {full:.1f} s one")
        remove_written(root)

        # The same call, cancelled early.
        after = min(0.5, full / 6)
        with anyio.move_on_after(after):
            await session.call_tool("design", args)
        cancelled_at = time.monotonic()
        cpu_at_cancel = cpu_seconds(pid)
        # Wait longer than the whole run took, then look.
        await asyncio.sleep(full * 1.5 + 1.0)
        cpu_after = cpu_seconds(pid) - cpu_at_cancel
        left = written(root)
        print(f"cancellation: {shards} PRD shards; full run {full:.2f} s wall / {full_cpu:.2f} s CPU; "
              f"cancelled after {after:.2f} s; server CPU in the {time.monotonic() - cancelled_at:.1f} s "
              f"after the cancel {cpu_after:.2f} s; files written by the cancelled call: {len(left)}; "
              f"a quick call answered in {other:.2f} s during the control run")
        check(left == [], f"the cancelled design wrote {left}")
        check(cpu_after < full_cpu / 2,
              f"the server kept working after the cancel: {cpu_after:.2f} s CPU vs {full_cpu:.2f} s for a whole run")

        # Still serving.
        r = await session.call_tool("list_features", {"planning": "docs"})
        check(not r.is_error, f"still serving after the cancel: {text_of(r)}")


def main():
    if not Path("/proc/self/stat").exists():
        print("skipped: no /proc to read the server's CPU time")
        return
    tmp = Path(tempfile.mkdtemp(prefix="infrarch-cancel-"))
    try:
        root = tmp / "big"
        root.mkdir()
        asyncio.run(run(root))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"ok: {_harness.checks} checks passed against {BIN}")


if __name__ == "__main__":
    _harness.run_main(main)
