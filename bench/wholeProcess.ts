/**
 * Whole processes, measured alike: `node dist/cli.js check FILE` against
 * libxlutil parsing the same bytes (bench/libxlu-parse.c: read, parse, exit),
 * both run by bench/measure.c (wall-clock time and peak RSS from wait4),
 * in turns, round by round.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessRun {
  ms: number;
  maxRssMb: number;
  status: number;
}

export interface Tools {
  measure: string;
  libxlu?: string;
}

/** Compiles the two C helpers (libxlu-parse needs Debian's libxen-dev); undefined without gcc. */
export function buildTools(root: string): Tools | undefined {
  const dir = join(root, 'out/bench');
  mkdirSync(dir, { recursive: true });
  const build = (src: string, exe: string, libs: string[]) => existsSync(exe) || spawnSync('gcc', ['-O2', '-o', exe, join(root, 'bench', src), ...libs]).status === 0;
  const measure = join(dir, 'measure');
  const libxlu = join(dir, 'libxlu-parse');
  if (!build('measure.c', measure, [])) return undefined;
  return { measure, libxlu: build('libxlu-parse.c', libxlu, ['-lxlutil']) ? libxlu : undefined };
}

export function runMeasured(tools: Tools, command: string[]): ProcessRun {
  const r = spawnSync(tools.measure, command, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`measure ${command.join(' ')}: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as { wall_ns: number; maxrss_kb: number; status: number };
  return { ms: j.wall_ns / 1e6, maxRssMb: j.maxrss_kb / 1024, status: j.status };
}

export interface Comparison {
  ours: { ms: number; maxRssMb: number };
  theirs: { ms: number; maxRssMb: number };
  /** Median of the rounds' ratios (time), and their range. */
  ratio: number;
  ratioRange: [number, number];
  memoryRatio: number;
  rounds: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** `ours` and `theirs` in turns, `rounds` times each. */
export function compare(tools: Tools, ours: string[], theirs: string[], rounds: number): Comparison {
  const o: ProcessRun[] = [];
  const t: ProcessRun[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const a = runMeasured(tools, ours);
    const b = runMeasured(tools, theirs);
    o.push(a);
    t.push(b);
    ratios.push(a.ms / b.ms);
  }
  const oursRss = median(o.map((x) => x.maxRssMb));
  const theirsRss = median(t.map((x) => x.maxRssMb));
  return {
    ours: { ms: median(o.map((x) => x.ms)), maxRssMb: oursRss },
    theirs: { ms: median(t.map((x) => x.ms)), maxRssMb: theirsRss },
    ratio: median(ratios),
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    memoryRatio: oursRss / theirsRss,
    rounds,
  };
}
