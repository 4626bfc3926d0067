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

interface Switch {
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

export function isSuppressed(d: Diagnostic, switches: Switch[], lines: LineIndex): boolean {
  if (!switches.length || d.effect === 'xl-refuses') return false;
  const line = lines.positionAt(d.start).line;
  let disabled = false;
  for (const s of switches) {
    if (s.kind === 'next-line' && s.line + 1 === line && matches(s, d.code)) return true;
    if (s.kind === 'line' && s.line === line && matches(s, d.code)) return true;
    if (s.line < line || (s.line === line && (s.kind === 'disable' || s.kind === 'enable'))) {
      if (s.kind === 'disable' && matches(s, d.code)) disabled = true;
      if (s.kind === 'enable' && matches(s, d.code)) disabled = false;
    }
  }
  return disabled;
}
