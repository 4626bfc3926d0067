/**
 * The TextMate grammar (syntaxes/xlcfg.tmLanguage.json) must colour documents
 * the way xl reads them. The project's scanner (`tokenize`, a replica of
 * libxlu's flex scanner) is the reference for the lexical categories, and its
 * model of libxlu's Bison parser (`xlVerdict`, judged by the libxlu oracle)
 * says which names start a statement and which tokens are syntax errors.
 *
 * For every corpus file and every focused case:
 * - every STRING token is string.quoted.*, every comment is comment.*, every
 *   NUMBER is constant.numeric.*, every name at statement start is
 *   variable.other.key.xlcfg (innermost variable.other.property, so themes
 *   colour it as a property, not like the red strings of Light Modern) and
 *   its `=`/`+=` keyword.operator.assignment.*;
 * - the other way round, no character outside a STRING token is coloured as a
 *   string, none outside a comment as a comment (so `s = "a#b"` or an
 *   unterminated string cannot leak), none outside such a name as a key and
 *   none outside a NUMBER as a number;
 * - every lexical error is invalid.illegal.*, every syntax-error token except a
 *   line end is invalid.illegal.*, every backslash escape is
 *   constant.character.escape.* or invalid.illegal.escape.* as libxlu reads it,
 *   and a file that xl accepts has no invalid.* scope anywhere.
 *
 * Where the grammar knowingly differs from xl (no corpus file shows it): after
 * a lexical error that swallows a `]` inside a list, the next item is taken
 * for one that lacks its comma; a `;` right after a name or `=` is marked
 * only when no lexical error stands between them; a final comment without a
 * line break is a comment (xl rejects it); VS Code hands CRLF lines over
 * without their CR, so that xl error cannot be shown.
 *
 * Environment: XLCFG_CORPUS (see test/corpus.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { allKeyDocs } from '../../server/src/docs/keys';
import { tokenize } from '../../server/src/syntax/lexer';
import { readEscape } from '../../server/src/syntax/stringLiteral';
import { Token, TokenKind } from '../../server/src/syntax/tokens';
import { xlVerdict } from '../../server/src/syntax/xlVerdict';
import { corpusFiles } from '../corpus';

const root = process.cwd();
const GRAMMAR_PATH = join(root, 'syntaxes', 'xlcfg.tmLanguage.json');

const KEY = 'variable.other.key.xlcfg';

// ---------------------------------------------------------------------------
// Loading the grammar

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'source.xlcfg' ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
    });
    const grammar = await registry.loadGrammar('source.xlcfg');
    if (!grammar) throw new Error(`cannot load ${GRAMMAR_PATH}`);
    return grammar;
  })();
  return grammarPromise;
}

/** The scopes of every UTF-16 code unit of `text` (line breaks get none), tokenized line by line as VS Code does. */
function scopesPerChar(grammar: vsctm.IGrammar, text: string): string[][] {
  const out: string[][] = new Array(text.length);
  let stack = vsctm.INITIAL;
  let offset = 0;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, stack);
    for (const tok of r.tokens) {
      for (let i = tok.startIndex; i < Math.min(tok.endIndex, line.length); i++) out[offset + i] = tok.scopes;
    }
    stack = r.ruleStack;
    offset += line.length;
    if (offset < text.length) out[offset++] = [];
  }
  return out;
}

// ---------------------------------------------------------------------------
// What xl sees: tokens, statement starts and syntax errors

interface Expected {
  tokens: Token[];
  /** IDENT tokens that start a statement. */
  names: Set<Token>;
  /** The `=`/`+=` right after such a name. */
  ops: Set<Token>;
  /** Tokens at which libxlu's parser reports a syntax error. */
  syntaxErrors: Token[];
  /** [start, end) of every lexical error, without the blank or line break it swallows. */
  lexErrors: Array<[number, number]>;
  /** Backslash escapes in STRING tokens, as libxlu's unescaping reads them. */
  escapes: Escape[];
}

