/**
 * A vif's `rate=` as libxlutil's xlu_vif_parse_rate reads it (the same in
 * every release 4.5-4.22): RATE or RATE@INTERVAL. RATE is digits, an
 * optional G/M/K and B or b, then "/s"; INTERVAL is digits, an optional m or
 * u, an optional s (default 50ms). The digits are read by strtoull with base
 * 0, so a leading 0 makes them octal ("010Mb/s" is 8 Mbit/s, "08Mb/s" is an
 * overflow).
 */
import { strtoul, UINT32_MAX, ULONG_MAX } from './cnum';

export interface VifRate {
  bytesPerInterval: bigint;
  intervalUsecs: number;
}

export interface VifRateError {
  /** xl's message, without the "FILE: config parsing error in vif: " lead. */
  message: string;
  /** The part of the value the message quotes, and where it starts in the value. */
  quoted: string;
  from: number;
  to: number;
}

const BYTES = /^[0-9]+[GMK]?[Bb]\/s$/;
const INTERVAL = /^[0-9]+[mu]?s?$/;

export function parseVifRate(rate: string): VifRate | VifRateError {
  const at = rate.indexOf('@');
  const bytes = at < 0 ? rate : rate.slice(0, at);
  const interval = at < 0 ? undefined : rate.slice(at + 1);
  const err = (message: string, quoted: string, from: number): VifRateError => ({ message, quoted, from, to: from + quoted.length });
  if (bytes === '') return err('no rate specified', rate, 0);
  if (!BYTES.test(bytes)) return err('invalid rate', bytes, 0);
  const b = strtoul(bytes, 0, 0);
  let perSec = b.value;
  if (perSec === 0n || perSec > UINT32_MAX || b.overflow) return err('rate overflow', bytes, 0);
  const unit = bytes.charCodeAt(b.end);
  if (unit === 0x47) perSec *= 1000000000n;
  else if (unit === 0x4d) perSec *= 1000000n;
  else if (unit === 0x4b) perSec *= 1000n;
  // "b" right after the digits, or after the multiplier: bits, not bytes.
  if (bytes[b.end] === 'b' || bytes[b.end + 1] === 'b') perSec /= 8n;
  let usecs = 50000n;
  if (interval !== undefined) {
    const from = at + 1;
    if (!INTERVAL.test(interval)) return err('invalid replenishment interval', interval, from);
    const i = strtoul(interval, 0, 0);
    let t = i.value;
    if (t === 0n || t > UINT32_MAX || i.overflow) return err('replenishment interval overflow', interval, from);
    const u = interval[i.end];
    if (u === 's' || u === undefined) t *= 1000000n;
    else if (u === 'm') t *= 1000n;
    if (t > UINT32_MAX) return err('replenishment interval overflow', interval, from);
    usecs = t;
  }
  if (usecs !== 0n && perSec > ULONG_MAX / usecs) return err('rate overflow', rate, 0);
  return { bytesPerInterval: (perSec * usecs) / 1000000n, intervalUsecs: Number(usecs) };
}

export function isRateError(r: VifRate | VifRateError): r is VifRateError {
  return (r as VifRateError).message !== undefined;
}
