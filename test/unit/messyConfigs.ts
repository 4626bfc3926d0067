/**
 * Seeded generator of well-formed xl.cfg files written every way an admin
 * might: blanks and tabs anywhere they are allowed, aligned and unaligned
 * operators, ';' terminators and several statements on a line, comments at
 * line ends, on lines of their own and inside lists, blank lines, lists on one
 * line or over several (nested too), trailing commas, '+='. For the formatter
 * tests (format.test.ts, and the libxlutil comparison in test/oracle).
 */
import { Rng } from '../oracle/generate';

const NAMES = ['name', 'memory', 'maxmem', 'vcpus', 'kernel', 'extra', 'disk', 'vif', 'channel', 'on_crash', 'type', 'vnuma', 'cpus', 'a.b_c9', 'x'];
const STRINGS = ['"vm1"', "'its'", '"phy:/dev/vg/g,xvda,w"', "'name=a.b.0,connection=pty'", '"a # not a comment"', '"esc\\"aped"', "''", '"sp  aces"'];
const NUMBERS = ['512', '0x1f', '007', '2'];
const COMMENTS = ['# a note', '#', '#kernel = "/old"', '# trailing blanks   ', '# [ "x", ] ; = +='];

function blanks(r: Rng, none = true): string {
  const n = r.int(4);
  if (n === 0 && none) return '';
  return r.pick([' ', '  ', '\t', '   ', ' \t ']).repeat(Math.max(1, n - 1));
}

function scalar(r: Rng): string {
  return r.chance(0.6) ? r.pick(STRINGS) : r.pick(NUMBERS);
}

/** A list; `lines` allows line breaks (and comments) inside it. */
function list(r: Rng, depth: number, lines: boolean): string {
  const n = r.int(4);
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(depth < 2 && r.chance(0.2) ? list(r, depth + 1, lines && r.chance(0.5)) : scalar(r));
  let out = '[' + blanks(r);
  items.forEach((item, i) => {
    if (lines && r.chance(0.5)) out += (r.chance(0.3) ? ` ${r.pick(COMMENTS)}` : '') + '\n' + (r.chance(0.2) ? '\n' : '') + blanks(r);
    if (lines && r.chance(0.15)) out += `${r.pick(COMMENTS)}\n${blanks(r)}`;
    out += item;
    if (i < items.length - 1 || r.chance(0.3)) out += blanks(r) + ',' + blanks(r);
    else out += blanks(r);
  });
  if (lines && r.chance(0.5)) out += (r.chance(0.3) ? ` ${r.pick(COMMENTS)}` : '') + '\n' + blanks(r);
  return out + ']';
}

export function messyConfig(seed: number): string {
  const r = new Rng(seed * 2654435761);
  const lines: string[] = [];
  const count = 1 + r.int(12);
  let line = '';
  for (let i = 0; i < count; i++) {
    if (!line && r.chance(0.15)) lines.push(r.chance(0.5) ? '' : blanks(r) + r.pick(COMMENTS));
    const name = r.pick(NAMES);
    const op = r.chance(0.2) ? '+=' : '=';
    const value = r.chance(0.5) ? list(r, 0, r.chance(0.6)) : scalar(r);
    const pad = r.chance(0.3) ? ' '.repeat(1 + r.int(8)) : blanks(r);
    line += `${blanks(r)}${name}${pad}${op}${blanks(r)}${value}${blanks(r)}`;
    if (r.chance(0.2)) {
      line += ';' + blanks(r);
      if (r.chance(0.5)) continue; // another statement on the same line
    }
    if (r.chance(0.25)) line += r.pick(COMMENTS);
    lines.push(line);
    line = '';
  }
  if (line) lines.push(line);
  return lines.join('\n') + (r.chance(0.9) ? '\n' : '');
}
