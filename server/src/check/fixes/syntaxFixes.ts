/**
 * Quick fixes for the syntax rules: pure functions of a diagnostic and the
 * checked document (its text and syntax tree). Each fix changes only the
 * bytes it must; a fix is offered only when the result is well-formed as far
 * as that problem goes (e.g. a name is lowercased only when the result is a
 * valid name).
 */
import { getKeyDoc, hasEnumeratedValues } from '../../docs/keys';
import type { ListNode, Statement, SyntaxTree, ValueNode } from '../../syntax/cst';
import { decodeString, encodeString } from '../../syntax/stringLiteral';
import { TokenKind } from '../../syntax/tokens';
import type { CheckedDocument } from '../index';
import type { Diagnostic } from '../diagnostic';
import type { Fix, TextEdit } from '../edit';

/** A valid setting name (libxlu's IDENT). */
const NAME = /^[a-z][._0-9a-z]*$/;

/** Characters that end a bare word in value position: blanks, structure, quotes, comments. */
function endsWord(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '[' || c === ']' || c === ';' || c === '#' || c === '=' || c === '"' || c === "'";
}

/** The bare word starting at `start` (up to a blank or a structural character). */
function wordAt(text: string, start: number): { start: number; end: number; text: string } {
  let end = start;
  while (end < text.length && !endsWord(text[end])) end++;
  return { start, end, text: text.slice(start, end) };
}

/** A double-quoted xl.cfg string whose value is `s`. */
export function quoteValue(s: string): string {
  return `"${encodeString(s, '"')}"`;
}

/**
 * An unterminated string earlier on the line would pair up with a quote we
 * add, so fixes that add quotes are not offered after one.
 */
function afterOpenQuote(tree: SyntaxTree, offset: number): boolean {
  return tree.problems.some((p) => p.code === 'syntax-unterminated-string' && p.start < offset && !tree.text.slice(p.start, offset).includes('\n'));
}

export function syntaxFixes(d: Diagnostic, doc: CheckedDocument): Fix[] {
  const text = doc.tree.text;
  const addsQuotes = d.code === 'syntax-unquoted-word' || d.code === 'syntax-invalid-character' || d.code === 'syntax-number-format';
  if (addsQuotes && afterOpenQuote(doc.tree, d.start)) return [];
  switch (d.code) {
    case 'syntax-crlf':
      return crlfFix(doc.tree);
    case 'syntax-comment-at-eof':
      return [{ title: 'Add a newline at the end of the file', edits: [{ start: text.length, end: text.length, newText: '\n' }], preferred: true }];
    case 'syntax-bom':
      return text.charCodeAt(0) === 0xfeff ? [{ title: 'Remove the byte order mark', edits: [{ start: 0, end: 1, newText: '' }], preferred: true }] : [];
    case 'syntax-ignored-last-byte':
      return d.end > d.start ? [{ title: `Remove the stray '${text.slice(d.start, d.end)}' at the end of the file`, edits: [{ start: d.start, end: d.end, newText: '' }], preferred: true }] : [];
    case 'syntax-uppercase-name':
      return uppercaseNameFix(text, d);
    case 'syntax-unquoted-word':
      return quoteWordFix(doc.tree, d.start);
    case 'syntax-invalid-character':
      return quoteWordFix(doc.tree, d.start, true);
    case 'syntax-number-format':
      return numberFormatFix(doc.tree, d);
    case 'syntax-unclosed-list':
      return unclosedListFix(doc.tree, d);
    case 'syntax-expected-end':
      // `memory = 4gb`: a unit glued to the number.
      return d.start > 0 && /[0-9]/.test(text[d.start - 1]) ? unitSuffixFix(doc.tree, d) : [];
    case 'syntax-invalid-escape':
      return invalidEscapeFix(doc.tree, d);
    case 'syntax-unterminated-string':
      return unterminatedStringFix(text, d);
    case 'syntax-nul-in-string':
      if (text.charCodeAt(d.start) === 0) return [{ title: 'Remove the NUL byte', edits: [{ start: d.start, end: d.start + 1, newText: '' }], preferred: true }];
      // An escaped NUL goes with its backslash (left alone, the backslash would escape what follows: the closing quote, say).
      return text.charCodeAt(d.start) === 0x5c && text.charCodeAt(d.start + 1) === 0 ? [{ title: 'Remove the NUL byte and the backslash before it', edits: [{ start: d.start, end: d.start + 2, newText: '' }], preferred: true }] : [];
    default:
      return [];
  }
}

/**
 * Every CR LF becomes LF; every lone CR the rule reports (outside strings and
 * comments) becomes LF. Each edit replaces the whole CR LF pair: editors
 * cannot address the point between CR and LF.
 */
