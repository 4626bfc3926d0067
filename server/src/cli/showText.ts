/**
 * The readable form of `xlcfg show`: the libxl domain configuration as an
 * indented tree, one value per line, each with the line of the file it
 * comes from (values xl sets by itself have none).
 */
import type { Span } from '../syntax/cst';
import type { LibxlJson } from '../render/libxlJson';

export interface ShowTextOptions {
  /** c_info.uuid was made up (xl makes a random one per run). */
  randomUuid?: boolean;
}

/** The origin key of a printed path: array indexes and the 4.5 wrapper are not part of it. */
function originOf(path: string[], origins: ReadonlyMap<string, Span>): Span | undefined {
  const key = path.filter((p) => !/^\d+$/.test(p));
  const k = key[0] === 'config' && key.length > 1 ? key.slice(1) : key;
  return origins.get(k.join('/'));
}

function scalar(v: LibxlJson): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return v.toString();
  return String(v);
}

function isScalarArray(v: LibxlJson[]): boolean {
  return v.every((x) => x === null || typeof x !== 'object');
}

export function showText(value: LibxlJson, origins: ReadonlyMap<string, Span>, lineOf: (offset: number) => number, opts: ShowTextOptions = {}): string[] {
  const out: string[] = [];
  const WIDTH = 48;
  const emit = (indent: number, text: string, path: string[]) => {
    const at = originOf(path, origins);
    let note = at ? `line ${lineOf(at.start)}` : '';
    if (opts.randomUuid && path.join('/') === 'c_info/uuid') note = 'random: xl makes a new one each run';
    const head = `${'  '.repeat(indent)}${text}`;
    out.push(note ? `${head.padEnd(WIDTH)} ${note}` : head);
  };
  // Depth-first without recursion (a hostile file can nest deep lists).
  const stack: Array<{ key: string; v: LibxlJson; indent: number; path: string[] }> = [];
  const pushChildren = (v: LibxlJson, indent: number, path: string[]) => {
    const entries: Array<[string, LibxlJson]> = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v as Record<string, LibxlJson>);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ key: entries[i][0], v: entries[i][1], indent, path: [...path, entries[i][0]] });
  };
  pushChildren(value, 0, []);
  while (stack.length) {
    const { key, v, indent, path } = stack.pop()!;
    const label = /^\d+$/.test(key) ? `[${key}]` : key;
    if (v !== null && typeof v === 'object') {
      if (Array.isArray(v) && isScalarArray(v)) {
        emit(indent, `${label}: [${v.map(scalar).join(', ')}]`, path);
        continue;
      }
      const empty = Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
      emit(indent, empty ? `${label}: ${Array.isArray(v) ? '[]' : '{}'}` : label, path);
      if (!empty) pushChildren(v, indent + 1, path);
      continue;
    }
    emit(indent, `${label}: ${scalar(v)}`, path);
  }
  return out;
}
