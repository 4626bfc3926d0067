/**
 * The device rules: what xl says (or would say) about every device spec
 * string, as the readers of model/devices report it, and what libxl or the
 * guest make of the result later (device numbers, MAC addresses). Every item
 * is read on its own, so that the problems of items after the first one xl
 * stops at show too.
 */
import { spanOf } from '../model/channelSpec';
import { DeviceDocument, DeviceSetting, readDevices, ReadItem } from '../model/devices/document';
import { familyKeys, familyValues } from '../model/devices/keys';
import type { DevicePiece } from '../model/devices/spec';
import { diskDevNumber } from '../model/devices/vdev';
import type { SettingsModel } from '../model/settings';
import type { XenVersion } from '../model/xenVersion';
import type { XlEvent, XluString } from '../model/xl/types';
import type { Span } from '../syntax/cst';
import type { Diagnostic } from './diagnostic';
import { finding, FindingExtra, MAX_RELATED, MAX_RELATED_EACH } from './finding';
import { editDistance, nearestWord } from './nearestWord';
import { isRuleCode, RuleCode, ruleInfo } from './rules';

/** Fix data of device findings (plain JSON, read by fixes/deviceFixes.ts). */
export type DeviceFixData =
  | { fix: 'replace'; span: Span; text: string; quote: '"' | "'"; title: string; preferred?: boolean }
  | { fix: 'remove'; span: Span; title: string }
  | { fix: 'insert'; at: number; text: string; quote: '"' | "'"; title: string }
  | { fix: 'wrap'; span: Span; title: string };

export interface DeviceCheckOptions {
  xen: XenVersion;
}

export function checkDevices(model: SettingsModel, opts: DeviceCheckOptions): Diagnostic[] {
  const doc = readDevices(model, opts.xen);
  return new DeviceChecker(model, doc).run();
}

/** Characters a fix's text cannot carry (it would need escapes other than \\ and quotes). */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The quote of a string item in the document ('"' or "'"), or undefined for a number. */
function quoteOf(text: string, item: XluString): '"' | "'" | undefined {
  const q = text[item.span.start];
  return q === '"' || q === "'" ? q : undefined;
}

/**
 * A piece's whole range (with the spaces xl skipped between the comma, or the
 * item's start, and the piece) together with one comma next to it, to remove
 * it cleanly. An empty piece (" " between commas, whose range after the
 * skipped spaces is empty) is thus removed whole, spaces and comma included.
 */
export function pieceRemoval(item: XluString, p: { from: number; to: number }): Span {
  const t = item.value;
  let from = p.from;
  while (from > 0 && t.charCodeAt(from - 1) === 0x20) from--;
  if (from > 0 && t.charCodeAt(from - 1) === 0x2c) return spanOf(item.spec, from - 1, p.to);
  if (from > 0) from = p.from; // (spaces after something else than a comma are not the piece's)
  if (p.to < t.length && t.charCodeAt(p.to) === 0x2c) return spanOf(item.spec, from, p.to + 1);
  return spanOf(item.spec, from, p.to);
}

class DeviceChecker {
  private readonly out: Diagnostic[] = [];
  private readonly text: string;

  constructor(
    private readonly model: SettingsModel,
    private readonly doc: DeviceDocument,
  ) {
    this.text = model.tree.text;
  }

  run(): Diagnostic[] {
    for (const s of this.doc.settings) this.setting(s);
    return this.out;
  }

  private add<C extends RuleCode>(code: C, span: Span, message: string, extra: FindingExtra = {}, variant?: string): void {
    const info = ruleInfo(code);
    const v = variant && info.variants && variant in info.variants ? variant : undefined;
    this.out.push(finding(code, span, message, extra, v as never));
  }