interface Escape {
  start: number;
  end: number;
  valid: boolean;
}

/** Every backslash escape of the string token text[start, end), each read as libxlu reads it (even after an invalid one). */
function escapesIn(text: string, start: number, end: number): Escape[] {
  const out: Escape[] = [];
  const stop = end - 1;
  for (let i = start + 1; i < stop; ) {
    if (text[i] !== '\\') {
      i++;
      continue;
    }
    const e = readEscape(text, i, stop, end);
    // An invalid escape is marked from its backslash and the character after it (how far xl's error reaches is the parser's business).
    out.push({ start: i, end: e.error ? i + 2 : e.end, valid: !e.error });
    i = e.end;
  }
  return out;
}

/**
 * What xl makes of the text: the scanner's tokens, and from xl's own parser
 * (xlVerdict, checked against libxlu by the oracle test) the names that start
 * statements, the assignment operators and the tokens where a syntax error is
 * found.
 */
function expectedFor(text: string, asEditorShowsIt = true): Expected {
  // The editor shows a missing final line break like any other line end (a
  // final comment is then a comment, which xl only accepts before a line break).
  const seen = asEditorShowsIt && !text.endsWith('\n') ? text + '\n' : text;
  const lexed = tokenize(seen);
  const verdict = xlVerdict(seen, lexed.tokens, { resumeAfterAbort: true });
  const tokens = lexed.tokens.toArray();
  const pick = (ks: number[]) => new Set(ks.map((k) => tokens[k]));
  const lex: Array<[number, number]> = [];
  for (const e of lexed.lexErrors) {
    if (e.ignoredAtEof) continue; // xl silently drops an invalid last byte
    let end = e.end;
    while (end > e.charEnd && /[ \t\n]/.test(text[end - 1] ?? '')) end--;
    lex.push([e.start, Math.min(end, text.length)]);
  }
  const escapes = tokens.filter((t) => t.kind === TokenKind.String).flatMap((t) => escapesIn(text, t.start, t.end));
  return { tokens, names: pick(verdict.statementNames), ops: pick(verdict.operators), syntaxErrors: [...pick(verdict.errorTokens)], lexErrors: lex, escapes };
}

/** xl accepts the document: no lexical, syntax or escape error. */
function accepted(exp: Expected): boolean {
  return exp.lexErrors.length === 0 && exp.syntaxErrors.length === 0 && exp.escapes.every((e) => e.valid);
}

// ---------------------------------------------------------------------------
// Comparing

interface Mismatch {
  offset: number;
  message: string;
}

interface Counts {
  strings: number;
  comments: number;
  numbers: number;
  names: number;
  ops: number;
  lexErrors: number;
  syntaxErrors: number;
  escapes: number;
}

const has = (scopes: string[] | undefined, prefix: string) => !!scopes && scopes.some((s) => s.startsWith(prefix));

