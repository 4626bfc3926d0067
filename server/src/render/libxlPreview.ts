/**
 * The preview's libxl tab: the libxl domain configuration the target's xl
 * builds (what `xlcfg show` prints), as rows of a tree, each value with the
 * text it came from; where xl stops, why, and what it had built until then.
 */
import { Recorder } from '../model/devices/recorder';
import type { SettingsModel } from '../model/settings';
import type { XenVersion } from '../model/xenVersion';
import { domainReading } from '../model/xl/domainReading';
import type { Span } from '../syntax/cst';
import { libxlJsonValue, type LibxlJson } from './libxlJson';

export interface LibxlRow {
  depth: number;
  /** The field name, or "[i]" for an array element. */
  label: string;
  /** A scalar's value as JSON writes it; absent for an object or array (its rows follow). */
  value?: string;
  /** How many members an object or array has (0: printed as {} or []). */
  size?: number;
  /** The field's path, e.g. "b_info/max_memkb" (array indexes left out). */
  path: string;
  /** The text the value came from (the nearest field with an origin). */
  span?: Span;
}

export interface LibxlPreview {
  /** xl's exit status: 0 when it builds the configuration. */
  rc: number;
  /** Why xl stops (our words), when rc != 0. */
  stop?: { message: string; span?: Span };
  /** What xl prints on stderr on the way. */
  stderr: string[];
  rows: LibxlRow[];
  /** Rows left out (the tab shows the first MAX_LIBXL_ROWS; `xlcfg show` prints them all). */
  omittedRows: number;
  /** The port could not build it (too large, or a field the release's libxl would not print). */
  unavailable?: string;
}

export const MAX_LIBXL_ROWS = 2000;

function scalar(v: LibxlJson): string {
  return typeof v === 'bigint' ? v.toString() : JSON.stringify(v);
}

export function libxlPreview(model: SettingsModel, xen: XenVersion): LibxlPreview {
  const reading = domainReading(model, xen);
  const rec = new Recorder(xen);
  rec.events.push(...reading.events);
  const out: LibxlPreview = { rc: reading.rc, stderr: rec.stderr(), rows: [], omittedRows: 0 };
  if (reading.rc !== 0) {
    const last = reading.events[reading.events.length - 1];
    if (last) out.stop = { message: last.message, span: last.span };
  }
  if (reading.limit) {
    out.unavailable = `xlcfg does not build this configuration: ${reading.limit}`;
    return out;
  }
  let value: LibxlJson;
  try {
    value = libxlJsonValue(reading.config, xen);
  } catch (e) {
    out.unavailable = `xlcfg cannot print this configuration for Xen ${xen.label}: ${(e as Error).message}`;
    return out;
  }
  // Depth first, without recursion (a hostile file nests deep lists).
  const stack: Array<{ label: string; v: LibxlJson; depth: number; path: string[]; span?: Span }> = [];
  const push = (v: LibxlJson, depth: number, path: string[], span: Span | undefined) => {
    const entries: Array<[string, LibxlJson]> = Array.isArray(v) ? v.map((x, i) => [`[${i}]`, x]) : Object.entries(v as Record<string, LibxlJson>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [label, child] = entries[i];
      const p = label.startsWith('[') ? path : [...path, label];
      stack.push({ label, v: child, depth, path: p, span: reading.origins.get(p.join('/')) ?? span });
    }
  };
  push(value, 0, [], undefined);
  while (stack.length) {
    const { label, v, depth, path, span } = stack.pop()!;
    if (out.rows.length >= MAX_LIBXL_ROWS) {
      out.omittedRows++;
      if (v !== null && typeof v === 'object') push(v, depth + 1, path, span);
      continue;
    }
    const row: LibxlRow = { depth, label, path: path.join('/') };
    if (span) row.span = { start: span.start, end: span.end };
    if (v !== null && typeof v === 'object') {
      row.size = Array.isArray(v) ? v.length : Object.keys(v).length;
      out.rows.push(row);
      push(v, depth + 1, path, span);
    } else {
      row.value = scalar(v);
      out.rows.push(row);
    }
  }
  return out;
}
