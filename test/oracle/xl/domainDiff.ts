/**
 * The parse_config_data port (model/xl/readDomain.ts) against real xl, one
 * config at a time: exit status, what xl prints on stderr (libxl's own log
 * lines aside: they carry source line numbers of libxl), and the JSON.
 *
 * `fields` compares the port's libxl object with xl's JSON leaf by leaf
 * (c_info.uuid aside): every value xl prints must be in the port's object,
 * equal; a value the port has that xl does not print must be the field's
 * default (reported as `extra`, for the caller to judge until the JSON
 * printer leaves defaults out itself).
 */
import { parse } from '../../../server/src/syntax/parser';
import { buildSettings } from '../../../server/src/model/settings';
import { parseXenVersion } from '../../../server/src/model/xenVersion';
import { readDomain, type DomainReading } from '../../../server/src/model/xl/readDomain';
import { Recorder } from '../../../server/src/model/devices/recorder';
import type { OracleRelease, XlRun } from './realXl';

/** Parses xl's JSON keeping integers beyond 2^53 exact (as decimal strings). */
export function parseXlJson(stdout: string): Record<string, unknown> | undefined {
  const start = stdout.indexOf('{');
  if (start < 0) return undefined;
  const text = stdout.slice(start).replace(/(:\s*|\[\s*|,\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"');
  return JSON.parse(text) as Record<string, unknown>;
}

/** The port's object with bigints as decimal strings (xl's big integers, as parseXlJson gives them). */
export function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x)));
}

/** What the port says for a config at a release (file name FILE in messages). */
export function portOf(text: string, release: string): DomainReading {
  return readDomain(buildSettings(parse(text)), parseXenVersion(release)!, { source: 'FILE' });
}

/** xl's stderr lines with the config's path as FILE, libxl's log lines and the shell's crash notes left out. */
export function xlLines(run: XlRun): string[] {
  return run.stderr
    .replace(/[^\s`'"]*\/c\d+\.cfg(?=:)/g, 'FILE')
    .split('\n')
    .filter((l) => l !== '' && !/^libxl: /.test(l) && !/^(Segmentation fault|Aborted)( \(core dumped\))?$/.test(l));
}

export function portLines(r: DomainReading): string[] {
  const rec = new Recorder(r.xen);
  rec.events.push(...r.events);
  return rec.stderr().filter((l) => !/^libxl: /.test(l));
}

export interface FieldDiff {
  path: string;
  xl?: unknown;
  port?: unknown;
  /** The port has a value xl does not print (a default, or a mistake). */
  extra?: boolean;
}

/** Leaf-by-leaf differences between the port's object and xl's JSON. */
export function fields(port: unknown, xl: unknown, path = ''): FieldDiff[] {
  const out: FieldDiff[] = [];
  const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (isObj(xl) && isObj(port)) {
    for (const k of Object.keys(xl)) {
      if (path === 'c_info' && k === 'uuid') continue;
      const p = path ? `${path}.${k}` : k;
      if (!(k in port)) out.push({ path: p, xl: xl[k] });
      else out.push(...fields(port[k], xl[k], p));
    }
    for (const k of Object.keys(port)) if (!(k in xl)) out.push({ path: path ? `${path}.${k}` : k, port: port[k], extra: true });
    return out;
  }
  if (JSON.stringify(port) !== JSON.stringify(xl)) out.push({ path, xl, port });
  return out;
}

/** Everything that differs between the port and one xl run (extras reported only when `extras`). */
export function domainDifferences(text: string, release: OracleRelease, run: XlRun, extras = false): string[] {
  const r = portOf(text, release);
  const out: string[] = [];
  if (r.limit) return [`the port gave up: ${r.limit}`];
  if (r.rc !== run.rc) out.push(`exit status: port ${r.rc}, xl ${run.rc}`);
  const ours = portLines(r);
  const theirs = xlLines(run);
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) out.push(`stderr:\n    port: ${JSON.stringify(ours)}\n    xl:   ${JSON.stringify(theirs)}`);
  if (r.rc === 0 && run.rc === 0) {
    const json = parseXlJson(run.stdout);
    for (const d of fields(plain(r.config), json)) {
      if (d.extra && !extras) continue;
      out.push(d.extra ? `${d.path}: only the port has ${JSON.stringify(d.port)}` : `${d.path}: port ${JSON.stringify(d.port)}, xl ${JSON.stringify(d.xl)}`);
    }
  }
  return out;
}

/** What the port's events say about predictability: 'skip' (xl's fate depends on it), 'fields', or nothing. */
export function unpredictable(r: DomainReading): 'skip' | 'fields' | undefined {
  let out: 'fields' | undefined;
  for (const e of r.events) {
    const undef = e.code === 'device-undefined' || /unpredictable|uninitialised memory/.test(e.message);
    if (!undef) continue;
    if (e.severity === 'error' || e.code !== 'device-undefined') return 'skip';
    out = 'fields';
  }
  return out;
}
