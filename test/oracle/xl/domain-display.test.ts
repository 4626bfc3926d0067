/**
 * Real xl as the judge of the display step of the parse_config_data port
 * (model/xl/steps/display.ts: cpuid, the device model, vnc/sdl, the HVM
 * block, the Arm keys and the last switches), for Xen 4.14, 4.17 and 4.20:
 * on generated configs (displayConfigs.ts) the port and `xl -N create` agree
 * on the exit status, every line xl prints on stderr, every value of the
 * JSON, and the JSON text as the printer writes it from the port's object
 * (byte for byte). Failures are shrunk to the smallest config that still disagrees.
 *
 * Left out: values only the port has outside this step's fields (the
 * defaults other steps set, which libxl does not print), and structs xl
 * prints empty ({}), which hold no value.
 *
 * Environment: XLCFG_DISPLAY_SEED (default fixed), XLCFG_DISPLAY_COUNT
 * (default 1500 per release).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseXenVersion } from '../../../server/src/model/xenVersion';
import { libxlJsonText } from '../../../server/src/render/libxlJson';
import { displayConfig } from './displayConfigs';
import { portOf, parseXlJson, plain, fields, portLines, xlLines } from './domainDiff';
import { ORACLE_RELEASES, type OracleRelease, runXl, type XlRun, xlUnavailable } from './realXl';

const SEED = Number(process.env.XLCFG_DISPLAY_SEED ?? 20261207);
const COUNT = Number(process.env.XLCFG_DISPLAY_COUNT ?? 1500);

const isEmptyObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0;

/** The JSON paths this step sets (a path is dotted from the root; "type.hvm" is one name). */
const MINE = [
  /^b_info\.cpuid$/,
  /^b_info\.(device_model|device_model_version|device_model_stubdomain|device_model_ssid_label|device_model_user|stubdomain_[a-z]+|extra(_pv|_hvm)?|dm_restrict|tee|trap_unmapped_accesses|vpmu)$/,
  /^b_info\.arch_arm\.(gic_version|sve_vl|nr_spis|arm_sci)/,
  /^b_info\.arch_x86\.msr_relaxed$/,
  /^c_info\.xend_suspend_evtchn_compat$/,
  /^b_info\.type\.hvm\.(vga|vnc|sdl|keymap|spice|hdtype|nographic|gfx_passthru|serial|boot|usb|vkb_device|soundhw|xen_platform_pci|vendor_device)/,
  /^(vfbs|vkbs)(\[|$)/,
];

/** Values libxl leaves out of its JSON (the IDL's defaults) that this step may set. */
const DEFAULTS: Array<[RegExp, unknown]> = [
  // nr_spis: before 4.21 (the IDL gave it no init value).
  [/\.(display|port|tls_port|usbredirection|usbversion|nr_spis)$/, 0],
  [/\.hdtype$/, 'ide'],
  [/\.(gfx_passthru_kind|gic_version)$/, 'default'],
  [/\.(vendor_device|tee|arm_sci\.type)$/, 'none'],
  [/\.sve_vl$/, 'disabled'],
  [/\.device_model_version$/, 'unknown'],
  // An empty array (a string list, or d_config's vfbs and vkbs): libxl prints none.
  [/./, []],
];

const mine = (path: string) => MINE.some((re) => re.test(path));
const isDefault = (path: string, v: unknown) => DEFAULTS.some(([re, d]) => re.test(path) && JSON.stringify(d) === JSON.stringify(v));

/** Not this step's: defaults other steps set, and structs xl prints empty (no value in them). */
function othersOnly(d: { path: string; xl?: unknown; port?: unknown; extra?: boolean }): boolean {
  if (d.extra) return !mine(d.path) || isDefault(d.path, d.port);
  return d.port === undefined && isEmptyObject(d.xl);
}

type Diff = ReturnType<typeof fields>[number];

/** fields(), also inside arrays of structs of the same length (vfbs, vkbs: element by element). */
function deepFields(port: unknown, xl: unknown): Diff[] {
  const out: Diff[] = [];
  for (const d of fields(port, xl)) {
    if (Array.isArray(d.port) && Array.isArray(d.xl) && d.port.length === d.xl.length && d.xl.every((x) => x !== null && typeof x === 'object')) {
      d.xl.forEach((x, i) => out.push(...fields((d.port as unknown[])[i], x, `${d.path}[${i}]`)));
    } else out.push(d);
  }
  return out;
}

export function differences(text: string, release: OracleRelease, run: XlRun): string[] {
  const r = portOf(text, release);
  if (r.limit) return [`the port gave up: ${r.limit}`];
  const out: string[] = [];
  if (r.rc !== run.rc) out.push(`exit status: port ${r.rc}, xl ${run.rc}`);
  const ours = portLines(r);
  const theirs = xlLines(run);
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) out.push(`stderr:\n    port: ${JSON.stringify(ours)}\n    xl:   ${JSON.stringify(theirs)}`);
  if (r.rc === 0 && run.rc === 0) {
    const json = parseXlJson(run.stdout);
    for (const d of deepFields(plain(r.config), json)) {
      if (othersOnly(d)) continue;
      // A value of this step only the port has must be one libxl leaves out as its default.
      out.push(d.extra ? `${d.path}: only the port has ${JSON.stringify(d.port)}` : `${d.path}: port ${JSON.stringify(d.port)}, xl ${JSON.stringify(d.xl)}`);
    }
    // And as printed (render/libxlJson.ts, what `xlcfg show --json` writes): byte for byte.
    if (!out.length && libxlJsonText(r.config, parseXenVersion(release)!) !== run.stdout) out.push(`the JSON printed from the port's object is not xl's text:\n${libxlJsonText(r.config, parseXenVersion(release)!)}\n    xl:\n${run.stdout}`);
  }
  return out;
}

