/**
 * Generated domain configs for the first parts of parse_config_data
 * (model/xl/steps/identity.ts, resources.ts, actions.ts): security labels,
 * type and builder, hap, name (or none), uuid, oos, pool, the PVH shim,
 * scheduler parameters, memory and maxmem, vcpus and maxvcpus, vuart, LLC
 * colours, Xenstore limits, grant limits and the shutdown actions, each with
 * a good value or a broken one. Deterministic for a seed and an index.
 */
import { quoteItem } from '../devicesXlConfigs';
import { rng } from './channelConfigs';

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const NUMBERS = ['0', '1', '2', '4', '8', '64', '256', '512', '1024', '2048', '65535', '2147483647', '2147483648', '4294967295', '4294967297', '0x10', '010', '9223372036854775807'];
const BAD = ['-1', '', 'x', '1G', ' 5', '5 ', '1.5', '99999999999999999999', '0x', '12abc'];

function number(r: R): string {
  const x = r();
  if (x < 0.6) return pick(r, NUMBERS);
  if (x < 0.72) return quoteItem(pick(r, NUMBERS));
  if (x < 0.92) return quoteItem(pick(r, BAD));
  return `[ ${quoteItem(pick(r, NUMBERS))} ]`;
}

function flag(r: R): string {
  return r() < 0.85 ? pick(r, ['0', '1', '2']) : pick(r, ['"yes"', '""', '[ "1" ]']);
}

function str(r: R, good: readonly string[]): string {
  const x = r();
  if (x < 0.7) return quoteItem(pick(r, good));
  if (x < 0.8) return quoteItem(pick(r, good).toUpperCase());
  if (x < 0.9) return quoteItem(pick(r, ['', ' ', 'x', 'restrat', 'rename_restart', 'soft_reset']));
  if (x < 0.95) return pick(r, ['0', '1']);
  return `[ ${quoteItem(pick(r, good))} ]`;
}

const ACTIONS = ['destroy', 'restart', 'rename-restart', 'preserve', 'coredump-destroy', 'coredump-restart', 'soft-reset'];

const KEYS: Record<string, (r: R) => string> = {
  init_seclabel: (r) => str(r, ['system_u:system_r:domU_t', 'a:b:c']),
  seclabel: (r) => str(r, ['system_u:system_r:domU_t', 'x:y:z']),
  hap: flag,
  uuid: (r) => str(r, ['2a0c3e3b-7c2a-4f37-9e4e-2b1a1f3c9d11', '2A0C3E3B-7C2A-4F37-9E4E-2B1A1F3C9D11', '2a0c3e3b7c2a4f379e4e2b1a1f3c9d11', '2a0c3e3b-7c2a-4f37-9e4e-2b1a1f3c9d1']),
  oos: flag,
  pool: (r) => str(r, ['Pool-0', 'web']),
  pvshim: flag,
  pvshim_path: (r) => str(r, ['/usr/lib/xen/boot/xen-shim']),
  pvshim_cmdline: (r) => str(r, ['pv-shim console=xen,pv']),
  pvshim_extra: (r) => str(r, ['loglvl=all']),
  cpu_weight: number,
  cap: number,
  period: number,
  slice: number,
  latency: number,
  extratime: number,
  memory: number,
  maxmem: number,
  vcpus: number,
  maxvcpus: number,
  vuart: (r) => str(r, ['sbsa_uart']),
  llc_colors: (r) => (r() < 0.8 ? `[ ${Array.from({ length: 1 + Math.floor(r() * 3) }, () => quoteItem(pick(r, ['0', '3', '1-4', '7-2', '0-15', 'x', '', '4294967295', '5-', '2-2']))).join(', ')} ]` : quoteItem('1-3')),
  xenstore_feature_mask: number,
  xenstore_quota: (r) => `[ ${quoteItem(pick(r, ['transaction-nodes=10', 'nodes=0x100', 'a', 'x=', 'y=4294967296', 'z=-1']))} ]`,
  max_grant_frames: number,
  max_maptrack_frames: number,
  max_grant_version: number,
  on_poweroff: (r) => str(r, ACTIONS),
  on_reboot: (r) => str(r, ACTIONS),
  on_watchdog: (r) => str(r, ACTIONS),
  on_crash: (r) => str(r, ACTIONS),
  on_soft_reset: (r) => str(r, ACTIONS),
};

export function identityConfig(seed: number, index: number): string {
  const r = rng(seed * 6151 + index);
  const lines: string[] = [];
  if (r() < 0.93) lines.push(`name = ${r() < 0.95 ? quoteItem(pick(r, ['g', 'web01', 'x y'])) : '[ "g" ]'}`);
  const t = pick(r, ['pv', 'pv', 'pvh', 'hvm', 'hvm']);
  const x = r();
  if (x < 0.7) lines.push(`type = "${t}"`);
  else if (x < 0.8) lines.push(`builder = "${pick(r, ['hvm', 'generic', 'xen'])}"`);
  else if (x < 0.88) lines.push(`type = "${t}"`, `builder = "${pick(r, ['hvm', 'generic'])}"`);
  if (t !== 'hvm' || x >= 0.7) lines.push('kernel = "/boot/vmlinuz"');
  const keys = Object.keys(KEYS);
  const n = 1 + Math.floor(r() * 7);
  for (let i = 0; i < n; i++) {
    const k = pick(r, keys);
    lines.push(`${k} = ${KEYS[k](r)}`);
  }
  return lines.join('\n') + '\n';
}