function compare(text: string, scopes: string[][], counts?: Counts): Mismatch[] {
  const exp = expectedFor(text);
  const out: Mismatch[] = [];
  const n = text.length;
  // What each character is for xl.
  const kind = new Array<string | undefined>(n);
  const mark = (from: number, to: number, what: string) => {
    for (let i = from; i < Math.min(to, n); i++) kind[i] = what;
  };
  const want = (from: number, to: number, prefix: string, what: string, forbidden?: string) => {
    for (let i = from; i < Math.min(to, n); i++) {
      if (!has(scopes[i], prefix)) {
        out.push({ offset: i, message: `${what} is not coloured ${prefix}*` });
        return;
      }
      if (forbidden && has(scopes[i], forbidden)) {
        out.push({ offset: i, message: `${what} is coloured ${forbidden}*` });
        return;
      }
    }
  };
  for (const t of exp.tokens) {
    switch (t.kind) {
      case TokenKind.String:
        mark(t.start, t.end, 'string');
        want(t.start, t.end, 'string.quoted.', 'STRING', 'comment.');
        if (counts) counts.strings++;
        break;
      case TokenKind.Newline:
        if (text[t.start] === '#') {
          mark(t.start, t.end - 1, 'comment');
          want(t.start, t.end - 1, 'comment.line.number-sign.xlcfg', 'comment', 'string.');
          if (counts) counts.comments++;
        }
        break;
      case TokenKind.Number:
        mark(t.start, t.end, 'number');
        want(t.start, t.end, 'constant.numeric.', 'NUMBER');
        if (counts) counts.numbers++;
        break;
      case TokenKind.Ident:
        if (exp.names.has(t)) {
          mark(t.start, t.end, 'name');
          want(t.start, t.end, KEY, 'setting name');
          if (counts) counts.names++;
        }
        break;
      case TokenKind.Assign:
      case TokenKind.AddAssign:
        if (exp.ops.has(t)) {
          want(t.start, t.end, 'keyword.operator.assignment.', `'${text.slice(t.start, t.end)}'`);
          if (counts) counts.ops++;
        }
        break;
    }
  }
  for (const [start, end] of exp.lexErrors) {
    const quote = text[start] === '"' || text[start] === "'";
    want(start, end, quote ? 'invalid.illegal.unterminated-string.' : 'invalid.illegal.', quote ? 'unterminated string' : 'lexical error');
    if (counts) counts.lexErrors++;
  }
  for (const t of exp.syntaxErrors) {
    if (t.kind === TokenKind.Newline || t.kind === TokenKind.Eof) continue;
    want(t.start, t.end, 'invalid.illegal.', 'syntax error token');
    if (counts) counts.syntaxErrors++;
  }
  const inEscape = new Uint8Array(n);
  for (const e of exp.escapes) {
    if (e.valid) {
      inEscape.fill(1, e.start, Math.min(e.end, n));
      want(e.start, e.end, 'constant.character.escape.', `escape ${text.slice(e.start, e.end)}`);
    } else want(e.start, e.end, 'invalid.illegal.escape.', `escape ${text.slice(e.start, e.end)}`);
    if (counts) counts.escapes++;
  }
  const clean = accepted(exp);
  for (let i = 0; i < n; i++) {
    const s = scopes[i];
    if (has(s, 'string.') && kind[i] !== 'string') out.push({ offset: i, message: 'coloured as a string outside a STRING token' });
    else if (has(s, 'comment.') && kind[i] !== 'comment') out.push({ offset: i, message: 'coloured as a comment outside a comment' });
    else if (has(s, KEY) && kind[i] !== 'name') out.push({ offset: i, message: 'coloured as a setting name but is not one' });
    else if (has(s, 'constant.numeric.') && kind[i] !== 'number') out.push({ offset: i, message: 'coloured as a number outside a NUMBER token' });
    else if (has(s, 'constant.character.escape.') && !inEscape[i]) out.push({ offset: i, message: 'coloured as an escape but is none' });
    else if (clean && has(s, 'invalid.')) out.push({ offset: i, message: 'marked invalid in a file xl accepts' });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

function describe(label: string, text: string, scopes: string[][], m: Mismatch): string {
  const before = text.slice(0, m.offset);
  const line = before.split('\n').length;
  const col = m.offset - (before.lastIndexOf('\n') + 1) + 1;
  const lineText = text.split('\n')[line - 1];
  return (
    `${label}:${line}:${col}: ${m.message}\n` +
    `  line: ${JSON.stringify(lineText)}\n` +
    `  char: ${JSON.stringify(text[m.offset])}, scopes: ${(scopes[m.offset] ?? []).join(' ') || '(none)'}`
  );
}

async function check(label: string, text: string): Promise<string[][]> {
  const grammar = await loadGrammar();
  const scopes = scopesPerChar(grammar, text);
  const mismatches = compare(text, scopes);
  if (mismatches.length) {
    assert.fail(`${mismatches.length} mismatch(es); first:\n${describe(label, text, scopes, mismatches[0])}`);
  }
  return scopes;
}

// ---------------------------------------------------------------------------
// Corpus

test('grammar agrees with the scanner on every corpus file', async (t) => {
  // (libvirt's .xml partners are not configs.)
  const files = corpusFiles().filter((f) => !f.endsWith('.xml'));
  if (!files.length) {
    t.skip('corpus not found (set XLCFG_CORPUS)');
    return;
  }
  const grammar = await loadGrammar();
  const counts: Counts = { strings: 0, comments: 0, numbers: 0, names: 0, ops: 0, lexErrors: 0, syntaxErrors: 0, escapes: 0 };
  const failures: string[] = [];
  let total = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const scopes = scopesPerChar(grammar, text);
    const mismatches = compare(text, scopes, counts);
    total += mismatches.length;
    if (mismatches.length) failures.push(describe(file, text, scopes, mismatches[0]));
  }
  t.diagnostic(
    `${files.length} files: ${counts.strings} strings, ${counts.comments} comments, ${counts.numbers} numbers, ` +
      `${counts.names} setting names, ${counts.ops} assignment operators, ${counts.lexErrors} lexical errors, ` +
      `${counts.syntaxErrors} syntax-error tokens, ${counts.escapes} escapes checked`,
  );
  assert.equal(failures.length, 0, `${total} mismatch(es) in ${failures.length} file(s); first:\n${failures[0]}`);
});

test('the grammar knows exactly the documented setting names as well-known keys', () => {
  const grammar = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8'));
  const m = /^\(\?:\(([a-z0-9_|.]+)\)/.exec(grammar.repository.statement.begin as string);
  assert.ok(m, 'the statement rule begins with the alternation of known names');
  assert.deepEqual(m[1].split('|').sort(), allKeyDocs().map((d) => d.key).sort());
});

// ---------------------------------------------------------------------------
// Focused cases

/** Where to look for a needle: its n-th occurrence in the text, or in one line (1-based). */
type Where = number | { line: number; nth?: number };

function locate(text: string, needle: string, where: Where): number {
  const line = typeof where === 'number' ? 0 : where.line;
  const nth = typeof where === 'number' ? where : (where.nth ?? 0);
  let from = 0;
  let to = text.length;
  if (line > 0) {
    const lines = text.split('\n');
    assert.ok(line <= lines.length, `no line ${line}`);
    from = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    to = from + lines[line - 1].length;
  }
  let at = from - 1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0 && at + needle.length <= to, `${JSON.stringify(needle)} #${nth} not found${line ? ` in line ${line}` : ''}`);
  }
  return at;
}

