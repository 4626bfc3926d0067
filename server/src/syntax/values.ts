/**
 * Values as libxlu stores them: every scalar (quoted string or number) is
 * text; a list holds values and may nest.
 */
export type XlValue = string | XlValue[];

export function isList(value: XlValue): value is XlValue[] {
  return Array.isArray(value);
}

/**
 * Applies `+=` the way libxlu does: strings concatenate as text, lists
 * concatenate element-wise; anything else is an error (returns undefined).
 * With no earlier value, `+=` behaves like `=`.
 */
export function appendValue(previous: XlValue | undefined, added: XlValue): XlValue | undefined {
  if (previous === undefined) return added;
  if (typeof previous === 'string') return typeof added === 'string' ? previous + added : undefined;
  return Array.isArray(added) ? previous.concat(added) : undefined;
}

/**
 * Serializes a value without recursion (libxlu accepts lists nested almost
 * 5000 deep, deeper than JSON.stringify can go). `indent` > 0 gives one item
 * per line with that many spaces per level; `trailingComma` adds ',' after
 * every item (xl.cfg style).
 */
export function serializeValue(value: XlValue, options: { indent?: number; baseIndent?: string; trailingComma?: boolean } = {}): string {
  const indent = options.indent ?? 0;
  const base = options.baseIndent ?? '';
  const parts: string[] = [];
  // Work items: a value to write at a depth, or a literal string.
  const stack: Array<{ v: XlValue; depth: number } | string> = [{ v: value, depth: 0 }];
  while (stack.length) {
    const top = stack.pop()!;
    if (typeof top === 'string') {
      parts.push(top);
      continue;
    }
    const { v, depth } = top;
    if (typeof v === 'string') {
      parts.push(JSON.stringify(v));
      continue;
    }
    if (v.length === 0) {
      parts.push('[]');
      continue;
    }
    const pad = (d: number) => (indent ? '\n' + base + ' '.repeat(indent * d) : '');
    const sep = options.trailingComma ? ',' : '';
    // Push in reverse: closing bracket, then items from last to first.
    stack.push(pad(depth) + ']');
    for (let i = v.length - 1; i >= 0; i--) {
      const last = i === v.length - 1;
      stack.push(last ? sep : ',');
      stack.push({ v: v[i], depth: depth + 1 });
      stack.push(pad(depth + 1));
    }
    parts.push('[');
  }
  return parts.join('');
}
