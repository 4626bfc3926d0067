/**
 * The fuzzer behind `npm run fuzz` and the short CI fuzz test.
 *
 * Document mode: structure-aware documents (tokens, channel strings, escapes,
 * stray bytes, NUL, invalid UTF-8, deep nesting, 1 MB lines, CRLF) and
 * mutations of real configs. For each: parse, check, preview and every
 * offered quick fix must not throw; every applied fix must re-parse, remove
 * its diagnostic and keep its edits inside the document. On failure: the
 * seed, the document index and the smallest input that still fails.
 *
 * Server mode: hostile traffic to the running language server (malformed
 * JSON-RPC, unknown methods, positions out of range, edits to unopened
 * documents, huge documents, rapid open/close). It must keep answering.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { checkText, checkTree } from '../../server/src/check';
import { applyEdits } from '../../server/src/check/edit';
import { fixesFor } from '../../server/src/check/fixes';
import { decodeBytes } from '../../server/src/cli/readDocument';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { previewModel } from '../../server/src/render/previewDocument';
import type { SyntaxTree } from '../../server/src/syntax/cst';
import { diffTexts, reparse } from '../../server/src/syntax/incremental';
import { parse } from '../../server/src/syntax/parser';
import { generateDocument, mutate, Rng } from '../oracle/generate';
import { shrink } from '../oracle/compare';

const VERSIONS = ['4.20', '4.17', '4.10', '4.5.0', '4.18.0', 'seed-2014', '4.21'].map((v) => parseXenVersion(v)!);
const DIALECTS = ['auto', 'upstream', 'seed'] as const;

const CHANNEL_PIECES = ['name=org.example.a.0', 'name=', 'name= ', 'Name=x', '=v', 'connection=pty', 'connection=socket', 'connection=PTY', 'connection=file', 'type=none', 'type=path', 'type=pty', 'type=socket', 'type=file', 'path=/run/x.sock', 'path=rel.sock', 'path=/a=b', 'path=/' + 'p'.repeat(120), 'backend=0', 'backend=dd', 'backend=my dom', 'oops', '', ' ', '\\t', '\\"', "\\'", 'x\\q'];

/** A document centred on channel strings (the heart of the rules). */
function channelDocument(r: Rng): string {
  const items: string[] = [];
  const n = r.int(6);
  for (let i = 0; i < n; i++) {
    const k = r.int(5);
    const pieces: string[] = [];
    for (let j = 0; j < k; j++) pieces.push(r.pick(CHANNEL_PIECES));
    const q = r.chance(0.8) ? '"' : "'";
    items.push(r.chance(0.05) ? '[ "x" ]' : r.chance(0.05) ? String(r.int(9)) : q + pieces.join(r.chance(0.9) ? ',' : ',,') + q);
  }
  const op = r.chance(0.2) ? '+=' : '=';
  const head = r.chance(0.5) ? `name = "vm${r.int(99)}"\n` : '';
  const type = r.chance(0.5) ? `type = "${r.pick(['pv', 'pvh', 'hvm', 'x', ''])}"\n` : '';
  const directive = r.chance(0.2) ? `# xlcfg: xen=${r.pick(['4.11', 'seed-2014', '4.18.0', 'banana'])}\n` : '';
  const list = r.chance(0.1) ? items[0] ?? '""' : `[ ${items.join(r.chance(0.2) ? ',\n  ' : ', ')}${r.chance(0.2) ? ',' : ''} ]`;
  return `${directive}${head}${type}channel ${op} ${list}\n${r.chance(0.3) ? 'channel += [ "name=z.z.0,connection=pty" ]\n' : ''}`;
}

export function fuzzDocument(seed: number, i: number, corpus: Buffer[]): Buffer {
  const r = new Rng((seed ^ 0x9e3779b9) + i * 2654435761);
  const kind = r.int(10);
  if (kind < 4) {
    let doc: Buffer = Buffer.from(channelDocument(r), 'utf8');
    if (r.chance(0.3)) doc = mutate(r, doc);
    return doc;
  }
  if (kind < 5 && corpus.length) return mutate(r, r.pick(corpus));
  if (kind < 6 && r.chance(0.02)) return Buffer.from('x = "' + 'y'.repeat(1_000_000) + '"\n'); // a 1 MB line
  return generateDocument(seed, i, { corpus });
}

/** An offset of the edited text, as an offset of the original (text inserted by an edit maps to its start). */
function mapBack(edits: Array<{ start: number; end: number; newText: string }>, x: number): number {
  let delta = 0;
  for (const e of edits) {
    const newStart = e.start + delta;
    if (x < newStart) return x - delta;
    if (x < newStart + e.newText.length) return e.start;
    delta += e.newText.length - (e.end - e.start);
  }
  return x - delta;
}

