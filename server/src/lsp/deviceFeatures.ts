/**
 * Device-aware completion, hover and outline for the strings of disk, vif,
 * pci, ... (every family of model/devices): the sub-keys and values the
 * target release's xl reads, what xl made of the piece under the cursor,
 * and each device named by what identifies it (a disk by its vdev, a vif by
 * its mac or bridge). The completion, hover and symbol providers call in
 * here for device keys.
 */
import type { CheckedDocument } from '../check';
import { getSpecKeyDoc, hasEnumeratedValues, SpecKeyDoc } from '../docs/keys';
import { DeviceSetting, isDeviceKey, readDevices, ReadItem } from '../model/devices/document';
import { familyKeys, familyValues } from '../model/devices/keys';
import type { DeviceFamily, DevicePiece } from '../model/devices/spec';
import type { LibxlValue } from '../model/xl/types';
import { formatVersion } from '../model/xenVersion';
import type { ValueNode } from '../syntax/cst';
import { encodeString } from '../syntax/stringLiteral';
import type { PlainCompletion, StringValueContext, ValueCompletionContext } from './completion';
import type { HoverResult, StringHoverContext } from './hover';
import { code, escapeMarkdown, specKeyMarkdown } from './markdown';
import type { ListItemSymbol } from './symbols';

function settingOf(checked: CheckedDocument, key: string): DeviceSetting | undefined {
  return readDevices(checked.model, checked.options.xen).settings.find((s) => s.key === key);
}

/** The item read from the string node at `start` (a vsnd card holds its strings). */
function itemOf(checked: CheckedDocument, key: string, start: number): ReadItem | undefined {
  const items = settingOf(checked, key)?.items ?? [];
  return items.find((it) => it.spec.item.span.start === start) ?? items.find((it) => it.spec.item.span.start <= start && start < it.spec.item.span.end);
}


function fuzzy(typed: string, candidate: string): boolean {
  const t = typed.toLowerCase();
  const c = candidate.toLowerCase();
  let j = 0;
  for (let i = 0; i < c.length && j < t.length; i++) if (c[i] === t[j]) j++;
  return j === t.length;
}

/** Our own words for sub-keys the reference table does not document. */
function undocumented(family: string, key: string): string {
  if (key.startsWith('colo')) return 'COLO replication setting (unstable; see the COLO documentation).';
  return `A ${family} setting this release's xl reads.`;
}

function docFor(family: string, key: string): SpecKeyDoc | undefined {
  return getSpecKeyDoc(family, key);
}

// --- completion --------------------------------------------------------------------

/**
 * Sub-keys and values inside a device string, for the target release. The
 * piece at the cursor is the text between the commas around it.
 */
export function deviceCompletion(ctx: ValueCompletionContext): PlainCompletion[] | undefined {
  if (ctx.where !== 'string' || !isDeviceKey(ctx.key, ctx.checked.options.xen)) return undefined;
  return stringItems(ctx, ctx.key as DeviceFamily);
}

