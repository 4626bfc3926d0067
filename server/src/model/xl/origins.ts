/**
 * From the document back to the libxl configuration: which values of the
 * port's reading came from a given range of the text (for hover and the
 * preview's libxl tab).
 */
import type { Span } from '../../syntax/cst';
import type { DomainReading } from './readDomain';
import type { LibxlValue } from './types';

export interface ValueFrom {
  /** The field's path from the root, e.g. ["b_info", "target_memkb"]. */
  path: string[];
  value: LibxlValue | undefined;
  from: Span;
}

/** The values whose origin lies inside `span`, in the order the port set them. */
export function valuesFrom(reading: DomainReading, span: Span): ValueFrom[] {
  const out: ValueFrom[] = [];
  for (const [key, from] of reading.origins) {
    if (from.start < span.start || from.end > span.end) continue;
    const path = key.split('/');
    out.push({ path, value: valueAt(reading.config, path), from });
  }
  return out;
}

function valueAt(root: LibxlValue, path: readonly string[]): LibxlValue | undefined {
  let v: LibxlValue | undefined = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as { [k: string]: LibxlValue })[p];
  }
  return v;
}
