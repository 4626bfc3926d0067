/**
 * The C library's number readers as xl uses them (glibc, LP64, C locale):
 * strtoul/strtoull, strtol, atoi and sscanf's %x/%u, each answering the value
 * and where the reading stopped (its end pointer), so that callers can apply
 * xl's own checks on what follows. Values are BigInt where C has 64 bits.
 */

export const ULONG_MAX = (1n << 64n) - 1n;
export const LONG_MAX = (1n << 63n) - 1n;
export const LONG_MIN = -(1n << 63n);
export const UINT32_MAX = 0xffffffffn;

/** isspace() in the C locale. */
export function isCSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41 + 10;
  return 99;
}

export interface CNumber {
  /** The converted value (already clamped or wrapped the way the function does). */
  value: bigint;
  /** Index after the last character used; `from` when nothing was converted. */
  end: number;
  /** The digits did not fit (errno = ERANGE). */
  overflow: boolean;
}

/** The magnitude, sign and digit range of a strto* conversion (before clamping). */
interface Scanned {
  negative: boolean;
  magnitude: bigint;
  end: number;
  any: boolean;
}

function scan(s: string, from: number, base: number, limit = s.length): Scanned {
  let i = from;
  while (i < limit && isCSpace(s.charCodeAt(i))) i++;
  let negative = false;
  if (i < limit && (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d)) {
    negative = s.charCodeAt(i) === 0x2d;
    i++;
  }
  let b = base;
  // "0x" counts as a prefix only when a hex digit follows it; otherwise the "0" alone is read.
  const hexPrefix = i + 1 < limit && s.charCodeAt(i) === 0x30 && (s.charCodeAt(i + 1) | 0x20) === 0x78 && i + 2 < limit && digitValue(s.charCodeAt(i + 2)) < 16;
  if ((b === 0 || b === 16) && hexPrefix) {
    b = 16;
    i += 2;
  } else if (b === 0) b = i < limit && s.charCodeAt(i) === 0x30 ? 8 : 10;
  const start = i;
  let magnitude = 0n;
  const big = BigInt(b);
  // Past 2^64 the exact value no longer matters (it overflows): stop growing it.
  let saturated = false;
  while (i < limit) {
    const d = digitValue(s.charCodeAt(i));
    if (d >= b) break;
    if (!saturated) {
      magnitude = magnitude * big + BigInt(d);
      if (magnitude > ULONG_MAX + 1n) saturated = true;
    }
    i++;
  }
  if (i === start) return { negative: false, magnitude: 0n, end: from, any: false };
  return { negative, magnitude, end: i, any: true };
}

/** strtoul / strtoull (64-bit unsigned long): a minus sign negates modulo 2^64; overflow gives ULONG_MAX. */
export function strtoul(s: string, from = 0, base = 10, limit = s.length): CNumber {
  const r = scan(s, from, base, limit);
  if (!r.any) return { value: 0n, end: from, overflow: false };
  if (r.magnitude > ULONG_MAX) return { value: ULONG_MAX, end: r.end, overflow: true };
  const value = r.negative && r.magnitude !== 0n ? (1n << 64n) - r.magnitude : r.magnitude;
  return { value, end: r.end, overflow: false };
}

/** strtol (64-bit long): clamps to LONG_MIN/LONG_MAX on overflow. */
export function strtol(s: string, from = 0, base = 10, limit = s.length): CNumber {
  const r = scan(s, from, base, limit);
  if (!r.any) return { value: 0n, end: from, overflow: false };
  const signed = r.negative ? -r.magnitude : r.magnitude;
  if (signed > LONG_MAX) return { value: LONG_MAX, end: r.end, overflow: true };
  if (signed < LONG_MIN) return { value: LONG_MIN, end: r.end, overflow: true };
  return { value: signed, end: r.end, overflow: false };
}

/** The low `bits` bits of v as a two's complement signed number. */
export function toSigned(v: bigint, bits: number): number {
  return Number(BigInt.asIntN(bits, v));
}

/** The low `bits` bits of v as an unsigned number. */
export function toUnsigned(v: bigint, bits: number): bigint {
  return BigInt.asUintN(bits, v);
}

/** atoi: (int)strtol(s, NULL, 10). */
export function atoi(s: string, from = 0): number {
  return toSigned(strtol(s, from, 10).value, 32);
}

/**
 * sscanf's unsigned conversions (%x, %u and their 64-bit forms) at `from`:
 * white space skipped, an optional sign, then digits. undefined when the
 * conversion fails. Unlike strtoul, glibc's %x takes a "0x" prefix even when
 * no hex digit follows it (the value is then 0). The value is strtoul's,
 * truncated to the destination's width.
 */
export function scanInt(s: string, from: number, base: 10 | 16, bits: 32 | 64): { value: bigint; end: number } | undefined {
  let i = from;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  let j = i;
  let negative = false;
  if (j < s.length && (s.charCodeAt(j) === 0x2b || s.charCodeAt(j) === 0x2d)) negative = s.charCodeAt(j++) === 0x2d;
  let prefix = false;
  if (base === 16 && j + 1 < s.length && s.charCodeAt(j) === 0x30 && (s.charCodeAt(j + 1) | 0x20) === 0x78) {
    prefix = true;
    j += 2;
  }
  let k = j;
  let magnitude = 0n;
  while (k < s.length && digitValue(s.charCodeAt(k)) < base) {
    if (magnitude <= ULONG_MAX) magnitude = magnitude * BigInt(base) + BigInt(digitValue(s.charCodeAt(k)));
    k++;
  }
  if (k === j && !prefix) return undefined;
  let value = magnitude > ULONG_MAX ? ULONG_MAX : magnitude;
  if (negative && magnitude <= ULONG_MAX) value = toUnsigned(-value, 64);
  return { value: toUnsigned(value, bits), end: k };
}

/** Formats an unsigned value as C's %lx. */
export function hex(v: bigint): string {
  return v.toString(16);
}