/** Smaller configs: one setting line fewer (the first lines, name/type/kernel, stay). */
function* smaller(config: string): Generator<string> {
  const lines = config.split('\n');
  for (let i = 2; i < lines.length; i++) {
    if (!lines[i] || /^kernel = /.test(lines[i])) continue;
    yield [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
  }
}

function shrink(config: string, release: OracleRelease): string {
  let best = config;
  for (let round = 0; round < 20; round++) {
    const candidates = [...smaller(best)];
    if (!candidates.length) break;
    const runs = runXl(release, candidates);
    const k = candidates.findIndex((c, i) => differences(c, release, runs[i]).length > 0);
    if (k < 0) break;
    best = candidates[k];
  }
  return best;
}

for (const release of ORACLE_RELEASES) {
  test(`real xl ${release} and the port agree on ${COUNT} generated display/device-model configs (seed ${SEED}; XLCFG_DISPLAY_SEED reproduces them)`, () => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    const configs = Array.from({ length: COUNT }, (_, i) => displayConfig(SEED, i, release));
    const runs = runXl(release, configs);
    const failures: string[] = [];
    let accepted = 0;
    for (let i = 0; i < configs.length && failures.length < 3; i++) {
      if (runs[i].rc === 0) accepted++;
      if (![0, 1, 3].includes(runs[i].rc)) failures.push(`config #${i}: xl exited ${runs[i].rc} (crashed, or the shim met a call it does not fake): ${runs[i].stderr}\n${configs[i]}`);
      const diffs = differences(configs[i], release, runs[i]);
      if (!diffs.length) continue;
      const small = shrink(configs[i], release);
      const smallDiffs = differences(small, release, runXl(release, [small])[0]);
      failures.push(`generated config #${i} (seed ${SEED}): xl ${release} and the port disagree.\n  smallest such config:\n${small.replace(/^/gm, '    | ')}\n  ${(smallDiffs.length ? smallDiffs : diffs).join('\n  ')}`);
    }
    assert.equal(failures.length, 0, failures.join('\n\n'));
    // Both sides must be exercised: configs xl accepts and configs it refuses.
    assert.ok(accepted > COUNT / 10 && accepted < COUNT, `xl ${release} accepted ${accepted} of ${COUNT} configs: the generator is off balance`);
  });
}