/** Everything that must hold for one document; returns the first failure, or undefined. */
export function fuzzOne(doc: Buffer, pick = 0): string | undefined {
  try {
    const { text, bytes } = decodeBytes(doc);
    const options = { xen: VERSIONS[pick % VERSIONS.length], dialect: DIALECTS[pick % DIALECTS.length] };
    const checked = checkText(text, options, { bytes });
    previewModel(checked.model, { xen: checked.options.xen, dialect: checked.options.dialect, domid: pick % 2 ? 7 : undefined });
    void checked.tree.verdict;
    // Incremental reparsing after an edit gives the tree a full parse gives.
    if (checked.tree.maxDepth < 500 && text.length < 300_000) {
      const at = (pick * 7919) % (text.length + 1);
      const edited = text.slice(0, at) + ['\n', '"', ' = ', '[', ']', ',', 'x', ''][pick % 8] + text.slice(Math.min(text.length, at + (pick % 3)));
      const base = parse(text, { bytes });
      const before = checkTree(base, options);
      const change = diffTexts(text, edited);
      const re = change ? reparse(base, edited, { bytes }, change) : base;
      const full = parse(edited, { bytes });
      const view = (t: SyntaxTree) => JSON.stringify([t.tokens.toArray(), t.statements, t.comments, t.problems, t.boundaries]);
      if (view(re) !== view(full)) return `reparse: differs from a full parse after an edit at ${at}`;
      // (The edited version takes the unchanged channels over from the version before.)
      if (JSON.stringify(checkTree(re, options, change && { checked: before, change }).diagnostics) !== JSON.stringify(checkTree(full, options).diagnostics)) return `reparse: the diagnostics of the edited version differ from a fresh check after an edit at ${at}`;
    }
    const targets = checked.diagnostics.slice(0, 12);
    for (const d of targets) {
      for (const snippets of [false, true]) {
        for (const fix of fixesFor(d, checked, { snippets })) {
          const edits = [...fix.edits].sort((a, b) => a.start - b.start);
          for (let k = 0; k < edits.length; k++) {
            const e = edits[k];
            if (!(0 <= e.start && e.start <= e.end && e.end <= text.length)) return `${d.code}: fix "${fix.title}" edits outside the document (${e.start}-${e.end} of ${text.length})`;
            if (k > 0 && edits[k - 1].end > e.start) return `${d.code}: fix "${fix.title}" has overlapping edits`;
          }
          if (snippets) continue; // snippet text is re-checked in its plain form
          const out = applyEdits(text, fix.edits);
          const after = checkText(out, options, { bytes });
          // The targeted diagnostic is still there if one of the same rule starts
          // at the same place of the original text (mapped back through the edits).
          const still = after.diagnostics.find((x) => x.code === d.code && mapBack(edits, x.start) === d.start);
          if (still) return `${d.code}: fix "${fix.title}" leaves its diagnostic in place`;
        }
      }
    }
    return undefined;
  } catch (e) {
    return `threw: ${(e as Error).stack ?? e}`;
  }
}

export interface FuzzReport {
  count: number;
  seed: number;
  failures: Array<{ index: number; message: string; smallest: string }>;
  ms: number;
}

export function fuzzDocuments(seed: number, count: number, corpus: Buffer[], onProgress?: (done: number) => void, start = 0): FuzzReport {
  const t0 = Date.now();
  const failures: FuzzReport['failures'] = [];
  let i = start;
  for (; i < start + count && failures.length < 3; i++) {
    const doc = fuzzDocument(seed, i, corpus);
    const msg = fuzzOne(doc, i);
    if (msg) {
      const kind = msg.split(':')[0];
      const small = shrink(doc, (cands) => cands.findIndex((c) => (fuzzOne(c, i) ?? '').split(':')[0] === kind), 200);
      failures.push({ index: i, message: fuzzOne(small, i) ?? msg, smallest: JSON.stringify(small.toString('latin1')) });
    }
    if (onProgress && i % 10000 === 9999) onProgress(i + 1);
  }
  return { count: i - start, seed, failures, ms: Date.now() - t0 };
}

// --- server mode --------------------------------------------------------------------------------

