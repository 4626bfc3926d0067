/** `xlcfg preview`: what libxl writes to xenstore (consoles, channels, devices) and the qemu command line, for one file. */
import { checkText } from '../check';
import { previewModel } from '../render/previewDocument';
import { ParsedArgs, TARGET_OPTIONS, UsageError } from './args';
import { checkOptions } from './checkCommand';
import type { CliCommand, Io } from './command';
import { previewText } from './previewText';
import { readSingleDocument } from './readDocument';

function domidOption(args: ParsedArgs): number | string | undefined {
  const flag = args.values.domid;
  if (typeof flag !== 'string') return undefined;
  if (!/^\d+$/.test(flag) && !/^[A-Za-z_<][A-Za-z0-9_<>-]*$/.test(flag)) throw new UsageError(`--domid: '${flag}' is neither a number nor a placeholder name`);
  return /^\d+$/.test(flag) ? Number(flag) : flag;
}

function run(args: ParsedArgs, io: Io): number {
  if (args.files.length !== 1) throw new UsageError('preview takes exactly one FILE');
  const file = args.files[0];
  const domid = domidOption(args);
  const options = checkOptions(args);
  const doc = readSingleDocument(file, io.err);
  if (!doc) return 2;
  const checked = checkText(doc.text, { ...options, fileName: file }, { bytes: doc.bytes });
  const preview = previewModel(checked.model, { xen: checked.options.xen, dialect: checked.options.dialect, domid });
  const findings = checked.diagnostics.map(({ code, severity, effect, message, start, end }) => {
    const at = checked.lines.positionAt(start);
    return { code, severity, effect, message, line: at.line + 1, column: at.character + 1, start, end };
  });
  if (args.values.json === true) {
    io.out(JSON.stringify({ ...preview, findings }, null, 2));
  } else {
    for (const line of previewText(preview, checked.diagnostics, file, checked.lines)) io.out(line);
  }
  // What the preview shows is not what happens when xl refuses the file (or libxl, qemu or the guest fail).
  return checked.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

export const PREVIEW: CliCommand = {
  name: 'preview',
  usage: `xlcfg preview [--domid N] [--xen VERSION] [--dialect ...] [--json] FILE
    Show what libxl would write to xenstore for the consoles and channels and
    for each device (disks, vifs, framebuffers...), with what is guessed, and
    the qemu command line (one argument per line, then as one shell line).`,
  options: { ...TARGET_OPTIONS, domid: { type: 'string' }, json: { type: 'boolean' } },
  run,
};