/** The scopes every character of a needle has. */
function scopesOf(text: string, scopes: string[][], needle: string, where: Where): string[] {
  const at = locate(text, needle, where);
  let common = scopes[at] ?? [];
  for (let i = at + 1; i < at + needle.length; i++) common = common.filter((s) => (scopes[i] ?? []).includes(s));
  return common;
}

function assertScope(text: string, scopes: string[][], needle: string, scope: string, where: Where = 0): void {
  const s = scopesOf(text, scopes, needle, where);
  assert.ok(has(s, scope), `${JSON.stringify(needle)} should be ${scope}*, has ${s.join(' ')}`);
}

function assertNoScope(text: string, scopes: string[][], needle: string, scope: string, where: Where = 0): void {
  const s = scopesOf(text, scopes, needle, where);
  assert.ok(!has(s, scope), `${JSON.stringify(needle)} should not be ${scope}*, has ${s.join(' ')}`);
}

test('statements, operators, numbers and terminators', async () => {
  const text = 'name = "vm"\nmemory = 0x400\nvcpus=2;maxvcpus = 4 ;\n;;\nextra += "x"\nmy.own_key9 = 007\nc = 1e3\n';
  const scopes = await check('statements', text);
  assertScope(text, scopes, 'name', 'support.type.property-name.xlcfg');
  assertScope(text, scopes, 'name', KEY);
  assertScope(text, scopes, 'my.own_key9', KEY);
  assertNoScope(text, scopes, 'my.own_key9', 'support.type.property-name');
  assertScope(text, scopes, 'maxvcpus', KEY);
  assertScope(text, scopes, '0x400', 'constant.numeric.hex.xlcfg');
  assertScope(text, scopes, '007', 'constant.numeric.');
  assertScope(text, scopes, '1e3', 'constant.numeric.');
  assertScope(text, scopes, '+=', 'keyword.operator.assignment.');
  assertScope(text, scopes, ';', 'punctuation.terminator.statement.xlcfg');
  assertScope(text, scopes, ';;', 'punctuation.terminator.statement.xlcfg');
});

