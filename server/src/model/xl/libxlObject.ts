/**
 * The libxl_domain_config the port builds, as libxl's JSON names it, and
 * where each value came from in the document. Fields are set in any order
 * (render/libxlJson.ts prints them in the release's IDL order and leaves out
 * the ones equal to their default); a path is the chain of field names from
 * the root ("b_info", "type.hvm", "vnc"), one element per object.
 */
import type { Span } from '../../syntax/cst';
import type { LibxlValue } from './types';

export type LibxlObject = { [field: string]: LibxlValue };

/** The key of a value's origin: its path and field, joined by '/' (no IDL name has one). */
export function originKey(path: readonly string[], field: string): string {
  return path.length ? `${path.join('/')}/${field}` : field;
}

export class LibxlBuilder {
  readonly root: LibxlObject = {};
  /** Where each value set with an origin came from (key: originKey). */
  readonly origins = new Map<string, Span>();

  /** The object at `path`, made (empty) where missing. */
  at(path: readonly string[]): LibxlObject {
    let o = this.root;
    for (const f of path) {
      let next = o[f];
      if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) o[f] = next = {};
      o = next as LibxlObject;
    }
    return o;
  }

  set(path: readonly string[], field: string, value: LibxlValue, from?: Span): void {
    this.at(path)[field] = value;
    const key = originKey(path, field);
    if (from) this.origins.set(key, from);
    else this.origins.delete(key);
  }

  get(path: readonly string[], field: string): LibxlValue | undefined {
    let o: LibxlValue | undefined = this.root;
    for (const f of path) {
      if (o === null || typeof o !== 'object' || Array.isArray(o)) return undefined;
      o = (o as LibxlObject)[f];
    }
    if (o === null || o === undefined || typeof o !== 'object' || Array.isArray(o)) return undefined;
    return (o as LibxlObject)[field];
  }

  delete(path: readonly string[], field: string): void {
    const o = this.get(path.slice(0, -1), path[path.length - 1] ?? '');
    const target = path.length ? o : this.root;
    if (target && typeof target === 'object' && !Array.isArray(target)) delete (target as LibxlObject)[field];
    this.origins.delete(originKey(path, field));
  }
}
