/**
 * Compares, for one document, what Xen's libxlu concludes with what xlcfg
 * concludes: the core's model of xl (report lines, stored settings), the
 * `xlcfg parse --json` output, and the editor parser's error/no-error verdict.
 */
import { checkText } from '../../server/src/check';
import { decodeBytes } from '../../server/src/cli/readDocument';
import { parse } from '../../server/src/syntax/parser';
import type { XlValue } from '../../server/src/syntax/values';
import { formatXlReport, XL_PYTHON_HINT } from '../../server/src/syntax/xlVerdict';
import type { OracleResult, OracleValue } from './libxlu';

/** One line of `xlcfg parse --json`. */
export interface CliParse {
  file: string;
  ok: boolean;
  errors: Array<{ line: number; col: number; message: string }>;
  settings: Array<{ name: string; op: '=' | '+='; line: number; value: XlValue }>;
  effective: Record<string, XlValue>;
}

type Enc = 'utf8' | 'latin1';

class Mark {
  constructor(readonly s: string) {}
}

/**
 * A canonical, readable text for a value: leaves are the bytes as latin1
 * JSON strings (ours encoded with `enc`). Written without recursion, since
 * values nest up to ~5000 deep.
 */
function canon(v: XlValue | OracleValue | undefined, enc: Enc): string {
  if (v === undefined) return 'undefined';
  const out: string[] = [];
  const stack: Array<XlValue | OracleValue | Mark> = [v];
  while (stack.length) {
    const x = stack.pop()!;
    if (x instanceof Mark) out.push(x.s);
    else if (Buffer.isBuffer(x)) out.push(JSON.stringify(x.toString('latin1')));
    else if (typeof x === 'string') out.push(JSON.stringify(Buffer.from(x, enc).toString('latin1')));
    else {
      out.push('[');
      stack.push(new Mark(']'));
      for (let i = x.length - 1; i >= 0; i--) {
        stack.push(x[i]);
        if (i > 0) stack.push(new Mark(','));
      }
    }
  }
  return out.join('');
}

/**
 * The settings as libxlu keeps them, from the values as written: `+=`
 * concatenates into the new setting, and a list `+=` moves the earlier list's
 * items out of the earlier setting (which libxlu leaves empty).
 */
export function libxluStoredForm(settings: Array<{ name: string; op: '=' | '+='; value: XlValue }>): XlValue[] {
  const out: XlValue[] = [];
  const latest = new Map<string, number>();
  settings.forEach((s, i) => {
    const prev = latest.get(s.name);
    let stored = s.value;
    if (s.op === '+=' && prev !== undefined) {
      const p = out[prev];
      stored = typeof p === 'string' ? p + (s.value as string) : (p as XlValue[]).concat(s.value as XlValue[]);
      if (Array.isArray(p)) out[prev] = [];
    }
    out.push(stored);
    latest.set(s.name, i);
  });
  return out;
}

/** Differences between libxlu and the core/editor parser (empty when they agree). */
export function compareCore(doc: Buffer, xl: OracleResult): string[] {
  const diffs: string[] = [];
  const { text, bytes } = decodeBytes(doc);
  const enc: Enc = bytes ? 'latin1' : 'utf8';
  const tree = parse(text, { bytes });
  const v = tree.verdict;
  if (v.crashed !== xl.crashed) diffs.push(`crash: libxlu ${xl.crashed}, xlcfg ${v.crashed}`);
  const checked = checkText(text, {}, { bytes });
  const editorErrors = checked.diagnostics.filter((d) => d.severity === 'error' && (d.code.startsWith('syntax-') || d.code === 'append-type-mismatch'));
  const xlRejects = xl.crashed || xl.rc !== 0;
  if (xlRejects !== editorErrors.length > 0) {
    diffs.push(`editor parser: libxlu ${xlRejects ? 'rejects' : 'accepts'} the file, the editor reports ${editorErrors.length ? editorErrors.map((d) => `${d.code} at ${d.start}`).join(', ') : 'no error'}`);
  }
  if (xl.crashed || v.crashed) return diffs;
  if (v.rc !== xl.rc) diffs.push(`rc: libxlu ${xl.rc}, xlcfg ${v.rc}`);
  let report = v.reports.map((r) => formatXlReport('FILE', r) + '\n').join('');
  if (v.pythonHint) report += XL_PYTHON_HINT.join('\n') + '\n';
  const ours = Buffer.from(report, enc);
  if (!ours.equals(xl.report)) diffs.push(`report:\n  libxlu: ${JSON.stringify(xl.report.toString('latin1'))}\n  xlcfg:  ${JSON.stringify(ours.toString('latin1'))}`);
  const stored = libxluStoredForm(v.stored);
  if (stored.length !== xl.settings.length) diffs.push(`stored settings: libxlu ${xl.settings.length}, xlcfg ${stored.length}`);
  xl.settings.forEach((s, i) => {
    const o = v.stored[i];
    if (!o) return;
    const where = `setting #${i + 1}`;
    if (!Buffer.from(o.name, enc).equals(s.name)) diffs.push(`${where} name: libxlu ${canon(s.name, enc)}, xlcfg ${JSON.stringify(o.name)}`);
    if (o.op !== s.op) diffs.push(`${where} op: libxlu ${s.op}, xlcfg ${o.op}`);
    if (o.xlLine !== s.line) diffs.push(`${where} line: libxlu ${s.line}, xlcfg ${o.xlLine}`);
    const [theirs, ours] = [canon(s.value, enc), canon(stored[i], enc)];
    if (theirs !== ours) diffs.push(`${where} value: libxlu ${theirs}, xlcfg ${ours}`);
  });
  return diffs;
}