function stringItems(ctx: StringValueContext, family: DeviceFamily): PlainCompletion[] {
  const xen = ctx.checked.options.xen;
  const text = ctx.checked.tree.text;
  const contentStart = ctx.string.start + 1;
  const content = text.slice(contentStart, ctx.string.contentEnd);
  const rel = ctx.offset - contentStart;
  let pieceStart = content.lastIndexOf(',', rel - 1) + 1;
  while (pieceStart < rel && content[pieceStart] === ' ') pieceStart++;
  const nextComma = content.indexOf(',', rel);
  const pieceEnd = nextComma < 0 ? content.length : nextComma;
  const before = content.slice(pieceStart, rel);
  const eq = before.indexOf('=');
  const quote = ctx.string.quote;
  const { keys, flags } = familyKeys(family, xen);
  if (eq >= 0) {
    const key = before.slice(0, eq);
    const values = familyValues(family, key, xen);
    if (!values) return [];
    const replace = { start: contentStart + pieceStart + eq + 1, end: contentStart + pieceEnd };
    const typed = text.slice(replace.start, ctx.offset);
    return values
      .filter((v) => fuzzy(typed, v))
      .map((v, i) => ({ label: v, icon: 'enumMember' as const, detail: `${key} (${family}, Xen ${formatVersion(xen)})`, insertText: encodeString(v, quote), replace, filterText: v, sortText: String(i).padStart(3, '0') }));
  }
  const afterText = content.slice(rel, pieceEnd);
  const nameRest = /^[A-Za-z0-9_-]*/.exec(afterText)![0];
  const hasEquals = afterText.slice(nameRest.length).startsWith('=');
  const replace = { start: contentStart + pieceStart, end: ctx.offset + nameRest.length };
  const typed = before;
  // What the other pieces of this item set already (as xl read them, when the item is in the tree).
  const item = ctx.string.node ? itemOf(ctx.checked, ctx.key, ctx.string.node.start) : undefined;
  const present = new Set<string>();
  for (const p of item?.spec.pieces ?? []) if (p.name && !(p.span.start <= ctx.offset && ctx.offset <= p.span.end)) present.add(p.key?.text ?? p.name);
  const out: PlainCompletion[] = [];
  keys.forEach((key, i) => {
    if (present.has(key) || !fuzzy(typed, key)) return;
    const doc = docFor(family, key);
    const values = familyValues(family, key, xen);
    let insertText = hasEquals ? encodeString(key, quote) : `${encodeString(key, quote)}=`;
    let snippet = false;
    if (!hasEquals && ctx.snippets && values) {
      insertText = `${key}=\${1|${values.map((v) => encodeString(v, quote).replace(/[\\,|$}]/g, '\\$&')).join(',')}|}`;
      snippet = true;
    }
    out.push({
      label: key,
      icon: 'field',
      detail: `${family} setting (Xen ${formatVersion(xen)})`,
      documentation: doc ? `${doc.summary}${hasEnumeratedValues(doc) ? `\n\nValues: ${doc.values.map(code).join(' · ')}` : ''}` : undocumented(family, key),
      insertText,
      snippet,
      replace,
      filterText: key,
      // Target last: it takes the rest of the spec.
      sortText: `${family === 'disk' && key === 'target' ? '1' : '0'}${String(i).padStart(3, '0')}`,
      retrigger: !hasEquals && !snippet && !!values,
    });
  });
  flags.forEach((flag, i) => {
    if (present.has(flag) || !fuzzy(typed, flag) || hasEquals) return;
    const doc = docFor(family, flag);
    out.push({ label: flag, icon: 'constant', detail: `${family} flag (Xen ${formatVersion(xen)})`, documentation: doc?.summary ?? undocumented(family, flag), insertText: encodeString(flag, quote), replace, filterText: flag, sortText: `2${String(i).padStart(3, '0')}` });
  });
  return out;
}

// --- hover ---------------------------------------------------------------------------

const STATUS_WORDS: Record<DevicePiece['status'], string> = {
  used: 'xl uses it',
  overridden: 'a later piece sets the same thing again, so this one does nothing',
  ignored: 'xl reads past it without using it',
  refused: 'xl complains about it',
  unread: 'xl never reads it (it stopped before)',
};

function formOf(p: DevicePiece): string {
  switch (p.form) {
    case 'key':
      return 'key=value piece';
    case 'flag':
      return 'flag';
    case 'positional':
      return 'positional piece';
    case 'prefix':
      return 'deprecated prefix';
    default:
      return 'piece';
  }
}

/** The device as xl reads it, in one line of key=value pairs. */
function describeDevice(d: { [field: string]: LibxlValue } | undefined): string | undefined {
  if (!d) return undefined;
  const parts = Object.entries(d).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return parts.length ? parts.join(', ') : undefined;
}