test('escapes in strings, valid and invalid', async () => {
  const text = [
    's = "a\\nb\\tc\\\\d\\"e\\\'f"',
    "q = 'x\\ay\\v\\\"'",
    't = "<\\x41>"',
    'u = "<\\q>" ; v = "<\\8>"',
    'w = "<\\101>"',
    'x = "<\\12>"',
    '',
  ].join('\n');
  const scopes = await check('escapes', text);
  for (const esc of ['\\n', '\\t', '\\\\', '\\"', "\\'", '\\a', '\\v']) {
    assertScope(text, scopes, esc, 'constant.character.escape.xlcfg');
  }
  assertScope(text, scopes, '\\x41', 'invalid.illegal.escape.xlcfg');
  assertScope(text, scopes, '\\q', 'invalid.illegal.escape.xlcfg');
  assertScope(text, scopes, '\\8', 'invalid.illegal.escape.xlcfg');
  assertScope(text, scopes, '\\101', 'constant.character.escape.octal.xlcfg');
  assertScope(text, scopes, '\\1', 'invalid.illegal.escape.xlcfg', 1);
  // An escaped quote does not end the string.
  assertScope(text, scopes, 'e', 'string.quoted.double.xlcfg');
});

test('an unterminated string does not leak into the next lines', async () => {
  const text = 's = "abc\nt = 1\nu = \'x\\\'\nv = "ok"\nw = "a\\\nz = 2 # c\n';
  const scopes = await check('unterminated', text);
  assertScope(text, scopes, '"abc', 'invalid.illegal.unterminated-string.xlcfg');
  assertScope(text, scopes, "'x\\'", 'invalid.illegal.unterminated-string.xlcfg');
  assertScope(text, scopes, '"a\\', 'invalid.illegal.unterminated-string.xlcfg');
  assertScope(text, scopes, 't', KEY);
  assertScope(text, scopes, 'v', KEY);
  assertScope(text, scopes, '"ok"', 'string.quoted.double.xlcfg');
  assertScope(text, scopes, 'z', KEY);
  assertScope(text, scopes, '# c', 'comment.line.number-sign.xlcfg');
  // The rest of the line after the broken string is what xl reads: words, a comment.
  const text2 = 's = "abc def # x\nt = 2\n';
  const scopes2 = await check('unterminated', text2);
  assertScope(text2, scopes2, '"abc', 'invalid.illegal.unterminated-string.xlcfg');
  assertScope(text2, scopes2, 'def', 'invalid.illegal.');
  assertScope(text2, scopes2, '# x', 'comment.');
  assertScope(text2, scopes2, 't', KEY);
});

test('# inside strings is not a comment', async () => {
  const text = 's = "a#b" # c\nt = \'#x\'#d\nl = [ "#1", \'#2\' ] # e\n';
  const scopes = await check('hash', text);
  assertScope(text, scopes, '"a#b"', 'string.quoted.double.xlcfg');
  assertNoScope(text, scopes, '#b', 'comment.');
  assertScope(text, scopes, "'#x'", 'string.quoted.single.xlcfg');
  assertScope(text, scopes, '#d', 'comment.');
  assertScope(text, scopes, '"#1"', 'string.quoted.double.xlcfg');
  assertScope(text, scopes, '# e', 'comment.');
});

