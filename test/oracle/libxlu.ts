/**
 * Xen's own config parser (libxlutil, Debian's libxen-dev) as a test oracle:
 * builds the small C harness next to this file and runs documents through it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface OracleSetting {
  name: Buffer;
  op: '=' | '+=';
  line: number;
  value: OracleValue;
}
export type OracleValue = Buffer | OracleValue[];

export interface OracleResult {
  crashed: boolean;
  rc: number;
  /** Everything libxlu printed. */
  report: Buffer;
  settings: OracleSetting[];
}

const root = process.cwd();
const source = join(root, 'test/oracle/libxlu-oracle.c');
export const harnessPath = join(root, 'out/oracle/libxlu-oracle');

/** Compiles the harness if needed; throws with a clear message when libxlutil is missing. */
export function buildHarness(): string {
  if (existsSync(harnessPath) && statSync(harnessPath).mtimeMs >= statSync(source).mtimeMs) return harnessPath;
  mkdirSync(join(root, 'out/oracle'), { recursive: true });
  // Built beside and renamed into place: test files run in parallel, and another one must never run a half-written binary.
  const tmp = `${harnessPath}.${process.pid}.tmp`;
  const cc = spawnSync('gcc', ['-O2', '-Wall', '-o', tmp, source, '-lxlutil'], { encoding: 'utf8' });
  if (cc.error || cc.status !== 0) {
    throw new Error(
      `cannot build the libxlutil oracle (${cc.error?.message ?? cc.stderr.trim()}).\n` +
        'Install Xen\'s parser library and a C compiler: apt-get install libxen-dev gcc',
    );
  }
  renameSync(tmp, harnessPath);
  return harnessPath;
}

/** Hex leaves to bytes, without recursion (values nest up to ~5000 deep). */
function toValue(v: unknown): OracleValue {
  if (typeof v === 'string') return Buffer.from(v, 'hex');
  const root: OracleValue[] = [];
  const stack: Array<[unknown[], OracleValue[]]> = [[v as unknown[], root]];
  while (stack.length) {
    const [src, dst] = stack.pop()!;
    for (const item of src) {
      if (typeof item === 'string') dst.push(Buffer.from(item, 'hex'));
      else {
        const child: OracleValue[] = [];
        dst.push(child);
        stack.push([item as unknown[], child]);
      }
    }
  }
  return root;
}

/** Runs libxlu on every document (one child process per document inside the harness). */
export function runOracle(docs: Buffer[]): OracleResult[] {
  const exe = buildHarness();
  const input = Buffer.concat(docs.flatMap((d) => [Buffer.from(`${d.length}\n`), d]));
  const res = spawnSync(exe, [], { input, maxBuffer: 1 << 30 });
  if (res.error || res.status !== 0) throw new Error(`libxlu oracle failed: ${res.error?.message ?? res.stderr.toString()}`);
  const lines = res.stdout.toString('latin1').split('\n').filter((l) => l.length);
  if (lines.length !== docs.length) throw new Error(`libxlu oracle answered ${lines.length} times for ${docs.length} documents`);
  return lines.map((l) => {
    const j = JSON.parse(l);
    if (j.crashed) return { crashed: true, rc: -1, report: Buffer.alloc(0), settings: [] };
    return {
      crashed: false,
      rc: j.rc,
      report: Buffer.from(j.report, 'hex'),
      settings: j.settings.map((s: { name: string; op: '=' | '+='; line: number; value: unknown }) => ({ name: Buffer.from(s.name, 'hex'), op: s.op, line: s.line, value: toValue(s.value) })),
    };
  });
}
