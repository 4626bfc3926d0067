/**
 * What the guest gets to run with: scheduler parameters, memory, vCPUs
 * (and the defaults xl derives from them), the Arm virtual UART, cache
 * colours, the grant table limits, claim mode and (4.22) Xenstore quotas.
 */
import { scanInt, strtol, strtoul, toUnsigned } from '../../devices/cnum';
import type { PortContext } from '../context';
import { ESRCH, listItem } from '../xluConfig';
import { enumFrom, enumList } from './platformEnums';
import { bitRange, cBitmapBits, int32, memkb, PortLimit, uint32 } from './values';

const INT_MAX = 2147483647n;

/** cpu_weight, cap, period, slice, latency, extratime: ints of b_info->sched_params. */
export function schedParams(c: PortContext): void {
  for (const [key, field] of [
    ['cpu_weight', 'weight'],
    ['cap', 'cap'],
    ['period', 'period'],
    ['slice', 'slice'],
    ['latency', 'latency'],
    ['extratime', 'extratime'],
  ] as const) {
    const l = c.cfg.getLong(key);
    if (l.ok) c.out.set(['b_info', 'sched_params'], field, int32(l.value), l.setting.value.span);
  }
}

/** memory= and maxmem= (MiB; xl multiplies by 1024 into KiB, wrapping like C). Before 4.6 memory= sets both. */
export function memory(c: PortContext): void {
  const m = c.cfg.getLong('memory');
  if (m.ok) {
    c.out.set(['b_info'], 'target_memkb', memkb(m.value), m.setting.value.span);
    if (!c.since(4, 6)) c.out.set(['b_info'], 'max_memkb', memkb(m.value), m.setting.value.span);
  }
  const x = c.cfg.getLong('maxmem');
  if (x.ok) c.out.set(['b_info'], 'max_memkb', memkb(x.value), x.setting.value.span);
}

/** vcpus= and maxvcpus= (before 4.6 vcpus= also sets max_vcpus). From 4.21 a missing or non-positive vcpus= counts as 1. */
export function vcpus(c: PortContext): void {
  const v = c.cfg.getLong('vcpus');
  const oneAtLeast = c.since(4, 21);
  let count: bigint | undefined;
  if (v.ok) {
    c.state.vcpus = v.value;
    if (!c.since(4, 6)) c.out.set(['b_info'], 'max_vcpus', int32(v.value), v.setting.value.span);
    if (!oneAtLeast) count = v.value;
  }
  if (oneAtLeast) {
    if (c.state.vcpus < 1n) c.state.vcpus = 1n;
    count = c.state.vcpus;
  }
  if (count !== undefined) {
    const bits = cBitmapBits(int32(count), c.host.nrCpus);
    if (bits === undefined) {
      c.fail('setting-number-out-of-range', `vcpus = ${count} cannot be a number of vCPUs: xl stops ("Unable to allocate cpumap").`, ['Unable to allocate cpumap'], v.setting);
    }
    const set = bitRange(count, bits);
    if (set) c.out.set(['b_info'], 'avail_vcpus', set, v.setting?.value.span);
    else c.limit ??= `a map of ${count} vCPUs`;
  }
  const mx = c.cfg.getLong('maxvcpus');
  if (mx.ok) c.out.set(['b_info'], 'max_vcpus', int32(mx.value), mx.setting.value.span);
}

/** After vnuma: max_memkb and max_vcpus default to memory and vcpus, and maxvcpus may not be below vcpus (4.6+). */
export function resourceDefaults(c: PortContext): void {
  if (!c.since(4, 6)) return;
  const maxmem = c.out.get(['b_info'], 'max_memkb');
  const target = c.out.get(['b_info'], 'target_memkb');
  if (maxmem === undefined && target !== undefined) c.out.set(['b_info'], 'max_memkb', target, c.out.origins.get('b_info/target_memkb'));
  const maxv = (c.out.get(['b_info'], 'max_vcpus') as number | undefined) ?? 0;
  if (maxv === 0) c.out.set(['b_info'], 'max_vcpus', int32(c.state.vcpus), c.cfg.find('vcpus')?.value.span);
  const now = BigInt((c.out.get(['b_info'], 'max_vcpus') as number | undefined) ?? 0);
  if (now < c.state.vcpus) {
    const mx = c.cfg.find('maxvcpus');
    c.fail('setting-conflict', `maxvcpus = ${now} is below vcpus = ${c.state.vcpus}: xl stops. The guest can never have more vCPUs online than its maximum.`, ['xl: maxvcpus < vcpus'], mx ?? c.cfg.find('vcpus'));
  }
}

/** vuart= (4.10+, Arm): a libxl_vuart_type name (libxl matches it without regard to case). */
export function vuart(c: PortContext): void {
  if (!c.since(4, 10)) return;
  const s = c.cfg.getString('vuart');
  if (!s.ok) return;
  const names = enumList(c, 'libxl_vuart_type');
  const v = enumFrom(names, s.value.value);
  if (v === undefined)
    c.fail('setting-invalid-value', `vuart = "${s.value.value}" is not a virtual UART xl knows: xl stops. The only one is "sbsa_uart" (Arm guests).`, [`ERROR: invalid value "${s.value.value}" for "vuart"`], s.setting);
  c.out.set(['b_info', 'arch_arm'], 'vuart', v, s.value.span);
}

