/**
 * The xlcfg command line: `xlcfg check`, `xlcfg parse`, `xlcfg preview`.
 */
import { checkText, describeTarget } from '../check';
import { findInstalledXen } from '../host/installedXen';
import type { CheckOptions, DialectSetting } from '../check/options';
import { xlEffective } from '../model/settings';
import { DEFAULT_XEN_VERSION, parseXenVersion, versionProblem, XenVersion } from '../model/xenVersion';
import { previewModel } from '../render/previewDocument';
import { previewText } from './previewText';
import { LineIndex } from '../syntax/lineIndex';
import { parse } from '../syntax/parser';
import { serializeValue, XlValue } from '../syntax/values';
import { XL_PYTHON_HINT } from '../syntax/xlVerdict';
import { CliError, LoadedDocument, readDocument } from './readDocument';

const USAGE = `Usage:
  xlcfg check [--format text|json] [--xen VERSION] [--dialect auto|upstream|seed] FILE...
      Report every problem: FILE:LINE:COL: SEVERITY: MESSAGE [CODE].
      Exit status 1 when any error is found, 2 on a usage or read error.
  xlcfg parse [--json] FILE...
      Show what xl reads: the settings xl stores, in file order, and the value
      each key ends up with. --json prints one JSON object per file per line.
  xlcfg preview [--domid N] [--xen VERSION] [--dialect ...] [--json] FILE
      Show what libxl would write to xenstore for the consoles and channels,
      and the qemu command line (one argument per line, then as one shell line).
  xlcfg --help | --version

VERSION is a Xen release (4.22, 4.18.0, ...) or seed-2014. Default: the file's
own '# xlcfg: xen=VERSION' comment, else the release of the xl installed on
this machine, else the newest release. --target is an alias of --xen
(xen-4.5+ means the default release).

FILE may be - for standard input.`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

interface Parsed {
  command: string;
  files: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--format', '--dialect', '--domid', '--target', '--xen']);
const BOOL_FLAGS = new Set(['--json', '--help', '-h', '--version']);

function parseArgs(argv: string[]): Parsed {
  const flags = new Map<string, string | true>();
  const files: string[] = [];
  let command = '';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.includes('=')) {
      const [k, v] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
      if (!VALUE_FLAGS.has(k)) throw new CliError(`unknown option ${k}`);
      flags.set(k, v);
    } else if (VALUE_FLAGS.has(a)) {
      if (i + 1 >= argv.length) throw new CliError(`${a} needs a value`);
      flags.set(a, argv[++i]);
    } else if (BOOL_FLAGS.has(a)) {
      flags.set(a, true);
    } else if (a.startsWith('-') && a !== '-') {
      throw new CliError(`unknown option ${a}`);
    } else if (!command) {
      command = a;
    } else {
      files.push(a);
    }
  }
  return { command, files, flags };
}

function oneOf<T extends string>(flags: Map<string, string | true>, name: string, allowed: readonly T[], fallback: T): T {
  const v = flags.get(name);
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw new CliError(`${name} must be one of ${allowed.join(', ')}`);
  return v as T;
}

function formatValue(v: XlValue, indent: string): string {
  return serializeValue(v, { indent: 4, baseIndent: indent, trailingComma: true });
}

/** --xen / --target: a release, seed-2014, or xen-4.5+ (the default release). */
function xenFlag(flags: Map<string, string | true>): XenVersion | undefined {
  const raw = flags.get('--xen') ?? flags.get('--target');
  if (raw === undefined) return undefined;
  const text = String(raw) === 'xen-4.5+' ? DEFAULT_XEN_VERSION : String(raw);
  const v = parseXenVersion(text);
  if (!v) throw new CliError(`--xen: ${versionProblem(text)}`);
  return v;
}

