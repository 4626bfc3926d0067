/**
 * C's conversions where xl assigns a long to a libxl field, in the form the
 * libxl object holds them: int and uint32 fields as numbers, uint64 fields
 * as numbers while exact and as bigint above 2^53.
 */
import type { LibxlValue } from '../types';

export function int32(l: bigint): number {
  return Number(BigInt.asIntN(32, l));
}

export function uint32(l: bigint): number {
  return Number(BigInt.asUintN(32, l));
}

export function uint16(l: bigint): number {
  return Number(BigInt.asUintN(16, l));
}

export function uint64(l: bigint): LibxlValue {
  const v = BigInt.asUintN(64, l);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : (v as unknown as LibxlValue);
}

/** A size in MiB as xl turns it into KiB (l * 1024, wrapping like C). */
export function memkb(l: bigint): LibxlValue {
  return uint64(l * 1024n);
}

/** The largest bitmap the port builds (xl would build bigger ones; the editor does not need them). */
export const MAX_BITMAP_BITS = 1 << 20;

/**
 * libxl_cpu_bitmap_alloc(max_cpus): the bitmap's size in bits (a whole
 * number of bytes; 0 means the host's cpu count), undefined when libxl
 * refuses (a negative count).
 */
export function cBitmapBits(maxCpus: number, hostCpus: number): number | undefined {
  if (maxCpus < 0) return undefined;
  const n = maxCpus === 0 ? hostCpus : maxCpus;
  return Math.floor((n + 7) / 8) * 8;
}

/** The set bits of a bitmap of `size` bits with bits 0 .. count-1 set; undefined past MAX_BITMAP_BITS. */
export function bitRange(count: bigint, size: number): number[] | undefined {
  const n = count < 0n ? 0 : Number(count < BigInt(size) ? count : BigInt(size));
  if (n > MAX_BITMAP_BITS) return undefined;
  return Array.from({ length: n }, (_, i) => i);
}

/** The port met something it will not build (an object of absurd size): it stops there without a verdict. */
export class PortLimit extends Error {}
