"""The confirm step over MCP with the official Python SDK (run by
tests/confirm_roundtrip.rs): `requirements` writes and returns the confirm
file, an edited file is sent back, `design` uses the edit; `design` also takes
structured values, and a value of the wrong type is refused by the schema.
"""

import asyncio
import os
from pathlib import Path

import _harness
from _harness import check, connect, structured, text_of

PROJECT = Path(os.environ["INFRARCH_PROJECT"])
CONFIRM = "docs/planning/architecture/infrastructure/lending-requirements.toml"


def governing(model, kind):
    for r in model["requirements"]:
        if r["kind"] == kind and r.get("primary"):
            return r
    return None


async def main():
    async with connect(PROJECT) as (session, _):
        tools = {t.name: t for t in (await session.list_tools()).tools}
        props = tools["design"].input_schema.get("properties", {})
        check("values" in props, f"design schema has values: {sorted(props)}")

        r = await session.call_tool("requirements", {"feature": "lending", "write": True})
        check(not r.is_error, f"requirements write failed: {text_of(r)}")
        data = structured(r)
        conf = data["confirm"]
        check(conf["schema"] == "infrarch.confirmed/v1", f"confirm schema {conf}")
        check(data["confirm_path"] == CONFIRM, data["confirm_path"])
        check((PROJECT / CONFIRM).is_file(), "confirm file written")
        avail = [v for v in conf["value"] if v["kind"] == "availability"][0]
        check(avail["value"] == 99.9 and avail["status"] == "extracted", f"{avail}")

        # Writing again would lose edits: a tool error, file kept.
        r = await session.call_tool("requirements", {"feature": "lending", "write": True})
        check(r.is_error is True and "force" in text_of(r), text_of(r))

        # The edited file goes back; replacing needs force, a backup is kept.
        avail["value"] = 99.95
        avail["status"] = "confirmed"
        r = await session.call_tool("requirements", {"feature": "lending", "confirm": conf, "force": True})
        check(not r.is_error, f"confirm failed: {text_of(r)}")
        check(structured(r)["confirm_backup"] == CONFIRM + ".bak-1", f"{structured(r).get('confirm_backup')}")
        check("value = 99.95" in (PROJECT / CONFIRM).read_text(), "edit saved")

        r = await session.call_tool("design", {"feature": "lending"})
        check(not r.is_error, f"design failed: {text_of(r)}")
        a = governing(structured(r), "availability")
        check(a is not None and a["value"] == 99.95, f"design uses the confirmed value: {a}")

        # Structured values from an IDE's model govern over both.
        r = await session.call_tool("design", {"feature": "lending", "values": [
            {"kind": "rto", "value": 900, "status": "confirmed", "source": "ide"},
            {"kind": "latency", "value": 250, "percentile": 95, "status": "confirmed"},
        ]})
        check(not r.is_error, f"design with values failed: {text_of(r)}")
        m = structured(r)
        check(governing(m, "rto")["value"] == 900, f"rto {governing(m, 'rto')}")
        check(governing(m, "latency")["value"] == 250, f"latency {governing(m, 'latency')}")

        # A label where a number belongs is refused, not designed on.
        r = await session.call_tool("design", {"feature": "lending", "values": [
            {"kind": "availability", "value": "high", "status": "confirmed"},
        ]})
        check(r.is_error is True and "needs a number" in text_of(r), text_of(r))
        # A field outside the schema is refused before the tool runs.
        try:
            r = await session.call_tool("design", {"feature": "lending", "values": [
                {"kind": "rto", "value": 1, "status": "maybe"},
            ]})
            check(r.is_error is True, "unknown status refused")
        except Exception as e:  # a JSON-RPC invalid-params error
            check("status" in str(e) or "variant" in str(e), str(e))
    print(f"{_harness.checks} confirm checks passed")


if __name__ == "__main__":
    _harness.run_main(lambda: asyncio.run(main()))
