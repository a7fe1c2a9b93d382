"""What every MCP client script here shares: the binary under test, counted
checks, reading a tool result, a session against `infrarch mcp --root`, and a
main that reports a failed check in one line.

The scripts are run as `python tests/mcp/X.py`, so this folder is on sys.path
and `import _harness` finds this file.
"""

import json
import os
import sys
from contextlib import asynccontextmanager

from mcp import ClientSession, StdioServerParameters, stdio_client

BIN = os.environ["INFRARCH_BIN"]

checks = 0


def check(cond, what):
    """One counted check; a failure raises with `what` as the message."""
    global checks
    checks += 1
    if not cond:
        raise AssertionError(what)


def text_of(result):
    return "".join(getattr(c, "text", "") for c in result.content)


def structured(result):
    data = result.structured_content
    if data is None:  # a client on an older protocol gets the JSON as text
        data = json.loads(text_of(result))
    return data


@asynccontextmanager
async def connect(root):
    """An initialised session with `infrarch mcp --root root` (its log
    discarded), yielded with the initialize result."""
    params = StdioServerParameters(command=BIN, args=["mcp", "--root", str(root)])
    with open(os.devnull, "w") as devnull:
        async with stdio_client(params, errlog=devnull) as (read, write):
            async with ClientSession(read, write) as session:
                init = await session.initialize()
                yield session, init


def run_main(main):
    """Run `main()`; a failed check prints one line and exits 1."""
    try:
        main()
    except BaseException as e:  # anyio wraps failures in exception groups
        while isinstance(e, BaseExceptionGroup) and len(e.exceptions) == 1:
            e = e.exceptions[0]
        if not isinstance(e, AssertionError):
            raise
        print(f"FAILED after {checks} checks: {e}", file=sys.stderr)
        sys.exit(1)
