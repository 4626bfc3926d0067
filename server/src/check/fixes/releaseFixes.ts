/** Quick fix of xen-key-unknown: the setting name becomes the known key it is closest to. */
import type { Diagnostic } from '../diagnostic';
import type { Fix } from '../edit';
import type { KeyFixData } from '../releaseRules';

function isKeyFix(x: unknown): x is KeyFixData {
  return !!x && typeof x === 'object' && typeof (x as { replaceWith?: unknown }).replaceWith === 'string';
}

export function releaseFixes(d: Diagnostic): Fix[] {
  if (d.code !== 'xen-key-unknown' || !isKeyFix(d.data)) return [];
  const key = d.data.replaceWith;
  return [{ title: `Change to '${key}'`, edits: [{ start: d.start, end: d.end, newText: key }], preferred: true }];
}
