/**
 * `xlcfg show`: the libxl domain configuration the target's xl builds from a
 * file, what `xl -N create FILE` prints (with --json, the same text), and
 * what xl says on the way. When xl would refuse the file, its messages and
 * exit status are xl's.
 */
import { randomUUID } from 'node:crypto';
import { describeTarget } from '../check';
import { buildSettings } from '../model/settings';
import { EDITOR_HOST, ORACLE_HOST, type XlHost } from '../model/xl/context';
import { readDomain } from '../model/xl/readDomain';
import { Recorder } from '../model/devices/recorder';
import { libxlJsonText, libxlJsonValue } from '../render/libxlJson';
import { parse } from '../syntax/parser';
import { LineIndex } from '../syntax/lineIndex';
import { ParsedArgs, TARGET_OPTIONS, UsageError } from './args';
import { checkOptions } from './checkCommand';
import type { CliCommand, Io } from './command';
import { readSingleDocument } from './readDocument';
import { showText } from './showText';
import { resolveOptions } from '../check';

/** --host CPUS,NODES: the host xl asks about (cpu bitmaps, vNUMA); default: a host any guest fits. */
function hostOption(args: ParsedArgs): XlHost {
  const v = args.values.host;
  if (v === undefined) return EDITOR_HOST;
  if (v === 'oracle') return ORACLE_HOST;
  const m = typeof v === 'string' ? /^(\d+),(\d+)$/.exec(v) : null;
  if (!m || +m[1] < 1 || +m[2] < 1 || +m[1] > 4096 || +m[2] > 64) throw new UsageError(`--host: '${String(v)}' is not CPUS,NODES (1-4096 cpus, 1-64 nodes) or 'oracle'`);
  return { ...EDITOR_HOST, nrCpus: +m[1], nrNodes: +m[2] };
}

function run(args: ParsedArgs, io: Io): number {
  if (args.files.length !== 1) throw new UsageError('show takes exactly one FILE');
  const file = args.files[0];
  const host = hostOption(args);
  const base = checkOptions(args);
  const doc = readSingleDocument(file, io.err);
  if (!doc) return 2;
  const tree = parse(doc.text, { bytes: doc.bytes });
  const { options } = resolveOptions({ ...base, fileName: file }, tree);
  const xen = options.xen;
  const json = args.values.json === true;
  if (xen.kind === 'seed') {
    io.err('xlcfg: show needs a Xen release: the 2014 channel proposal (seed-2014) has no xl of its own');
    return 2;
  }
  const reading = readDomain(buildSettings(tree), xen, { source: file, host });
  const rec = new Recorder(xen);
  rec.events.push(...reading.events);
  if (!json) io.err(`xlcfg: the libxl domain configuration xl builds, for ${describeTarget(xen, options.xenSource)}`);
  if (reading.limit) {
    io.err(`xlcfg: cannot show this file: ${reading.limit} (xlcfg does not build objects that large)`);
    return 2;
  }
  // What xl prints on stderr, as it prints it.
  io.err(`Parsing config from ${file}`);
  for (const line of rec.stderr()) io.err(line);
  if (reading.rc !== 0) {
    if (!json) io.err(`xlcfg: xl ${xen.label} refuses this file (exit status ${reading.rc})`);
    return reading.rc;
  }
  // Without uuid= xl makes a random one for each run.
  const config = reading.config;
  const cInfo = (config.c_info ??= {}) as Record<string, unknown>;
  const uuidFromFile = typeof cInfo.uuid === 'string';
  if (!uuidFromFile && args.values['no-uuid'] !== true) cInfo.uuid = randomUUID();
  if (json) {
    io.out(libxlJsonText(config, xen).replace(/\n$/, ''));
    return 0;
  }
  const lines = new LineIndex(doc.text);
  for (const line of showText(libxlJsonValue(config, xen), reading.origins, (offset) => lines.positionAt(offset).line + 1, { randomUuid: !uuidFromFile })) io.out(line);
  return 0;
}

export const SHOW: CliCommand = {
  name: 'show',
  usage: `xlcfg show [--xen VERSION] [--json] [--host CPUS,NODES] FILE
    Show the libxl domain configuration xl builds from FILE (what
    'xl -N create FILE' prints; --json: the same JSON text), each value with
    the line it comes from, or xl's messages and exit status when it refuses
    the file. Without uuid= xl makes a random uuid (--no-uuid leaves it out).
    --host: the host's cpu and NUMA node counts xl sizes cpu maps and checks
    vNUMA with (default 256,64: Xen's default cpu limit and its NUMA node limit).`,
  options: { ...TARGET_OPTIONS, json: { type: 'boolean' }, host: { type: 'string' }, 'no-uuid': { type: 'boolean' } },
  run,
};
