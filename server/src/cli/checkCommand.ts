/**
 * `xlcfg check`: every problem of every file, one line each, and a summary
 * line; --format json for tools. Exit 1 when an error is found, 2 when a file
 * could not be read or checked.
 */
import { checkText, describeTarget } from '../check';
import type { CheckOptions } from '../check/options';
import { dialectOption, oneOf, ParsedArgs, TARGET_OPTIONS, targetOption, UsageError } from './args';
import type { CliCommand, Io } from './command';
import { CliError, LoadedDocument, readDocument } from './readDocument';

/** The target: --xen, else the xl installed here, else the newest release (a file's own comment still wins for that file). */
export function checkOptions(args: ParsedArgs): CheckOptions {
  return { dialect: dialectOption(args), ...targetOption(args) };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "4 files checked, 1 with errors, 1 with warnings; 1 file not checked". */
export function summaryLine(counts: { checked: number; errors: number; warnings: number; unread: number }): string {
  const parts = [`${plural(counts.checked, 'file')} checked`];
  if (counts.errors) parts.push(`${counts.errors} with errors`);
  if (counts.warnings) parts.push(`${counts.warnings} with warnings`);
  if (!counts.errors && !counts.warnings && counts.checked) parts.push('no problems');
  const line = parts.join(', ');
  return counts.unread ? `${line}; ${plural(counts.unread, 'file')} not checked` : line;
}

function run(args: ParsedArgs, io: Io): number {
  const format = oneOf(args, 'format', ['text', 'json'] as const, 'text');
  if (args.files.length === 0) throw new UsageError('check needs at least one FILE');
  const base = checkOptions(args);
  const counts = { checked: 0, errors: 0, warnings: 0, unread: 0 };
  const json: object[] = [];
  if (format === 'text') io.out(`xlcfg: checking for ${describeTarget(base.xen!, base.xenSource!)}`);
  for (const file of args.files) {
    let doc: LoadedDocument;
    try {
      doc = readDocument(file, { refuseBinary: true });
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      io.err(`xlcfg: ${e.message}`);
      counts.unread++;
      if (format === 'json') json.push({ file, severity: 'error', code: 'file-not-checked', message: e.message.startsWith(`${file}: `) ? e.message.slice(file.length + 2) : e.message });
      continue;
    }
    counts.checked++;
    const checked = checkText(doc.text, { ...base, fileName: file }, { bytes: doc.bytes });
    if (format === 'text' && checked.options.xenSource.kind === 'file') io.out(`${file}: checked for ${describeTarget(checked.options.xen, checked.options.xenSource)}`);
    let errors = false;
    let warnings = false;
    for (const d of checked.diagnostics) {
      const at = checked.lines.positionAt(d.start);
      errors ||= d.severity === 'error';
      warnings ||= d.severity === 'warning';
      if (format === 'json') {
        const to = checked.lines.positionAt(d.end);
        json.push({ file, line: at.line + 1, column: at.character + 1, endLine: to.line + 1, endColumn: to.character + 1, severity: d.severity, effect: d.effect, code: d.code, message: d.message });
      } else {
        io.out(`${file}:${at.line + 1}:${at.character + 1}: ${d.severity}: ${d.message} [${d.code}]`);
        for (const r of d.related ?? []) {
          const rp = checked.lines.positionAt(r.start);
          io.out(`${file}:${rp.line + 1}:${rp.character + 1}: note: ${r.message}`);
        }
      }
    }
    if (errors) counts.errors++;
    else if (warnings) counts.warnings++;
  }
  if (format === 'json') io.out(JSON.stringify(json, null, 2));
  else io.out(summaryLine(counts));
  return counts.unread ? 2 : counts.errors ? 1 : 0;
}

export const CHECK: CliCommand = {
  name: 'check',
  usage: `xlcfg check [--format text|json] [--xen VERSION] [--dialect auto|upstream|seed] FILE...
    Report every problem: FILE:LINE:COL: SEVERITY: MESSAGE [CODE], then a
    summary line. Exit status 1 when any error is found, 2 when a file could
    not be read or is not a text file (binary files are not checked).`,
  options: { ...TARGET_OPTIONS, format: { type: 'string' } },
  run,
};