  private setting(s: DeviceSetting): void {
    const e = this.model.effective.get(s.key)!;
    if (s.family !== 'rdm' && s.value.kind !== 'list') {
      const node = e.last.node.value;
      this.add('device-not-list', node, `${s.key} must be a list: xl warns "parameter \`${s.key}' is a single value but should be a list" and creates no ${s.key} device at all.`, {
        data: { fix: 'wrap', span: { start: node.start, end: node.end }, title: 'Wrap the value in [ ]' } satisfies DeviceFixData,
      });
      return;
    }
    if (s.notString) {
      const after = s.value.kind === 'list' ? s.value.items.slice(s.notString.index + 1) : [];
      this.add('device-item-not-string', s.notString.item.span, `A ${s.key} item must be a string, not a list: xl silently stops reading ${s.key} here${after.length ? `, so the ${after.length} item${after.length > 1 ? 's' : ''} after it ${after.length > 1 ? 'are' : 'is'} dropped too` : ''}.`, {
        related: after.slice(0, MAX_RELATED).map((i) => ({ ...i.span, message: 'never read by xl' })),
      });
    }
    for (const ev of s.events) this.event(s, undefined, ev);
    for (const it of s.items) {
      for (const ev of it.events) this.event(s, it, ev);
      this.duplicateKeys(s, it);
    }
    if (s.family === 'disk') this.disks(s);
    if (s.family === 'vif') this.vifs(s);
  }

  /** The variant of an event's rule: how xl goes on (or not) in this family and release. */
  private variantOf(s: DeviceSetting, ev: XlEvent): string | undefined {
    if (s.family === 'disk') return undefined;
    if (ev.severity === 'error') {
      if (ev.code === 'device-undefined') return 'crashes';
      if (ev.code === 'device-item-not-string') return 'refuses';
      return undefined;
    }
    if (ev.code === 'device-piece-without-equals' && s.family !== 'pci') return 'ends-item';
    return ev.xl?.length ? 'ignored' : 'silent';
  }

  private event(s: DeviceSetting, it: ReadItem | undefined, ev: XlEvent): void {
    if (!isRuleCode(ev.code)) throw new Error(`device reader event with no rule: ${ev.code}`);
    const span = ev.span ?? it?.spec.item.span ?? s.value.span;
    let message = ev.message;
    const extra: FindingExtra = {};
    const item = it?.spec.item.kind === 'string' ? it.spec.item : undefined;
    const quote = item ? quoteOf(this.text, item) : undefined;
    const piece = item ? this.pieceAt(it!, span) : undefined;
    if (ev.code === 'device-unknown-key' && piece) {
      const key = piece.key?.text ?? piece.text;
      const { keys, flags } = familyKeys(s.family, this.doc.xen);
      const suggestion = nearestWord(key.trim(), piece.key ? keys : [...flags, ...keys]);
      if (suggestion && suggestion !== key) {
        message += ` Did you mean '${suggestion}'?`;
        if (quote && piece.key) extra.data = { fix: 'replace', span: piece.key.span, text: suggestion, quote, title: `Change to '${suggestion}'`, preferred: true } satisfies DeviceFixData;
      }
      if (this.variantOf(s, ev) !== undefined) extra.tags = ['unnecessary'];
    } else if ((ev.code === 'device-piece-without-equals' || ev.code === 'device-ignored-key' || ev.code === 'disk-too-many-positional' || ev.code === 'disk-respecified') && piece && item && quote) {
      const removal = pieceRemoval(item, piece);
      if (removal.end > removal.start) extra.data = { fix: 'remove', span: removal, title: piece.text ? `Remove ${JSON.stringify(piece.text)}` : 'Remove the empty piece' } satisfies DeviceFixData;
      if (ev.code === 'device-ignored-key') extra.tags = ['unnecessary'];
    } else if (ev.code === 'vif-deprecated-key' && piece?.key && quote) {
      extra.data = { fix: 'replace', span: piece.key.span, text: 'gatewaydev', quote, title: "Change to 'gatewaydev'", preferred: true } satisfies DeviceFixData;
      extra.tags = ['deprecated'];
    } else if (ev.code === 'device-bad-value' && piece && quote) {
      const fix = this.valueFix(s, piece, quote);
      if (fix) {
        message += ` Did you mean '${fix.text}'?`;
        extra.data = fix;
      }
    } else if (ev.code === 'disk-no-vdev' && item && quote && it) {
      const vdev = this.freeVdev();
      const t = item.value;
      const at = spanOf(item.spec, t.length, t.length).start;
      // Before a target= (it would swallow the new piece) or at the end; none when target= swallowed a vdev (disk-target-swallows moves it).
      const target = it.spec.pieces.find((p) => p.name === 'target' && p.form === 'key');
      extra.data = target?.value?.text.includes(',')
        ? undefined
        : target
        ? ({ fix: 'insert', at: target.span.start, text: `vdev=${vdev},`, quote, title: `Add vdev=${vdev}` } satisfies DeviceFixData)
        : ({ fix: 'insert', at, text: `${t.length && !t.endsWith(',') ? ',' : ''}vdev=${vdev}`, quote, title: `Add vdev=${vdev}` } satisfies DeviceFixData);
    } else if (ev.code === 'device-item-not-list' && s.value.kind === 'list') {
      const node = s.value.items.find((i) => i.span.start === span.start);
      if (node) extra.data = { fix: 'wrap', span: node.span, title: 'Wrap the item in [ ]' } satisfies DeviceFixData;
    }
    this.add(ev.code, span, message, extra, this.variantOf(s, ev));
  }