test('comments and line breaks inside multi-line lists', async () => {
  const text = [
    'disk = [ # the disks',
    "    'phy:/dev/vg/root,xvda,w', # root",
    '',
    '    # swap comes next',
    "    'phy:/dev/vg/swap,xvdb,w'",
    '    , "format=raw,vdev=xvdc,target=/x"   ',
    ']',
    'memory = 512',
    '',
  ].join('\n');
  const scopes = await check('list comments', text);
  assertScope(text, scopes, '# the disks', 'comment.line.number-sign.xlcfg');
  assertScope(text, scopes, '# root', 'comment.');
  assertScope(text, scopes, '# swap comes next', 'comment.');
  assertScope(text, scopes, "'phy:/dev/vg/swap,xvdb,w'", 'string.quoted.single.xlcfg');
  assertScope(text, scopes, '[', 'punctuation.section.array.begin.xlcfg');
  assertScope(text, scopes, ']', 'punctuation.section.array.end.xlcfg');
  assertScope(text, scopes, '"format=raw,vdev=xvdc,target=/x"', 'string.quoted.double.xlcfg');
  assertScope(text, scopes, ',', 'punctuation.separator.array.xlcfg', { line: 6 });
  assertScope(text, scopes, 'memory', KEY);
});

test('nested lists', async () => {
  const text = 'vnuma = [ [ "pnode=0", "size=512" ], [ "a", [ "b", [ 1 ] ], [] ], ]\nl = [[1],[2]\n,[3]]\nzz = 1\n';
  const scopes = await check('nested', text);
  assertScope(text, scopes, '"pnode=0"', 'string.quoted.double.xlcfg');
  assertScope(text, scopes, 'pnode', 'variable.parameter.xlcfg');
  assertScope(text, scopes, '1', 'constant.numeric.', 1);
  assertScope(text, scopes, ']', 'punctuation.section.array.end.xlcfg', { line: 1, nth: 5 });
  assertScope(text, scopes, ',', 'punctuation.separator.array.xlcfg', { line: 3 });
  assertScope(text, scopes, 'zz', KEY);
});

test('a list ends at its ], even when more statements follow on that line', async () => {
  const text = ['a = [1]; b = 2', 'c = [', '  "x",', ']; d = [ 3,', '  4 ] # done', 'e = [ "y" ]', 'f = 5', ''].join('\n');
  const scopes = await check('list ends', text);
  assertScope(text, scopes, 'b', KEY);
  assertScope(text, scopes, ';', 'punctuation.terminator.statement.xlcfg', { line: 4 });
  assertScope(text, scopes, 'd', KEY, { line: 4 });
  assertScope(text, scopes, '4', 'constant.numeric.', { line: 5 });
  assertScope(text, scopes, '# done', 'comment.line.number-sign.xlcfg');
  assertScope(text, scopes, 'e', KEY, { line: 6 });
  assertScope(text, scopes, 'f', KEY, { line: 7 });
});

test('well-known setting names are told apart from other names', async () => {
  const text = 'memory = 512\nmemroy = 512\non_crash = "preserve"\non_crash_x = 1\n';
  const scopes = await check('known keys', text);
  assertScope(text, scopes, 'memory', 'support.type.property-name.xlcfg');
  assertScope(text, scopes, 'on_crash', 'support.type.property-name.xlcfg');
  for (const name of ['memroy', 'on_crash_x']) {
    assertScope(text, scopes, name, KEY);
    assertNoScope(text, scopes, name, 'support.type.property-name');
  }
});

