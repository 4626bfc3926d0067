/**
 * The domain rules: what the target's xl says while it reads the file (the
 * port of parse_config_data, model/xl/readDomain.ts), as findings, and the
 * keys it knows but does not read for this file. Device and channel events
 * are left to their own rules (which read every item, not only up to the
 * first one xl stops at).
 */
import { xlReadsKey } from '../docs/xlKeys';
import type { SettingsModel } from '../model/settings';
import { isSeed, type XenVersion } from '../model/xenVersion';
import { domainReading } from '../model/xl/domainReading';
import type { DomainReading } from '../model/xl/readDomain';
import type { XlEvent } from '../model/xl/types';
import type { Diagnostic } from './diagnostic';
import { finding } from './finding';
import { isRuleCode, ruleInfo, type RuleCode } from './rules';

/** The fix data of setting-not-list: the value to put in a list. */
export interface WrapFixData {
  fix: 'wrap';
  span: { start: number; end: number };
}

export interface DomainCheckOptions {
  xen: XenVersion;
}

/** Events the device and channel rules report themselves (every item read on its own, not only up to xl's first stop). */
function reportedElsewhere(code: string): boolean {
  if (!isRuleCode(code)) return false;
  const category = ruleInfo(code).category;
  return category === 'device' || category === 'channel';
}

export function checkDomain(model: SettingsModel, opts: DomainCheckOptions): Diagnostic[] {
  if (isSeed(opts.xen)) return [];
  const r = domainReading(model, opts.xen);
  const out: Diagnostic[] = [];
  for (const ev of r.events) {
    if (reportedElsewhere(ev.code)) continue;
    const d = eventFinding(ev, model);
    if (d) out.push(d);
  }
  if (r.rc === 0 && !r.limit) memoryAboveMaxmem(r, model, out);
  // Keys xl knows but never looked up for this file. Only when xl read it all: after a stop, nothing later is read.
  if (r.rc === 0 && !r.limit) {
    for (const [key, e] of model.effective) {
      if (r.read.has(key) || xlReadsKey(key, opts.xen) !== 'reads') continue;
      const name = e.last.node.name;
      out.push(finding('setting-unread', name, `xl ${opts.xen.label} does not read '${key}' for this ${guestWord(r)}: it has no effect here.`, { tags: ['unnecessary'] }));
    }
  }
  return out;
}

/** memory= above maxmem= (both given): what libxl then builds (libxl_dom.c: HVM from max_memkb, PV from target_memkb). */
function memoryAboveMaxmem(r: DomainReading, model: SettingsModel, out: Diagnostic[]): void {
  const b = r.config.b_info as { target_memkb?: unknown; max_memkb?: unknown } | undefined;
  const mem = model.effective.get('memory');
  const max = model.effective.get('maxmem');
  if (!b || !mem || !max) return;
  const target = typeof b.target_memkb === 'number' || typeof b.target_memkb === 'bigint' ? BigInt(b.target_memkb) : undefined;
  const ceiling = typeof b.max_memkb === 'number' || typeof b.max_memkb === 'bigint' ? BigInt(b.max_memkb) : undefined;
  if (target === undefined || ceiling === undefined || target <= ceiling) return;
  const type = (r.config.c_info as { type?: string } | undefined)?.type;
  const what =
    type === 'hvm'
      ? `libxl builds this HVM guest with maxmem's ${ceiling / 1024n} MiB: the rest of memory= is never there`
      : `the guest starts with memory's ${target / 1024n} MiB, above the maximum maxmem= sets (static-max ${ceiling / 1024n} MiB), so it can never balloon up to its own size`;
  const node = mem.last.node.value;
  out.push(
    finding('setting-memory-above-maxmem', node, `memory = ${target / 1024n} is above maxmem = ${ceiling / 1024n}: ${what}. Make maxmem at least memory (or leave it out: it defaults to memory).`, {
      related: [{ start: max.last.node.value.start, end: max.last.node.value.end, message: 'maxmem is set here' }],
    }),
  );
}

function guestWord(r: DomainReading): string {
  const t = (r.config.c_info as { type?: string } | undefined)?.type;
  return t === 'hvm' ? 'HVM guest' : t === 'pvh' ? 'PVH guest' : t === 'pv' ? 'PV guest' : 'guest';
}

/** A port event as a finding (its variant from how xl went on). */
function eventFinding(ev: XlEvent, model: SettingsModel): Diagnostic | undefined {
  if (!isRuleCode(ev.code)) throw new Error(`domain port event with no rule: ${ev.code}`);
  const code = ev.code as RuleCode;
  const info = ruleInfo(code);
  let variant = ev.variant;
  if (variant === undefined) {
    const fatal = ev.severity === 'error';
    if (fatal && info.effect !== 'xl-refuses' && info.variants && 'refuses' in info.variants) variant = 'refuses';
    if (!fatal && info.effect === 'xl-refuses' && info.variants && 'ignored' in info.variants) variant = 'ignored';
  }
  const span = ev.span ?? { start: 0, end: Math.min(1, model.tree.text.length) };
  const data = code === 'setting-not-list' && ev.span ? ({ fix: 'wrap', span: ev.span } satisfies WrapFixData) : undefined;
  return finding(code, span, ev.message, data ? { data } : {}, variant as never);
}