export function deviceHover(ctx: StringHoverContext): HoverResult | undefined {
  const { checked, key } = ctx;
  if (!isDeviceKey(key, checked.options.xen)) return undefined;
  const node = ctx.string.node;
  if (!node) return undefined;
  const it = itemOf(checked, key, node.start);
  if (!it) return undefined;
  let piece: DevicePiece | undefined;
  for (const p of it.spec.pieces) if (p.span.start <= ctx.offset && ctx.offset <= p.span.end && (!piece || p.span.end - p.span.start < piece.span.end - piece.span.start)) piece = p;
  const xen = formatVersion(checked.options.xen);
  const lines: string[] = [];
  if (piece) {
    const name = piece.name ?? piece.key?.text ?? piece.text;
    // The sub-key's documentation first (when it has one), then what xl made of this piece.
    const doc = docFor(key, piece.name ?? piece.key?.text ?? '');
    if (doc) lines.push(specKeyMarkdown(doc), '');
    lines.push(`Here: ${escapeMarkdown(name)}, a ${formOf(piece)} of this ${code(key)} spec; ${STATUS_WORDS[piece.status]} (Xen ${xen}).`);
  } else lines.push(`This ${code(key)} spec, as xl ${xen} reads it.`);
  const desc = describeDevice(it.spec.device);
  if (it.exit) lines.push('', `xl stops at this ${key} item (exit status ${it.exit.rc}).`);
  else if (desc) lines.push('', `xl reads it as: ${code(desc)}`);
  const range = piece ? piece.span : { start: node.start, end: node.end };
  return { markdown: lines.join('\n'), start: range.start, end: range.end };
}

// --- outline ---------------------------------------------------------------------------

const str = (v: LibxlValue | undefined) => (typeof v === 'string' ? v : undefined);

/** A device's name in the outline: what identifies it (disk by vdev, vif by mac or bridge...). */
export function deviceSymbol(item: ValueNode, index: number, key: string, checked: CheckedDocument): ListItemSymbol | undefined {
  if (!isDeviceKey(key, checked.options.xen)) return undefined;
  const it = settingOf(checked, key)?.items.find((x) => x.spec.item.span.start === item.start);
  const d = it?.spec.device;
  if (!d) return undefined;
  switch (key) {
    case 'disk':
      return str(d.vdev) ? { name: `${str(d.vdev)}${d.is_cdrom ? ' (cdrom)' : ''}`, detail: str(d.pdev_path) || (d.is_cdrom ? 'empty drive' : undefined) } : undefined;
    case 'vif': {
      const name = str(d.mac) ?? str(d.bridge) ?? str(d.ifname) ?? `vif ${index}`;
      const detail = [str(d.bridge) && name !== str(d.bridge) ? `bridge ${str(d.bridge)}` : undefined, str(d.nictype), str(d.model)].filter(Boolean).join(', ');
      return { name, detail: detail || `devid ${d.devid}` };
    }
    case 'pci': {
      const hex = (n: LibxlValue | undefined, w: number) => (typeof n === 'number' ? n : 0).toString(16).padStart(w, '0');
      const bdf = `${hex(d.domain, 4)}:${hex(d.bus, 2)}:${hex(d.dev, 2)}.${d.vfunc_mask === 0xffffffff ? '*' : hex(d.func, 1)}`;
      return { name: str(d.name) ?? bdf, detail: str(d.name) ? 'assignable device by name' : undefined };
    }
    case 'vtpm':
      return { name: `vtpm ${index}`, detail: `backend ${str(d.backend_domname) ?? ''}` };
    case 'p9':
      return str(d.tag) ? { name: str(d.tag)!, detail: str(d.path) } : undefined;
    case 'usbctrl':
      return { name: `usbctrl ${index}`, detail: [str(d.type), d.version ? `USB ${d.version}` : undefined].filter(Boolean).join(', ') || undefined };
    case 'dtdev':
      return str(d.path) ? { name: str(d.path)! } : undefined;
    case 'virtio':
      return str(d.type) ? { name: str(d.type)!, detail: str(d.transport) } : undefined;
    case 'vdispl': {
      const ids = Array.isArray(d.connectors) ? d.connectors.map((c) => str((c as { [k: string]: LibxlValue }).unique_id ?? (c as { [k: string]: LibxlValue }).id) ?? '?') : [];
      return { name: `vdispl ${index}`, detail: ids.join(', ') || undefined };
    }
    case 'vsnd':
      return { name: str(d.short_name) ?? `sound card ${index}`, detail: str(d.long_name) };
    default:
      return undefined;
  }
}