function crlfFix(tree: SyntaxTree): Fix[] {
  const { text } = tree;
  const edits: TextEdit[] = [];
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === 0x0a) edits.push({ start: i, end: i + 2, newText: '\n' });
  }
  for (const p of tree.problems) {
    if (p.code === 'syntax-crlf' && text.charCodeAt(p.start) === 0x0d && text.charCodeAt(p.start + 1) !== 0x0a) edits.push({ start: p.start, end: p.start + 1, newText: '\n' });
  }
  if (!edits.length) return [];
  edits.sort((a, b) => a.start - b.start);
  return [{ title: 'Convert the line endings to LF (whole file)', edits, preferred: true }];
}

function uppercaseNameFix(text: string, d: Diagnostic): Fix[] {
  const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(d.start, d.end));
  if (!m) return [];
  const lower = m[0].toLowerCase();
  if (!NAME.test(lower)) return [];
  // Only when the name is followed by something that can follow a name.
  const after = d.start + m[0].length;
  const next = text[after];
  const fine = next === undefined || next === ' ' || next === '\t' || next === '=' || next === '\n' || next === '\r' || next === ';' || text.startsWith('+=', after);
  if (!fine) return [];
  return [{ title: `Rename to '${lower}'`, edits: [{ start: d.start, end: after, newText: lower }], preferred: getKeyDoc(lower) !== undefined }];
}

/** The name of the statement a value offset belongs to (the last statement starting before it). */
function keyAt(tree: SyntaxTree, offset: number): string | undefined {
  let name: string | undefined;
  for (const s of tree.statements) {
    if (s.start > offset) break;
    name = s.name?.text;
  }
  return name;
}

/** `key = ` (or `key += `) right before the offset on its line: the offset starts a direct (non-list) value. */
function directValueKey(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*([a-z][a-z0-9_.]*)[ \t]*\+?=[ \t]*$/.exec(text.slice(lineStart, offset))?.[1];
}

/**
 * Quotes a bare value starting at `start`. A direct value runs to the end of
 * the line (before a comment or ';'), so `extra = console=hvc0 quiet` becomes
 * one string; a list item is one word. When the key takes one of a fixed set
 * of values and the word is one of them in another case, the canonical
 * spelling is written (`type = HVM` -> `type = "hvm"`).
 */