  /** The piece an event is about (the one whose range holds the event's). */
  private pieceAt(it: ReadItem, span: Span): DevicePiece | undefined {
    let best: DevicePiece | undefined;
    for (const p of it.spec.pieces) if (p.span.start <= span.start && span.end <= p.span.end && (!best || p.span.end - p.span.start < best.span.end - best.span.start)) best = p;
    return best;
  }

  /** A sure replacement for a bad value: the same word in the right case, or a near known value. */
  private valueFix(s: DeviceSetting, p: DevicePiece, quote: '"' | "'"): Extract<DeviceFixData, { fix: 'replace' }> | undefined {
    const values = familyValues(s.family, p.name ?? p.key?.text ?? '', this.doc.xen);
    if (!values) return undefined;
    // A key=value piece's value, or a positional piece as a whole.
    const target = p.value ?? p;
    const v = target.text;
    const suggestion = uniqueNearest(v, values);
    if (!suggestion || suggestion === v) return undefined;
    return { fix: 'replace', span: target.span, text: suggestion, quote, title: `Change to '${suggestion}'`, preferred: true };
  }

  private duplicateKeys(s: DeviceSetting, it: ReadItem): void {
    const item = it.spec.item;
    if (item.kind !== 'string') return;
    const quote = quoteOf(this.text, item);
    for (const p of it.spec.pieces) {
      if (p.status !== 'overridden' || !p.field) continue;
      const winner = [...it.spec.pieces].reverse().find((q) => q.field === p.field && q.status === 'used');
      this.add('device-duplicate-key', p.span, `${p.name ?? p.field} is given again later in this ${s.key} spec: xl uses the last one${winner ? ` (${JSON.stringify(winner.text)})` : ''}, this one does nothing.`, {
        related: winner ? [{ ...winner.span, message: 'this one wins' }] : undefined,
        tags: ['unnecessary'],
        data: quote ? ({ fix: 'remove', span: pieceRemoval(item, p), title: `Remove ${JSON.stringify(p.text)}` } satisfies DeviceFixData) : undefined,
      });
    }
  }

  /** A vdev no disk of the file uses yet (xvda, xvdb, ...). */
  private freeVdev(): string {
    const used = new Set<number>();
    const disks = this.doc.settings.find((s) => s.family === 'disk');
    for (const it of disks?.items ?? []) if (typeof it.spec.device?.vdev === 'string') used.add(diskDevNumber(it.spec.device.vdev));
    for (let k = 0; k < 26; k++) {
      const name = `xvd${String.fromCharCode(0x61 + k)}`;
      if (!used.has(diskDevNumber(name))) return name;
    }
    return 'xvdz';
  }