function frame(body: string): Buffer {
  const b = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`), b]);
}

/**
 * Sends hostile traffic and checks, after every burst, that the server still
 * answers a request. Returns failures (empty when the server survived).
 */
export async function fuzzServer(serverJs: string, seed: number, rounds: number): Promise<string[]> {
  const r = new Rng(seed);
  const proc: ChildProcess = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = Buffer.alloc(0);
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out = Buffer.concat([out, d]).subarray(-1_000_000)));
  proc.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  const failures: string[] = [];
  let exited = false;
  proc.on('exit', (code) => {
    exited = true;
    failures.push(`server exited with ${code}`);
  });
  const send = (b: Buffer | string) => {
    if (!exited) proc.stdin!.write(b);
  };
  let id = 1000;
  const alive = async (): Promise<boolean> => {
    const myId = ++id;
    send(frame(JSON.stringify({ jsonrpc: '2.0', id: myId, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///alive.cfg' }, position: { line: 0, character: 0 } } })));
    for (let k = 0; k < 200; k++) {
      if (out.includes(`"id":${myId}`)) return true;
      if (exited) return false;
      await new Promise((res) => setTimeout(res, 25));
    }
    return false;
  };
  // Every other seed, a client that pulls diagnostics (as VS Code does) and asks for them among the other requests.
  const pulls = seed % 2 === 0;
  const capabilities = pulls ? { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } } : {};
  send(frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities } })));
  send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} })));
  send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///alive.cfg', languageId: 'xlcfg', version: 1, text: 'name = "a"\n' } } })));
  const methods = ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'xlcfg/preview', 'no/such/method', 'textDocument/definition', ...(pulls ? ['textDocument/diagnostic', 'textDocument/diagnostic'] : [])];
  for (let round = 0; round < rounds && !exited; round++) {
    const uri = `file:///fuzz${r.int(5)}.cfg`;
    const bigPos = () => ({ line: r.pick([0, 1, -1, 1e9, 2 ** 31]), character: r.pick([0, 5, -3, 1e9]) });
    switch (r.int(10)) {
      case 9: {
        // Broken frames: a body shorter than its Content-Length then stray bytes, an invalid header, a length no body reaches, junk (the server must find the next message again).
        const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'xlcfg', version: 1, text: 'memory = 1\n' } } });
        const cut = body.slice(0, r.int(body.length));
        send(
          r.pick([
            `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${cut}${r.pick(['', 'stray', '\u0000\r\n', '}}}}'])}`,
            'Content-Lenght: 12\r\n\r\n',
            `Content-Length: ${r.pick([-1, 1e15, 'x'])}\r\n\r\n${cut}`,
            `Content-Length: 999999999\r\n\r\n${cut}`,
            Buffer.alloc(r.int(100_000), r.pick(['x', '\r\n', 'Content-Length: '])),
          ]),
        );
        break;
      }
      case 0:
        // Malformed JSON-RPC in well-formed frames.
        send(r.pick([frame('{not json'), frame('[]'), frame('null'), frame('{"jsonrpc":"2.0","id":"q","method":5}'), frame('{"jsonrpc":"2.0","id":7}'), frame('{"jsonrpc":"1.0","method":"textDocument/hover"}'), frame('{"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":"x"}')]));
        break;
      case 1:
        send(frame(JSON.stringify({ jsonrpc: '2.0', id: ++id, method: r.pick(methods), params: { textDocument: { uri }, position: bigPos(), range: { start: bigPos(), end: bigPos() }, context: { diagnostics: [] }, previousResultId: r.pick([undefined, '1', String(r.int(50)), 5, {}]) } })));
        break;
      case 2:
        send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: r.int(100) }, contentChanges: [{ range: { start: bigPos(), end: bigPos() }, text: r.pick(['x', '\u0000', '"', '[\n'.repeat(50)]) }] } })));
        break;
      case 3: {
        const text = fuzzDocument(seed, round, []).toString('latin1');
        send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'xlcfg', version: 1, text } } })));
        break;
      }
      case 4:
        send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri } } })));
        break;
      case 5:
        send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'xlcfg', version: 1, text: 'channel = [ "' + 'a,'.repeat(200000) + '" ]\n' } } })));
        break;
      case 6:
        send(frame(JSON.stringify({ jsonrpc: '2.0', id: ++id, method: 'xlcfg/preview', params: r.pick([{}, { uri }, { uri, domid: -5, xen: 'banana' }, null]) })));
        break;
      case 7:
        send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: r.pick([null, { xlcfg: { rules: 5, xen: { version: {} } } }, { xlcfg: { channel: { dialect: 'nonsense' } } }]) } })));
        break;
      default:
        for (let k = 0; k < 20; k++) {
          send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'xlcfg', version: k, text: 'a = 1\n' } } })));
          send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri } } })));
        }
    }
    if (round % 25 === 24 && !(await alive())) failures.push(`server stopped answering after round ${round} (seed ${seed}); its stderr ends with: ${err}`);
    if (failures.length) break;
  }
  if (!exited && !(await alive())) failures.push(`server stopped answering at the end (seed ${seed})`);
  proc.kill();
  return failures;
}
