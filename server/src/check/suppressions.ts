/**
 * In-file rule switches, read from comments:
 *   # xlcfg-disable-next-line CODE [CODE...]   silences the rules on the next line
 *   # xlcfg-disable-line CODE [CODE...]        (as a trailing comment) on its own line
 *   # xlcfg-disable CODE [CODE...]             silences the rules from here to the end
 *   # xlcfg-enable CODE [CODE...]              turns them back on
 * Without a code, the comment applies to every rule. A finding that makes xl
 * refuse the file (effect 'xl-refuses') cannot be silenced.
 */
import type { CommentNode } from '../syntax/cst';
import type { LineIndex } from '../syntax/lineIndex';
import type { Diagnostic } from './diagnostic';

export interface Switch {
  kind: 'next-line' | 'line' | 'disable' | 'enable';
  codes: string[] | 'all';
  line: number;
}

const DIRECTIVE = /^\s*xlcfg-(disable-next-line|disable-line|disable|enable)\b\s*(.*)$/;

export function readSwitches(comments: CommentNode[], lines: () => LineIndex): Switch[] {
  const out: Switch[] = [];
  for (const c of comments) {
    if (!c.text.includes('xlcfg-')) continue;
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const codes = m[2].split(/[\s,]+/).filter((s) => s && !s.startsWith('--'));
    const kind = m[1] === 'disable-next-line' ? 'next-line' : m[1] === 'disable-line' ? 'line' : (m[1] as 'disable' | 'enable');
    out.push({ kind, codes: codes.length ? codes : 'all', line: lines().positionAt(c.start).line });
  }
  return out;
}

const matches = (s: Switch, code: string) => s.codes === 'all' || s.codes.includes(code);

/**
 * Whether a finding is silenced, answered without going through every switch
 * per finding (a file can have 150,000 of each): the line switches by line,
 * and per rule code the disable/enable switches that name it, in file order,
 * searched for the last one at or before the finding's line.
 */
export class Suppressions {
  private readonly byLine = new Map<number, Switch[]>();
  private readonly blocks: Switch[];
  private readonly blocksByCode = new Map<string, Switch[]>();

  constructor(switches: Switch[]) {
    for (const s of switches) {
      if (s.kind !== 'next-line' && s.kind !== 'line') continue;
      const line = s.kind === 'next-line' ? s.line + 1 : s.line;
      const at = this.byLine.get(line);
      if (at) at.push(s);
      else this.byLine.set(line, [s]);
    }
    this.blocks = switches.filter((s) => s.kind === 'disable' || s.kind === 'enable');
  }

  has(d: Diagnostic, lines: LineIndex): boolean {
    if (d.effect === 'xl-refuses') return false; // (nothing may hide a finding that makes xl refuse the file)
    const line = lines.positionAt(d.start).line;
    if (this.byLine.get(line)?.some((s) => matches(s, d.code))) return true;
    let blocks = this.blocksByCode.get(d.code);
    if (!blocks) this.blocksByCode.set(d.code, (blocks = this.blocks.filter((s) => matches(s, d.code))));
    // The last disable/enable for this code on a line before the finding's, or on its line.
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid].line <= line) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && blocks[lo - 1].kind === 'disable';
  }
}