test('channel and other spec strings show their key=value structure', async () => {
  const text = [
    'channel = [ "name=org.qemu.guest_agent.0,connection=socket,path=/run/x.sock",',
    "            'name=com.example.pty,connection=pty,backend=dom1' ]",
    'vif = [ "mac=00:16:3e:01:02:03, bridge=xenbr0" ]',
    'kernel = "/boot/vmlinuz"',
    'disk = [ "phy:/dev/vg/x,xvda,w" ]',
    '',
  ].join('\n');
  const scopes = await check('spec strings', text);
  for (const key of ['name', 'connection', 'path']) assertScope(text, scopes, key, 'variable.parameter.xlcfg', { line: 1 });
  assertScope(text, scopes, 'backend', 'variable.parameter.xlcfg');
  assertScope(text, scopes, 'bridge', 'variable.parameter.xlcfg');
  assertScope(text, scopes, '=', 'keyword.operator.xlcfg', 1);
  assertNoScope(text, scopes, '=', 'keyword.operator.assignment', 1);
  assertScope(text, scopes, ',', 'punctuation.separator.', 0);
  assertNoScope(text, scopes, 'org.qemu.guest_agent.0', 'variable.parameter');
  assertScope(text, scopes, 'org.qemu.guest_agent.0', 'string.quoted.double.xlcfg');
  assertNoScope(text, scopes, '/run/x.sock', 'variable.parameter');
  assertNoScope(text, scopes, '/boot/vmlinuz', 'variable.parameter');
  assertNoScope(text, scopes, '/boot/vmlinuz', 'punctuation.');
  assertScope(text, scopes, 'phy:/dev/vg/x', 'string.quoted.double.xlcfg');
  // The keys are still part of the string for themes that do not colour parameters.
  assertScope(text, scopes, 'connection', 'string.quoted.', 1);
});

test('what xl always rejects is marked invalid', async () => {
  const text = [
    'Memory = 1',
    'a = -1',
    'b = 1.5',
    'c = hello',
    'on-crash = "x"',
    'd = 1024M',
    'e = "x" "y"',
    'f 1',
    'g = { "k": 1 }',
    'h = 1\r',
    '',
  ].join('\n');
  const scopes = await check('invalid', text);
  assertScope(text, scopes, 'Memory', 'invalid.illegal.');
  assertScope(text, scopes, '-1', 'invalid.illegal.');
  assertScope(text, scopes, '.5', 'invalid.illegal.');
  assertScope(text, scopes, '1', 'constant.numeric.', 2);
  assertScope(text, scopes, 'hello', 'invalid.illegal.');
  assertScope(text, scopes, 'on', KEY);
  assertScope(text, scopes, '-crash', 'invalid.illegal.');
  assertScope(text, scopes, 'M', 'invalid.illegal.', { line: 6 });
  assertScope(text, scopes, '"y"', 'invalid.illegal.');
  assertScope(text, scopes, '"y"', 'string.quoted.double.xlcfg');
  assertScope(text, scopes, '1', 'invalid.illegal.', 4);
  assertScope(text, scopes, '{', 'invalid.illegal.');
  assertScope(text, scopes, '\r', 'invalid.illegal.');
});

test('syntax errors: xl skips the rest of the line, then reads statements again', async () => {
  const text = [
    'disk = [ "a"', // missing comma
    '         "b" ]',
    'l = [ "x",',
    'memory = 512', // the list was never closed: xl fails here and skips this line
    'vcpus = 2',
    'a = 1; b = = 2; c = 3',
    'd = 4',
    'e = [1; 2]',
    'f = [[1],',
    '     [2] x = 5',
    'g = 6',
    '',
  ].join('\n');
  const scopes = await check('recovery', text);
  assertScope(text, scopes, '"b"', 'invalid.illegal.');
  assertScope(text, scopes, ']', 'meta.discarded.xlcfg', { line: 2 });
  assertScope(text, scopes, 'memory', 'invalid.illegal.');
  assertNoScope(text, scopes, 'memory', KEY);
  assertScope(text, scopes, 'vcpus', KEY);
  assertScope(text, scopes, 'b', KEY, { line: 6 });
  assertScope(text, scopes, '=', 'invalid.illegal.', { line: 6, nth: 2 });
  assertScope(text, scopes, 'c', 'meta.discarded.xlcfg', { line: 6 });
  assertNoScope(text, scopes, 'c', KEY, { line: 6 });
  assertScope(text, scopes, 'd', KEY, { line: 7 });
  assertScope(text, scopes, ';', 'invalid.illegal.', { line: 8 });
  assertScope(text, scopes, 'x', 'invalid.illegal.', { line: 10 });
  assertScope(text, scopes, 'g', KEY, { line: 11 });
});