  private disks(s: DeviceSetting): void {
    const byNumber = new Map<number, Array<{ it: ReadItem; piece?: DevicePiece }>>();
    for (const it of s.items) {
      const item = it.spec.item;
      if (item.kind !== 'string') continue;
      const quote = quoteOf(this.text, item);
      for (const p of it.spec.pieces) {
        if (p.form === 'prefix' && p.name && p.status !== 'refused') {
          this.add('disk-deprecated-prefix', p.span, `${JSON.stringify(p.text)} is a deprecated disk prefix${p.name === 'PREFIX:' ? ' that xl ignores' : p.name === 'FORMAT:' ? ` (it sets format=${p.text.slice(0, -1)})` : ` (it sets script=block-${p.text.slice(0, -1)})`}; after it, the second positional piece is the vdev, not the format.`, {
            data: quote && !it.exit ? this.rewriteFix(it, quote) : undefined,
          });
        }
        if (p.name === 'target' && p.form === 'key' && p.value && p.value.text.includes(',')) this.swallows(it, p, quote);
      }
      const vdev = it.spec.device?.vdev;
      if (typeof vdev !== 'string' || it.exit) continue;
      const piece = [...it.spec.pieces].reverse().find((p) => p.field === 'vdev');
      const n = diskDevNumber(vdev);
      if (n === -1) {
        this.add('disk-bad-vdev', piece?.value?.span ?? piece?.span ?? item.span, `${JSON.stringify(vdev)} is not a virtual disk name libxl knows (xvda, xvdb..., hda-hdd, sda-sdp, d0p1, or a number): it refuses the disk ("Invalid or unsupported virtual disk identifier").`);
        continue;
      }
      const list = byNumber.get(n);
      if (list) list.push({ it, piece });
      else byNumber.set(n, [{ it, piece }]);
    }
    for (const [, list] of byNumber) {
      if (list.length < 2) continue;
      for (const { it, piece } of list.slice(1)) {
        const first = list[0];
        this.add('disk-duplicate-vdev', piece?.span ?? it.spec.item.span, `This disk's vdev ${JSON.stringify(it.spec.device!.vdev)} is the same virtual device as an earlier disk's (${JSON.stringify(first.it.spec.device!.vdev)}): libxl refuses it ("device already exists in xenstore").`, {
          related: [{ ...(first.piece?.span ?? first.it.spec.item.span), message: 'the earlier disk' }],
        });
      }
    }
  }

  private swallows(it: ReadItem, p: DevicePiece, quote: '"' | "'" | undefined): void {
    const item = it.spec.item as XluString;
    const v = p.value!;
    const comma = v.text.indexOf(',');
    const rest = v.text.slice(comma + 1);
    const { keys, flags } = familyKeys('disk', this.doc.xen);
    const looksLikePieces = rest.split(',').some((x) => flags.includes(x.trim()) || keys.includes(x.split('=')[0].trim()));
    if (!looksLikePieces) return;
    const path = v.text.slice(0, comma);
    const restSpan = spanOf(item.spec, v.from + comma, v.to);
    // (Control characters would need escapes of their own: no fix then.)
    const fix: DeviceFixData | undefined = quote && !CONTROL.test(v.text) ? { fix: 'replace', span: spanOf(item.spec, p.from, p.to), text: `${rest},target=${path}`, quote, title: 'Move target= to the end' } : undefined;
    this.add('disk-target-swallows', restSpan, `target= takes the rest of the spec: ${JSON.stringify(v.text.slice(comma))} becomes part of the path (${JSON.stringify(v.text)}) instead of being read as settings. Put target= last.`, { data: fix });
  }

