/**
 * The formatter's guarantee, checked on every result: the new text reads as
 * the old one did for xl (the same settings stored, in the same order, with
 * the same values) and keeps every comment, in order.
 */
import type { SyntaxTree } from '../syntax/cst';
import { parse } from '../syntax/parser';
import type { XlValue } from '../syntax/values';

function sameValue(a: XlValue, b: XlValue): boolean {
  // Iterative: values nest deeply in hostile files.
  const stack: Array<[XlValue, XlValue]> = [[a, b]];
  while (stack.length) {
    const [x, y] = stack.pop()!;
    if (typeof x === 'string' || typeof y === 'string') {
      if (x !== y) return false;
      continue;
    }
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) stack.push([x[i], y[i]]);
  }
  return true;
}

function commentTexts(tree: SyntaxTree): string[] {
  return tree.comments.map((c) => c.text.replace(/[ \t]+$/, ''));
}

/** Why the new text does not read as the old one, or undefined when it does. */
export function readsTheSame(before: SyntaxTree, afterText: string): string | undefined {
  const after = parse(afterText);
  if (after.problems.length) return `the result has a syntax problem: ${after.problems[0].message}`;
  const a = before.verdict;
  const b = after.verdict;
  if (a.rc !== b.rc) return 'xl would accept one and reject the other';
  if (a.stored.length !== b.stored.length) return `xl would store ${b.stored.length} settings instead of ${a.stored.length}`;
  for (let i = 0; i < a.stored.length; i++) {
    const x = a.stored[i];
    const y = b.stored[i];
    if (x.name !== y.name || x.op !== y.op || !sameValue(x.value, y.value)) return `setting ${i + 1} ('${x.name}') would read differently`;
  }
  const ca = commentTexts(before);
  const cb = commentTexts(after);
  if (ca.length !== cb.length || ca.some((t, i) => t !== cb[i])) return 'a comment would be lost or changed';
  return undefined;
}