/** The target: --xen, else the xl installed here, else the newest release (a file's own comment still wins for that file). */
function checkOptions(p: Parsed): CheckOptions {
  const dialect = oneOf<DialectSetting>(p.flags, '--dialect', ['auto', 'upstream', 'seed'], 'auto');
  const xen = xenFlag(p.flags);
  if (xen) return { dialect, xen, xenSource: { kind: 'command-line' } };
  const installed = findInstalledXen();
  const found = installed && parseXenVersion(installed.version);
  if (found) return { dialect, xen: found, xenSource: { kind: 'installed', detail: installed.from } };
  return { dialect, xen: parseXenVersion(DEFAULT_XEN_VERSION)!, xenSource: { kind: 'default' } };
}

function checkCommand(p: Parsed, io: Io): number {
  const format = oneOf(p.flags, '--format', ['text', 'json'] as const, 'text');
  const base = checkOptions(p);
  let status = 0;
  const json: object[] = [];
  if (format === 'text') io.out(`xlcfg: checking for ${describeTarget(base.xen!, base.xenSource!)}`);
  for (const file of p.files) {
    let doc: LoadedDocument;
    try {
      doc = readDocument(file);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      io.err(`xlcfg: ${e.message}`);
      status = 2;
      continue;
    }
    const checked = checkText(doc.text, { ...base, fileName: file }, { bytes: doc.bytes });
    if (format === 'text' && checked.options.xenSource.kind === 'file') io.out(`${file}: checked for ${describeTarget(checked.options.xen, checked.options.xenSource)}`);
    for (const d of checked.diagnostics) {
      const at = checked.lines.positionAt(d.start);
      const to = checked.lines.positionAt(d.end);
      if (d.severity === 'error' && status === 0) status = 1;
      if (format === 'json') {
        json.push({ file, line: at.line + 1, column: at.character + 1, endLine: to.line + 1, endColumn: to.character + 1, severity: d.severity, effect: d.effect, code: d.code, message: d.message });
      } else {
        io.out(`${file}:${at.line + 1}:${at.character + 1}: ${d.severity}: ${d.message} [${d.code}]`);
        for (const r of d.related ?? []) {
          const rp = checked.lines.positionAt(r.start);
          io.out(`${file}:${rp.line + 1}:${rp.character + 1}: note: ${r.message}`);
        }
      }
    }
  }
  if (format === 'json') io.out(JSON.stringify(json, null, 2));
  return status;
}

function parseCommand(p: Parsed, io: Io): number {
  const asJson = p.flags.get('--json') === true;
  let status = 0;
  for (const file of p.files) {
    let doc: LoadedDocument;
    try {
      doc = readDocument(file);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      io.err(`xlcfg: ${e.message}`);
      status = 2;
      continue;
    }
    const tree = parse(doc.text, { bytes: doc.bytes });
    const lines = new LineIndex(doc.text);
    const v = tree.verdict;
    const errors = v.reports.map((r) => {
      const at = lines.positionAt(r.start);
      return { line: at.line + 1, col: at.character + 1, message: `config parsing error near ${r.near}: ${r.message}` };
    });
    if (v.crashed) {
      const nul = tree.problems.find((x) => x.code === 'syntax-nul-in-string');
      const at = lines.positionAt(nul?.start ?? 0);
      errors.push({ line: at.line + 1, col: at.character + 1, message: 'NUL byte inside a string: libxlu aborts here (xl crashes)' });
    }
    const ok = v.rc === 0;
    if (!ok && status === 0) status = 1;
    const settings = v.stored.map((s) => ({ name: s.name, op: s.op, line: lines.positionAt(tree.tokens.starts[s.nameToken]).line + 1, value: s.value }));
    const effective = Object.fromEntries(xlEffective(tree));
    if (asJson) {
      // Values may nest deeper than JSON.stringify allows: write them ourselves.
      const settingsJson = settings.map((s) => `{"name":${JSON.stringify(s.name)},"op":"${s.op}","line":${s.line},"value":${serializeValue(s.value)}}`);
      const effectiveJson = Object.entries(effective).map(([k, val]) => `${JSON.stringify(k)}:${serializeValue(val)}`);
      io.out(`{"file":${JSON.stringify(file)},"ok":${ok},"errors":${JSON.stringify(errors)},"settings":[${settingsJson.join(',')}],"effective":{${effectiveJson.join(',')}}}`);
      continue;
    }
    io.out(`${file}: ${ok ? 'accepted by xl' : 'rejected by xl'} (${settings.length} setting${settings.length === 1 ? '' : 's'} stored)`);
    for (const e of errors) io.out(`  ${file}:${e.line}:${e.col}: error: ${e.message}`);
    if (v.pythonHint) for (const l of XL_PYTHON_HINT) io.out(`  ${l}`);
    for (const s of settings) io.out(`  ${s.name} ${s.op} ${formatValue(s.value, '  ')}`);
    const repeated = settings.length !== Object.keys(effective).length || settings.some((s) => s.op === '+=');
    if (repeated) {
      io.out('  effective values:');
      for (const [k, val] of Object.entries(effective)) io.out(`    ${k} = ${formatValue(val, '    ')}`);
    }
  }
  return status;
}