function quoteWordFix(tree: SyntaxTree, start: number, onlyDirect = false): Fix[] {
  const { text } = tree;
  const direct = directValueKey(text, start);
  if (onlyDirect && !direct) return [];
  let w = wordAt(text, start);
  if (direct) {
    let end = start;
    while (end < text.length && !'#;\n\r'.includes(text[end])) end++;
    while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    const rest = text.slice(start, end);
    if (!/["']/.test(rest)) w = { start, end, text: rest };
  }
  if (!w.text) return [];
  let value = w.text;
  const doc = getKeyDoc(direct ?? keyAt(tree, start) ?? '');
  if (doc && hasEnumeratedValues(doc)) value = doc.values.find((v) => v.toLowerCase() === value.toLowerCase()) ?? value;
  const quoted = quoteValue(value);
  return [{ title: `Quote it: ${quoted}`, edits: [{ start: w.start, end: w.end, newText: quoted }], preferred: true }];
}

/** Binary unit prefixes as admins write them after a size (1024M, 2G, 512MiB, 4gb). */
const UNIT_SHIFT: Record<string, number> = { k: 10, m: 20, g: 30, t: 40 };

/** The unit (KiB or MiB) a key's number is in, from its documentation ("MiB", "KiB per vCPU; ..."). */
function sizeUnitOf(key: string | undefined): { name: 'KiB' | 'MiB'; shift: number } | undefined {
  const doc = key ? getKeyDoc(key) : undefined;
  if (!doc || doc.valueType !== 'number' || typeof doc.values !== 'string') return undefined;
  if (/^MiB\b/.test(doc.values)) return { name: 'MiB', shift: 20 };
  if (/^KiB\b/.test(doc.values)) return { name: 'KiB', shift: 10 };
  return undefined;
}

/**
 * `memory = 2G` is a syntax error (xl numbers have no units): the size in
 * the key's own unit, when that is a whole number (2G -> 2048 for MiB).
 */
function unitSuffixFix(tree: SyntaxTree, d: Diagnostic): Fix[] {
  const { text } = tree;
  let numStart = d.start;
  while (numStart > 0 && /[0-9]/.test(text[numStart - 1])) numStart--;
  const w = wordAt(text, d.start);
  const m = /^([kmgt])(?:i?b)?$/i.exec(w.text);
  const digits = text.slice(numStart, d.start);
  const unit = sizeUnitOf(directValueKey(text, numStart));
  if (!m || !/^[0-9]+$/.test(digits) || !unit) return [];
  const shift = UNIT_SHIFT[m[1].toLowerCase()] - unit.shift;
  const value = BigInt(digits);
  const converted = shift >= 0 ? value << BigInt(shift) : value % (1n << BigInt(-shift)) === 0n ? value >> BigInt(-shift) : undefined;
  if (converted === undefined || converted > BigInt(Number.MAX_SAFE_INTEGER)) return [];
  const fixed = converted.toString();
  return [{ title: `Write it as ${fixed} (${digits}${w.text} in ${unit.name})`, edits: [{ start: numStart, end: w.end, newText: fixed }], preferred: true }];
}

function numberFormatFix(tree: SyntaxTree, d: Diagnostic): Fix[] {
  const { text } = tree;
  const c = text[d.start];
  if (/[A-WYZa-z]/.test(c)) return unitSuffixFix(tree, d);
  if (c === '-' || c === '+') {
    const w = wordAt(text, d.start);
    if (w.end <= d.start + 1) return [];
    // Only where a value goes: after '=', '+=', '[' or ','.
    let p = d.start - 1;
    while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
    if (p < 0 || !'=[,'.includes(text[p])) return [];
    const quoted = quoteValue(w.text);
    return [{ title: `Quote the signed number: ${quoted}`, edits: [{ start: w.start, end: w.end, newText: quoted }], preferred: true }];
  }
  if (c === 'X') {
    // Uppercase hex: the number token before it (e.g. "0") plus this run.
    let numStart = d.start;
    while (numStart > 0 && /[0-9a-fx]/.test(text[numStart - 1])) numStart--;
    const w = wordAt(text, d.start);
    const lower = (text.slice(numStart, d.start) + w.text).toLowerCase();
    if (!/^0x[0-9a-f]+$/.test(lower)) return [];
    return [{ title: `Write it as ${lower}`, edits: [{ start: numStart, end: w.end, newText: lower }], preferred: true }];
  }
  return [];
}

/** The list opened at `open`, and how many lists on the way down to it (itself included) are unclosed. */
function findList(tree: SyntaxTree, open: number): { list: ListNode; unclosed: number } | undefined {
  // The statement: the last one starting before `open`. (An unclosed list's
  // recorded end does not cover its nested lists, so ends are not used.)
  let st: Statement | undefined;
  for (const s of tree.statements) {
    if (s.start > open) break;
    st = s;
  }
  if (!st || st.kind !== 'assignment' || st.value.kind !== 'list') return undefined;
  let node: ListNode = st.value;
  let unclosed = node.close < 0 ? 1 : 0;
  // Walk down (no recursion): the last nested list starting at or before `open`.
  for (;;) {
    if (node.open === open) return { list: node, unclosed };
    let next: ListNode | undefined;
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item: ValueNode = node.items[i];
      if (item.start <= open) {
        if (item.kind === 'list') next = item;
        break;
      }
    }
    if (!next) return undefined;
    node = next;
    if (node.close < 0) unclosed++;
  }
}

function unclosedListFix(tree: SyntaxTree, d: Diagnostic): Fix[] {
  const found = findList(tree, d.start);
  if (!found || found.list.close >= 0 || found.unclosed < 1) return [];
  const { list } = found;
  const lastItem = list.items.length ? list.items[list.items.length - 1].end : list.open + 1;
  const lastComma = list.commas.length ? list.commas[list.commas.length - 1] + 1 : -1;
  const at = Math.max(lastItem, lastComma);
  const brackets = ']'.repeat(found.unclosed);
  return [{ title: found.unclosed > 1 ? `Insert the missing '${brackets}'` : "Insert the missing ']'", edits: [{ start: at, end: at, newText: brackets }], preferred: true }];
}

/** Doubles every backslash of the string that starts an escape xl rejects (each one, in order). */
function invalidEscapeFix(tree: SyntaxTree, d: Diagnostic): Fix[] {
  const { text, tokens } = tree;
  const k = tokens.indexAt(d.start);
  if (tokens.kinds[k] !== TokenKind.String || tokens.starts[k] >= d.start || tokens.ends[k] <= d.start) return [];
  const start = tokens.starts[k];
  let literal = text.slice(start, tokens.ends[k]);
  const inserts: number[] = [];
  // Each round fixes the first bad escape; decoding then goes on past it.
  for (let guard = 0; guard < literal.length; guard++) {
    const r = decodeString(literal, 0, literal.length);
    if (!r.error) break;
    inserts.push(start + r.error.start - inserts.length);
    literal = literal.slice(0, r.error.start) + '\\' + literal.slice(r.error.start);
  }
  if (!inserts.length || !inserts.includes(d.start)) return [];
  return [
    {
      title: inserts.length > 1 ? `Double the backslashes of the ${inserts.length} invalid escapes` : 'Double the backslash',
      edits: inserts.map((at) => ({ start: at, end: at, newText: '\\' })),
      preferred: true,
    },
  ];
}

function unterminatedStringFix(text: string, d: Diagnostic): Fix[] {
  const quote = text[d.start];
  if (quote !== '"' && quote !== "'") return [];
  let end = text.indexOf('\n', d.start);
  if (end < 0) end = text.length;
  while (end > d.start + 1 && (text[end - 1] === ' ' || text[end - 1] === '\t' || text[end - 1] === '\r')) end--;
  // A trailing odd run of backslashes would escape the added quote.
  let bs = 0;
  while (end - 1 - bs > d.start && text[end - 1 - bs] === '\\') bs++;
  if (bs % 2 === 1) return [];
  return [{ title: `Add the closing ${quote}`, edits: [{ start: end, end, newText: quote }], preferred: true }];
}
