/**
 * libxl's reading of a disk's vdev (libxl__device_disk_dev_number, the same
 * in every release 4.5-4.22): the device number the disk gets in xenstore,
 * or -1 when libxl refuses the name ("Invalid or unsupported virtual disk
 * identifier"). Two disks with the same number collide ("device already
 * exists in xenstore"). Forms: xvdX[N] (X: a-z letters, base 26), hdX[N]
 * (a-d), sdX[N] (a-p), dDpP, or a plain number.
 */
import { isCSpace, strtoul } from './cnum';

/** A `xvd`/`hd`/`sd` name: disk index and partition, or undefined. */
function virtdisk(v: string, type: string, maxIndex: number, maxPartition: number): { disk: number; partition: number } | undefined {
  if (!v.startsWith(type)) return undefined;
  let index = -1;
  let p = type.length;
  while (p < v.length) {
    const c = v.charCodeAt(p);
    if (c < 0x61 || c > 0x7a) break;
    index = (index + 1) * 26 + (c - 0x61);
    if (index > maxIndex) return undefined;
    p++;
  }
  if (p >= v.length) return { disk: index, partition: 0 };
  if (v[p] === '0') return undefined;
  const r = strtoul(v, p, 10);
  if (r.value > BigInt(maxPartition) || r.end !== v.length) return undefined;
  return { disk: index, partition: Number(r.value) };
}

/** sscanf %i: an int with C's base prefixes (0x hex, 0 octal), after blanks and a sign. */
function scanI(s: string, from: number): { value: number; end: number } | undefined {
  let i = from;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  const r = strtoul(s, i, 0);
  if (r.end === i) return undefined;
  return { value: Number(BigInt.asIntN(32, r.value)), end: r.end };
}

/** The 32-bit result of C's int arithmetic. */
const i32 = (x: number) => x | 0;

export function diskDevNumber(vdev: string): number {
  return diskDev(vdev).number;
}

/**
 * The disk index libxl gives the emulated disk of a vdev (xvda, hda, sda,
 * d0p1: 0), as libxl__device_disk_dev_number reports it when asked for one:
 * undefined for a plain number (libxl then says it cannot number the disk)
 * and for a vdev it refuses.
 */
export function diskDevIndex(vdev: string): number | undefined {
  return diskDev(vdev).disk;
}

function diskDev(vdev: string): { number: number; disk?: number } {
  // "d%ip%i%n"
  if (vdev.startsWith('d')) {
    const d = scanI(vdev, 1);
    if (d && vdev[d.end] === 'p') {
      const p = scanI(vdev, d.end + 1);
      if (p && p.end === vdev.length && d.value < 1 << 20 && p.value < 256) return { number: xvdNumber(d.value, p.value), disk: d.value };
    }
  }
  const x = virtdisk(vdev, 'xvd', (1 << 20) - 1, 255);
  if (x) return { number: xvdNumber(x.disk, x.partition), disk: x.disk };
  const n = strtoul(vdev, 0, 0);
  // (An empty vdev reads as the number 0.)
  if (n.end === vdev.length && !n.overflow && n.value <= 0x7fffffffn) return { number: Number(n.value) };
  const h = virtdisk(vdev, 'hd', 3, 63);
  if (h) return { number: i32(i32((h.disk < 2 ? 3 : 22) << 8) | ((h.disk & 1) << 6) | h.partition), disk: h.disk };
  const s = virtdisk(vdev, 'sd', 15, 15);
  if (s) return { number: i32((8 << 8) | (s.disk << 4) | s.partition), disk: s.disk };
  return { number: -1 };
}

function xvdNumber(disk: number, partition: number): number {
  if (disk <= 15 && partition <= 15) return i32((202 << 8) | (disk << 4) | partition);
  return i32((1 << 28) | (disk << 8) | partition);
}
