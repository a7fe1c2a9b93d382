// Parses every ```mermaid block of the Markdown files given as arguments with
// the real Mermaid parser, so a diagram GitHub would refuse fails the build.
// Mermaid expects a browser (DOMPurify, document); jsdom provides one.
//
// Output: one line per block, `OK <file>:<line>` or `FAIL <file>:<line>: <error>`.
// Exit status: 0 all parsed, 1 some failed, 2 usage or setup error.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs FILE.md...');
  process.exit(2);
}

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
// Globals Mermaid and DOMPurify look up; `navigator` is a read-only getter on
// newer Node, hence defineProperty.
for (const name of ['window', 'document', 'Element', 'HTMLElement', 'SVGElement', 'Node', 'DOMParser', 'MutationObserver']) {
  Object.defineProperty(globalThis, name, { value: dom.window[name] ?? dom.window, configurable: true, writable: true });
}
Object.defineProperty(globalThis, 'window', { value: dom.window, configurable: true, writable: true });
Object.defineProperty(globalThis, 'navigator', { value: dom.window.navigator, configurable: true, writable: true });

const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

/** Mermaid blocks of a Markdown text with the 1-based line of their opening fence. */
function blocks(text) {
  const out = [];
  const lines = text.split('\n');
  let open = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (open === null) {
      const m = /^(\s*)(```+|~~~+)\s*mermaid\s*$/.exec(line);
      if (m) open = { fence: m[2], line: i + 1, body: [] };
    } else if (line.trim().startsWith(open.fence) && line.trim().replace(/[`~]/g, '') === '') {
      out.push({ line: open.line, text: open.body.join('\n') });
      open = null;
    } else {
      open.body.push(line);
    }
  }
  if (open !== null) out.push({ line: open.line, text: open.body.join('\n'), unclosed: true });
  return out;
}

let failed = 0;
let total = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    process.exit(2);
  }
  for (const block of blocks(text)) {
    total++;
    if (block.unclosed) {
      failed++;
      console.log(`FAIL ${file}:${block.line}: unclosed code fence`);
      continue;
    }
    try {
      await mermaid.parse(block.text);
      console.log(`OK ${file}:${block.line}`);
    } catch (e) {
      failed++;
      const msg = String(e?.message ?? e).replace(/\s+/g, ' ').trim();
      console.log(`FAIL ${file}:${block.line}: ${msg}`);
    }
  }
}
console.log(`mermaid blocks: ${total - failed} ok, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
