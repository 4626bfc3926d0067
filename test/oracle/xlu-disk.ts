/**
 * libxlutil's own spec parsers (xlu_disk_parse, xlu_pci_parse_spec_string,
 * xlu_rdm_parse, xlu_vif_parse_rate; Debian's libxen-dev, Xen 4.17) as a
 * test oracle: builds xlu-disk-oracle.c next to this file and runs spec
 * strings through it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type XluMode = 'disk' | 'pci' | 'rdm' | 'rate';
const MODE_LETTER: Record<XluMode, string> = { disk: 'd', pci: 'p', rdm: 'r', rate: 'v' };

export interface XluAnswer {
  /** The child's exit status (0 unless the parser exited the process). */
  exit: number;
  /** What libxlutil printed (its report stream), as text. */
  stderr: string;
  /** The parser's return value and the fields it filled in (strings decoded), or undefined when it never returned. */
  out?: Record<string, unknown> & { rc: number };
}

const root = process.cwd();
const source = join(root, 'test/oracle/xlu-disk-oracle.c');
export const xluHarnessPath = join(root, 'out/oracle/xlu-disk-oracle');

/** The fields that hold strings (hex-encoded by the harness). */
const STRING_FIELDS = new Set(['backend_domname', 'pdev_path', 'vdev', 'script', 'colo_host', 'colo_export', 'active_disk', 'hidden_disk', 'name']);

export function buildXluHarness(): string {
  if (existsSync(xluHarnessPath) && statSync(xluHarnessPath).mtimeMs >= statSync(source).mtimeMs) return xluHarnessPath;
  mkdirSync(join(root, 'out/oracle'), { recursive: true });
  const cc = spawnSync('gcc', ['-O2', '-Wall', '-o', xluHarnessPath, source, '-lxlutil', '-lxenlight'], { encoding: 'utf8' });
  if (cc.error || cc.status !== 0) {
    throw new Error(`cannot build the libxlutil spec oracle (${cc.error?.message ?? cc.stderr.trim()}).\nInstall Xen's libraries and a C compiler: apt-get install libxen-dev gcc`);
  }
  return xluHarnessPath;
}

function unhex(h: string): string {
  return Buffer.from(h, 'hex').toString('utf8');
}

/** Runs one parser on every spec (one child process per spec inside the harness). */
export function runXlu(mode: XluMode, specs: string[]): XluAnswer[] {
  const exe = buildXluHarness();
  const input = Buffer.concat(specs.flatMap((s) => {
    const b = Buffer.from(s, 'utf8');
    return [Buffer.from(`${MODE_LETTER[mode]} ${b.length}\n`), b];
  }));
  const res = spawnSync(exe, [], { input, maxBuffer: 1 << 30 });
  if (res.error || res.status !== 0) throw new Error(`libxlutil spec oracle failed: ${res.error?.message ?? res.stderr.toString()}`);
  const lines = res.stdout.toString('latin1').split('\n').filter((l) => l.length);
  if (lines.length !== specs.length) throw new Error(`the spec oracle answered ${lines.length} times for ${specs.length} specs`);
  return lines.map((l) => {
    const j = JSON.parse(l) as { exit: number; stderr: string; out: (Record<string, unknown> & { rc: number }) | null };
    const out = j.out ?? undefined;
    if (out) for (const k of Object.keys(out)) if (STRING_FIELDS.has(k) && typeof out[k] === 'string') out[k] = unhex(out[k] as string);
    return { exit: j.exit, stderr: unhex(j.stderr), out };
  });
}