/** llc_colors= (4.20+): LLC colour ranges "N" or "N-M", unsigned 32-bit. */
export function llcColors(c: PortContext): void {
  if (!c.since(4, 20)) return;
  const l = c.cfg.getList('llc_colors');
  if (!l.ok) return;
  const colors: number[] = [];
  l.value.items.forEach((_, i) => {
    const it = listItem(l.value, i);
    if (!it) c.fail('setting-bad-list-item', `llc_colors item ${i + 1} must be a string "N" or "N-M": xl stops.`, [`xl: Can't get element ${i} in LLC color list`], l.value.items[i].span);
    const buf = it.value;
    const a = scanInt(buf, 0, 10, 32);
    const dash = a && buf.charCodeAt(a.end) === 0x2d ? scanInt(buf, a.end + 1, 10, 32) : undefined;
    let start: bigint;
    let end: bigint;
    if (a && dash) {
      start = a.value;
      end = dash.value;
      if (start > end) c.fail('setting-bad-list-item', `LLC colour range "${buf}" starts above its end: xl stops.`, [`xl: Start LLC color is greater than end: ${buf}`], it.span);
    } else {
      if (!a) c.fail('setting-bad-list-item', `"${buf}" is not an LLC colour or range ("N" or "N-M"): xl stops.`, [`xl: Invalid LLC color range: ${buf}`], it.span);
      start = end = a.value;
    }
    // for (k = start; k <= end; k++) with a 32-bit k never ends when end is the largest one: xl writes past its array until it crashes.
    if (end === 0xffffffffn) c.fail('setting-bad-list-item', `LLC colour ${buf}: xl crashes on a range that ends at 4294967295 (its loop never ends).`, [], it.span, 139);
    if (end - start + BigInt(colors.length) > 65536n) throw new PortLimit(`an LLC colour range of ${end - start + 1n} colours`);
    for (let k = start; k <= end; k++) colors.push(Number(k));
  });
  c.out.set(['b_info'], 'llc_colors', colors, l.value.span);
}

/** xenstore_feature_mask= (4.21+) and xenstore_quota= (4.22+). */
export function xenstoreLimits(c: PortContext): void {
  if (!c.since(4, 21)) return;
  const m = c.cfg.getLong('xenstore_feature_mask');
  if (m.ok) c.out.set(['b_info'], 'xenstore_feature_mask', uint32(m.value), m.setting.value.span);
  if (!c.since(4, 22)) return;
  const q = c.cfg.getList('xenstore_quota');
  if (!q.ok) return;
  const quota: Array<{ name: string; val: number }> = [];
  q.value.items.forEach((_, i) => {
    const it = listItem(q.value, i);
    if (!it) c.fail('setting-bad-list-item', `xenstore_quota item ${i + 1} must be a string "name=value": xl stops.`, [`xl: Can't get element ${i} in Xenstore quota list`], q.value.items[i].span);
    const buf = it.value;
    const eq = buf.indexOf('=');
    if (eq < 0) c.fail('setting-bad-list-item', `Xenstore quota "${buf}" has no '=': write "name=value". xl stops.`, [`Quota specification "${buf}" lacks "=".`], it.span);
    const n = strtoul(buf, eq + 1, 0);
    if (n.overflow || eq + 1 === buf.length || n.end !== buf.length || toUnsigned(n.value, 32) !== n.value)
      c.fail('setting-bad-list-item', `Xenstore quota "${buf}": the value must be a number that fits 32 bits. xl stops.`, [`Quota specification "${buf}" uses illegal value "${buf.slice(eq + 1)}".`], it.span);
    quota.push({ name: buf.slice(0, eq), val: Number(n.value) });
  });
  c.out.set(['b_info', 'xenstore_quota'], 'quota', quota, q.value.span);
}

/** max_grant_frames, max_maptrack_frames (4.10+; bounded and fatal from 4.12.2), max_grant_version (4.16+). */
export function grantLimits(c: PortContext): void {
  if (!c.since(4, 10)) return;
  const bounded = c.since(4, 12, 2);
  // [key, the field's C type, xl.conf's value, whether xl sets the field when the key is absent]
  // (before 4.12.2 xl sets max_maptrack_frames only when xl.conf does).
  const keys: Array<[string, (l: bigint) => number, number, boolean]> = [
    ['max_grant_frames', uint32, c.globals.maxGrantFrames, true],
    ['max_maptrack_frames', uint32, c.globals.maxMaptrackFrames, bounded || c.globals.maxMaptrackFrames !== -1],
  ];
  if (c.since(4, 16)) keys.push(['max_grant_version', int32, c.globals.maxGrantVersion, true]);
  for (const [key, type, global, setsGlobal] of keys) {
    if (!bounded) {
      const l = c.cfg.getLong(key);
      if (l.ok) c.out.set(['b_info'], key, type(l.value), l.setting.value.span);
      else if (setsGlobal) c.out.set(['b_info'], key, type(BigInt(global)));
      continue;
    }
    // xlu_cfg_get_bounded_long(0, INT_MAX, dont_warn = 1): any problem ends xl without a word.
    const l = c.cfg.getLong(key, { dontWarn: true }, [0n, INT_MAX]);
    if (l.e === ESRCH) c.out.set(['b_info'], key, type(BigInt(global)));
    else if (l.ok) c.out.set(['b_info'], key, type(l.value), l.setting.value.span);
    else {
      const why = l.setting?.value.kind === 'list' ? 'setting-not-single' : l.setting?.op === '+=' || !isNumber(l.setting!.value.value) ? 'setting-not-a-number' : 'setting-number-out-of-range';
      c.fail(why, `${key} must be a number from 0 to ${INT_MAX}: xl exits without a message.`, [], l.setting);
    }
  }
}

/** The whole text is a number strtol reads (base 0), whatever its size. */
function isNumber(text: string): boolean {
  const n = strtol(text, 0, 0);
  return n.end === text.length && n.end > 0;
}

export function claimMode(c: PortContext): void {
  c.out.set(['b_info'], 'claim_mode', c.globals.claimMode ? 'True' : 'False');
}