  /** The whole item rewritten in key=value form from what xl read (only for items xl accepts). */
  private rewriteFix(it: ReadItem, quote: '"' | "'"): DeviceFixData | undefined {
    const d = it.spec.device;
    if (!d || typeof d.vdev !== 'string' || typeof d.pdev_path !== 'string') return undefined;
    const item = it.spec.item as XluString;
    const parts: string[] = [];
    if (d.format && d.format !== 'raw') parts.push(`format=${d.format}`);
    parts.push(`vdev=${d.vdev}`);
    if (d.is_cdrom) parts.push('devtype=cdrom');
    else parts.push(`access=${d.readwrite ? 'rw' : 'ro'}`);
    if (typeof d.script === 'string') parts.push(`script=${d.script}`);
    const others = it.spec.pieces.filter((p) => p.form === 'key' || p.form === 'flag').filter((p) => !['format', 'vdev', 'access', 'devtype', 'cdrom', 'script', 'target'].includes(p.name ?? ''));
    for (const p of others) parts.push(p.text);
    parts.push(`target=${d.pdev_path}`);
    if (parts.some((x) => CONTROL.test(x)) || d.pdev_path.includes(',')) return undefined;
    return { fix: 'replace', span: spanOf(item.spec, 0, item.value.length), text: parts.join(','), quote, title: 'Rewrite as key=value' };
  }

  private vifs(s: DeviceSetting): void {
    const byMac = new Map<string, Array<{ it: ReadItem; piece?: DevicePiece }>>();
    const byDevid = new Map<number, ReadItem[]>();
    for (const it of s.items) {
      const d = it.spec.device;
      if (!d || it.exit) continue;
      const piece = [...it.spec.pieces].reverse().find((p) => p.name === 'mac');
      if (typeof d.mac === 'string') {
        const first = parseInt(d.mac.slice(0, 2), 16);
        if (first & 1) this.add('vif-mac-multicast', piece?.value?.span ?? it.spec.item.span, `${d.mac} is a multicast address (the lowest bit of its first byte is set): no network interface may use it, so the guest's network driver refuses this vif. Use a unicast address, e.g. 00:16:3e:xx:xx:xx.`);
        const list = byMac.get(d.mac);
        if (list) list.push({ it, piece });
        else byMac.set(d.mac, [{ it, piece }]);
      }
      if (typeof d.devid === 'number') {
        const l = byDevid.get(d.devid);
        if (l) l.push(it);
        else byDevid.set(d.devid, [it]);
      }
    }
    for (const [mac, list] of byMac) {
      if (list.length < 2) continue;
      for (const { it, piece } of list) {
        this.add('vif-duplicate-mac', piece?.value?.span ?? it.spec.item.span, `Two vifs use the MAC address ${mac}: the network cannot tell them apart.`, {
          related: list.filter((x) => x.it !== it).slice(0, MAX_RELATED_EACH).map((x) => ({ ...(x.piece?.value?.span ?? x.it.spec.item.span), message: 'the same MAC address' })),
        });
      }
    }
    for (const [devid, list] of byDevid) {
      if (list.length < 2) continue;
      for (const it of list.slice(1)) {
        const piece = [...it.spec.pieces].reverse().find((p) => p.name === 'devid');
        this.add('device-duplicate-devid', piece?.span ?? it.spec.item.span, `Two vifs have devid ${devid}${piece ? '' : ' (this one by its place in the list)'}: libxl refuses the second ("device already exists in xenstore").`, {
          related: [{ ...list[0].spec.item.span, message: `the first vif with devid ${devid}` }],
        });
      }
    }
  }
}

/** The value a misspelt one surely means: the same in another case, or the only one one edit away. */
function uniqueNearest(v: string, values: readonly string[]): string | undefined {
  const same = values.find((x) => x.toLowerCase() === v.toLowerCase());
  if (same) return same;
  const near = values.filter((x) => editDistance(x, v.toLowerCase()) <= 1);
  return near.length === 1 ? near[0] : undefined;
}
