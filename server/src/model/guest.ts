/**
 * Facts about the guest that several rules and the renderer need: its type
 * (as xl decides it) and scalar settings read the way xl reads them.
 */
import type { Span } from '../syntax/cst';
import type { SettingsModel } from './settings';
import { effectiveValue } from './settings';
import { atLeast, type XenVersion } from './xenVersion';

export type GuestType = 'pv' | 'pvh' | 'hvm';

/** The effective single value of a key (undefined when absent or a list). */
export function scalarSetting(model: SettingsModel, key: string): { value: string; span: Span } | undefined {
  const e = model.effective.get(key);
  if (!e || e.kind !== 'scalar') return undefined;
  const v = e.last.node.value;
  return { value: effectiveValue(e) as string, span: { start: v.start, end: v.end } };
}

/** The domain's name= (undefined when absent or a list). */
export function domainName(model: SettingsModel): string | undefined {
  return scalarSetting(model, 'name')?.value;
}

/** xl's strtol(…, 0): decimal, 0x hex, leading-zero octal, sign and leading blanks; whole string. */
export function xlInteger(text: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const body = m[2];
  const n = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : parseInt(body, 10);
  return m[1] === '-' ? -n : n;
}

/** type= as xl matches it: the value is a prefix of "hvm", then "pv", then "pvh" (so "" is hvm). */
export function matchGuestType(value: string): GuestType | undefined {
  if ('hvm'.startsWith(value)) return 'hvm';
  if ('pv'.startsWith(value)) return 'pv';
  if ('pvh'.startsWith(value)) return 'pvh';
  return undefined;
}

/** builder= as xl matches it: a prefix of "hvm" or of "generic" (PV). */
export function matchBuilder(value: string): GuestType | undefined {
  if ('hvm'.startsWith(value)) return 'hvm';
  if ('generic'.startsWith(value)) return 'pv';
  return undefined;
}

/**
 * The guest type as the target's xl decides it. From 4.10: type=, else the
 * deprecated builder=, else PV (x86). Before 4.10 xl reads only builder=, and
 * anything that is not a prefix of "hvm" means PV.
 */
export function guestType(model: SettingsModel, xen: XenVersion): { type: GuestType; span?: Span } {
  const readsType = atLeast(xen, 4, 10);
  const t = readsType ? scalarSetting(model, 'type') : undefined;
  const fromType = t && matchGuestType(t.value);
  if (t && fromType) return { type: fromType, span: t.span };
  const b = scalarSetting(model, 'builder');
  if (b && !readsType) return { type: 'hvm'.startsWith(b.value) ? 'hvm' : 'pv', span: b.span };
  const fromBuilder = b && matchBuilder(b.value);
  if (b && fromBuilder) return { type: fromBuilder, span: b.span };
  return { type: 'pv' };
}