test('the comparison notices a grammar that disagrees with the scanner', async () => {
  // Self-test of the checker: scopes that colour a string's '#' as a comment,
  // drop a key and leak a string into the next line must all be reported.
  const text = 's = "a#b"\nt = 1\n';
  const grammar = await loadGrammar();
  const good = scopesPerChar(grammar, text);
  assert.equal(compare(text, good).length, 0);
  const bad = good.map((s) => s.slice());
  bad[text.indexOf('#')] = [...good[text.indexOf('#')], 'comment.line.number-sign.xlcfg'];
  bad[text.indexOf('t')] = ['source.xlcfg'];
  bad[text.indexOf('1')] = ['source.xlcfg', 'string.quoted.double.xlcfg'];
  const messages = compare(text, bad).map((m) => m.message);
  assert.ok(messages.some((m) => m.includes('STRING is coloured comment.')), messages.join('; '));
  assert.ok(messages.some((m) => m.includes('setting name is not coloured')), messages.join('; '));
  assert.ok(messages.some((m) => m.includes('coloured as a string outside')), messages.join('; '));
});

/** The foreground colour of every character of `line` under a theme (VS Code's default themes, test/unit/fixtures). */
async function colours(theme: { name: string; settings: unknown[] }, line: string): Promise<string[]> {
  const wasmReady = loadGrammar(); // loads oniguruma once
  await wasmReady;
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => (scopeName === 'source.xlcfg' ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null),
    theme: theme as vsctm.IRawTheme,
  });
  const grammar = (await registry.loadGrammar('source.xlcfg'))!;
  const map = registry.getColorMap();
  const r = grammar.tokenizeLine2(line, vsctm.INITIAL);
  const out: string[] = [];
  for (let i = 0; i < r.tokens.length; i += 2) {
    const end = i + 2 < r.tokens.length ? r.tokens[i + 2] : line.length;
    const fg = map[(r.tokens[i + 1] & 0xff8000) >>> 15].toLowerCase();
    for (let c = r.tokens[i]; c < end; c++) out[c] = fg;
  }
  return out;
}

/** Hue (degrees) and lightness (0-1) of #rrggbb. */
function hueAndLightness(hex: string): { hue: number; lightness: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  const hue = d === 0 ? 0 : max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { hue: hue * 60, lightness: (max + min) / 2 };
}

/** Two colours a reader tells apart: hues at least 40 degrees apart, or clearly lighter/darker (not two reds). */
function distinct(a: string, b: string): boolean {
  const x = hueAndLightness(a);
  const y = hueAndLightness(b);
  const dh = Math.min(Math.abs(x.hue - y.hue), 360 - Math.abs(x.hue - y.hue));
  return dh >= 40 || Math.abs(x.lightness - y.lightness) >= 0.3;
}

test('in the default themes, setting names are not coloured like string values (Light Modern made both red)', async () => {
  const fixture = JSON.parse(readFileSync(join(root, 'test/unit/fixtures/default-themes.json'), 'utf8')) as { themes: Record<string, unknown[]> };
  const line = 'memory = "x" ; frobnicate = "y" ; vif = [ "bridge=xenbr0" ]';
  for (const [name, settings] of Object.entries(fixture.themes)) {
    const c = await colours({ name, settings }, line);
    const at = (needle: string) => c[line.indexOf(needle)];
    const string = at('x"');
    assert.ok(distinct(at('memory'), string), `${name}: a known setting name (${at('memory')}) is coloured like a string (${string})`);
    assert.ok(distinct(at('frobnicate'), string), `${name}: another setting name (${at('frobnicate')}) is coloured like a string (${string})`);
    assert.equal(at('memory'), at('frobnicate'), `${name}: setting names share one colour (the diagnostics tell the unknown ones)`);
    assert.ok(distinct(at('bridge'), string), `${name}: a spec key inside a string stands out`);
    assert.equal(at('xenbr0'), string, `${name}: a spec value is a string`);
  }
});