function previewCommand(p: Parsed, io: Io): number {
  if (p.files.length !== 1) throw new CliError('preview takes exactly one FILE');
  const file = p.files[0];
  const domidFlag = p.flags.get('--domid');
  let domid: number | string | undefined;
  if (typeof domidFlag === 'string') {
    if (!/^\d+$/.test(domidFlag) && !/^[A-Za-z_<][A-Za-z0-9_<>-]*$/.test(domidFlag)) throw new CliError(`--domid: '${domidFlag}' is neither a number nor a placeholder name`);
    domid = /^\d+$/.test(domidFlag) ? Number(domidFlag) : domidFlag;
  }
  const doc = readDocument(file);
  const checked = checkText(doc.text, { ...checkOptions(p), fileName: file }, { bytes: doc.bytes });
  const preview = previewModel(checked.model, { xen: checked.options.xen, dialect: checked.options.dialect, domid });
  if (p.flags.get('--json') === true) {
    io.out(JSON.stringify(preview, null, 2));
  } else {
    for (const line of previewText(preview, file, checked.lines)) io.out(line);
  }
  return preview.problems.some((x) => x.severity === 'error') ? 1 : 0;
}

export function main(argv: string[], io: Io): number {
  let p: Parsed;
  try {
    p = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    io.err(`xlcfg: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (p.flags.has('--help') || p.flags.has('-h') || p.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (p.flags.has('--version')) {
    io.out(VERSION);
    return 0;
  }
  try {
    switch (p.command) {
      case 'check':
      case 'parse':
        if (p.files.length === 0) throw new CliError(`${p.command} needs at least one FILE`);
        return p.command === 'check' ? checkCommand(p, io) : parseCommand(p, io);
      case 'preview':
        return previewCommand(p, io);
      case '':
        io.err(USAGE);
        return 2;
      default:
        throw new CliError(`unknown command '${p.command}'`);
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`xlcfg: ${e.message}\n${USAGE}`);
      return 2;
    }
    const err = e as Error;
    io.err(`xlcfg: internal error: ${err.message}`);
    return 2;
  }
}

declare const XLCFG_VERSION: string | undefined;
const VERSION = typeof XLCFG_VERSION === 'string' ? XLCFG_VERSION : '0.0.0-dev';

/** Runs the CLI on this process's arguments and standard streams. */
export function run(): void {
  // Lines are written in blocks: one write per line cost more than the check itself for a file with 150,000 findings.
  const lines = (stream: NodeJS.WriteStream) => {
    let block: string[] = [];
    let size = 0;
    const flush = () => {
      if (block.length) stream.write(block.join('\n') + '\n');
      block = [];
      size = 0;
    };
    const add = (s: string) => {
      block.push(s);
      size += s.length;
      if (size > 1 << 16) flush();
    };
    return { add, flush };
  };
  const out = lines(process.stdout);
  const err = lines(process.stderr);
  try {
    process.exitCode = main(process.argv.slice(2), { out: out.add, err: err.add });
  } finally {
    out.flush();
    err.flush();
  }
}
