/**
 * `xlcfg parse`: what xl reads, as libxlu stores it: the settings in file
 * order and the value each key ends up with. Every file is read, binary or
 * not (this is what the libxlu oracle compares with).
 */
import { xlEffective } from '../model/settings';
import { LineIndex } from '../syntax/lineIndex';
import { parse } from '../syntax/parser';
import { serializeValue, XlValue } from '../syntax/values';
import { XL_PYTHON_HINT } from '../syntax/xlVerdict';
import { ParsedArgs, UsageError } from './args';
import type { CliCommand, Io } from './command';
import { CliError, LoadedDocument, readDocument } from './readDocument';

function formatValue(v: XlValue, indent: string): string {
  return serializeValue(v, { indent: 4, baseIndent: indent, trailingComma: true });
}

function run(args: ParsedArgs, io: Io): number {
  if (args.files.length === 0) throw new UsageError('parse needs at least one FILE');
  const asJson = args.values.json === true;
  let status = 0;
  for (const file of args.files) {
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

export const PARSE: CliCommand = {
  name: 'parse',
  usage: `xlcfg parse [--json] FILE...
    Show what xl reads: the settings xl stores, in file order, and the value
    each key ends up with. --json prints one JSON object per file per line.`,
  options: { json: { type: 'boolean' } },
  run,
};