/** Differences between libxlu and one line of `xlcfg parse --json`. */
export function compareCli(doc: Buffer, xl: OracleResult, cli: CliParse): string[] {
  const diffs: string[] = [];
  const { bytes } = decodeBytes(doc);
  const enc: Enc = bytes ? 'latin1' : 'utf8';
  const xlOk = !xl.crashed && xl.rc === 0;
  if (cli.ok !== xlOk) diffs.push(`parse --json ok: libxlu ${xlOk}, xlcfg ${cli.ok}`);
  if (xl.crashed) {
    if (!cli.errors.some((e) => e.message.includes('NUL byte'))) diffs.push('parse --json: libxlu crashes (NUL in a string) but no error says so');
    return diffs;
  }
  const xlLines = xl.report.toString('latin1').split('\n').filter((l) => l.startsWith('FILE:'));
  const cliMessages = cli.errors.map((e) => Buffer.from(e.message, enc).toString('latin1'));
  const xlMessages = xlLines.map((l) => l.replace(/^FILE:-?\d+: /, ''));
  if (JSON.stringify(cliMessages) !== JSON.stringify(xlMessages)) diffs.push(`parse --json errors:\n  libxlu: ${JSON.stringify(xlMessages)}\n  xlcfg:  ${JSON.stringify(cliMessages)}`);
  const stored = libxluStoredForm(cli.settings);
  if (stored.length !== xl.settings.length) diffs.push(`parse --json settings: libxlu ${xl.settings.length}, xlcfg ${stored.length}`);
  // Lines agree with xl's except after a lone CR (an editor line break, not one for xl).
  const loneCr = /\r(?!\n)/.test(doc.toString('latin1'));
  xl.settings.forEach((s, i) => {
    const o = cli.settings[i];
    if (!o) return;
    const where = `parse --json setting #${i + 1}`;
    if (!Buffer.from(o.name, enc).equals(s.name) || o.op !== s.op) diffs.push(`${where}: libxlu ${canon(s.name, enc)} ${s.op}, xlcfg ${o.name} ${o.op}`);
    if (!loneCr && o.line !== s.line) diffs.push(`${where} line: libxlu ${s.line}, xlcfg ${o.line}`);
    const [theirs, ours] = [canon(s.value, enc), canon(stored[i], enc)];
    if (theirs !== ours) diffs.push(`${where} value: libxlu ${theirs}, xlcfg ${ours}`);
  });
  // The effective value of each key: libxlu returns its newest setting.
  const xlEffective = new Map<string, OracleValue>();
  for (const s of xl.settings) xlEffective.set(s.name.toString('latin1'), s.value);
  const cliKeys = Object.keys(cli.effective).map((k) => Buffer.from(k, enc).toString('latin1'));
  if (cliKeys.length !== xlEffective.size) diffs.push(`parse --json effective: libxlu ${xlEffective.size} keys, xlcfg ${cliKeys.length}`);
  for (const [k, val] of Object.entries(cli.effective)) {
    const [theirs, ours] = [canon(xlEffective.get(Buffer.from(k, enc).toString('latin1')), enc), canon(val, enc)];
    if (theirs !== ours) diffs.push(`parse --json effective ${k}: libxlu ${theirs}, xlcfg ${ours}`);
  }
  return diffs;
}

/**
 * Shrinks a document while `fails` still holds (line deletions, then chunk and
 * byte deletions), returning the smallest failing document found.
 */
export function shrink(doc: Buffer, fails: (candidates: Buffer[]) => number, maxRounds = 400): Buffer {
  let current = doc;
  for (let round = 0; round < maxRounds; round++) {
    const cands: Buffer[] = [];
    const s = current.toString('latin1');
    const lines = s.split(/(?<=\n)/);
    if (lines.length > 1) for (let i = 0; i < lines.length; i++) cands.push(Buffer.from(lines.filter((_, j) => j !== i).join(''), 'latin1'));
    for (let size = Math.max(1, current.length >> 1); size >= 1; size >>= 1) {
      const step = Math.max(size, Math.ceil(current.length / 64));
      for (let at = 0; at < current.length; at += step) cands.push(Buffer.concat([current.subarray(0, at), current.subarray(at + size)]));
      if (cands.length > 600) break;
    }
    const hit = fails(cands.filter((c) => c.length < current.length));
    if (hit < 0) break;
    current = cands.filter((c) => c.length < current.length)[hit];
  }
  return current;
}
