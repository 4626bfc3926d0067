/**
 * The channel rules: every way a `channel = [ ... ]` entry goes wrong at
 * `xl create` time (or silently), for both dialects.
 */
import { domainName } from '../model/guest';
import { Channel, ChannelSetting, hasKey, liveChannels, piecesByKey, piecesOf, readChannels, SEED_KEYS, SEED_TYPES, UPSTREAM_CONNECTIONS, UPSTREAM_KEYS } from '../model/channels';
import { keyFields, SpecPiece, spanOf, specOffset } from '../model/channelSpec';
import type { SettingsModel } from '../model/settings';
import { formatVersion, isSeed, XenVersion } from '../model/xenVersion';
import type { Span } from '../syntax/cst';
import type { Diagnostic } from './diagnostic';
import { nearestWord } from './nearestWord';
import { finding, FindingExtra, MAX_RELATED, MAX_RELATED_EACH } from './finding';
import type { RuleCode, VariantOf } from './rules';

/** A Unix socket address holds 108 bytes including the terminating NUL. */
export const MAX_SOCKET_PATH_BYTES = 107;

/** Data attached to channel diagnostics for their quick fixes (plain JSON). */
export type ChannelFixData =
  | { fix: 'insert'; at: number; text: string; quote: '"' | "'"; snippet?: boolean; title: string }
  | { fix: 'replace'; span: Span; text: string; quote: '"' | "'"; title: string; preferred?: boolean }
  | { fix: 'remove'; span: Span; title: string }
  | { fix: 'wrap-list'; span: Span; title: string }
  | { fix: 'multi'; fixes: ChannelFixData[] };

function quoteOf(ch: Channel): '"' | "'" {
  return ch.node.kind === 'string' ? ch.node.quote : '"';
}

/** Document range of a piece together with one adjacent comma (to remove it cleanly). */
export function pieceRemovalSpan(ch: Channel, p: SpecPiece): Span {
  const t = ch.spec.text;
  if (p.from > 0 && t.charCodeAt(p.from - 1) === 0x2c) return spanOf(ch.spec, p.from - 1, p.to);
  if (p.to < t.length && t.charCodeAt(p.to) === 0x2c) return spanOf(ch.spec, p.from, p.to + 1);
  return p.span;
}

/** Where text can be appended inside the item (before the closing quote). */
function itemEnd(ch: Channel): number {
  return specOffset(ch.spec, ch.spec.text.length);
}
function itemStart(ch: Channel): number {
  return specOffset(ch.spec, 0);
}
function itemSpan(ch: Channel): Span {
  return { start: ch.node.start, end: ch.node.end };
}
/**
 * An insertion of one `key=value` piece into an item. The seed xl stops at a
 * piece without '=', so there the piece goes first; otherwise it goes last.
 */
function insertPiece(ch: Channel, piece: string, title: string): ChannelFixData {
  const quote = quoteOf(ch);
  const t = ch.spec.text;
  if (ch.dialect === 'seed') return { fix: 'insert', at: itemStart(ch), text: t.length === 0 || t.startsWith(',') ? piece : `${piece},`, quote, snippet: true, title };
  return { fix: 'insert', at: itemEnd(ch), text: t.length === 0 || t.endsWith(',') ? piece : `,${piece}`, quote, snippet: true, title };
}

/** A socket path suggestion built from the domain and channel names. */
export function suggestSocketPath(domain: string | undefined, channel: string | undefined, index: number): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  const dom = clean(domain ?? '') || 'domain';
  let chan = clean(channel ?? '') || `channel${index + 1}`;
  const fixed = `/run/xen/${dom}-.sock`;
  if (Buffer.byteLength(fixed + chan) > MAX_SOCKET_PATH_BYTES) chan = chan.slice(0, Math.max(1, MAX_SOCKET_PATH_BYTES - Buffer.byteLength(fixed)));
  return `/run/xen/${dom}-${chan}.sock`;
}

/** The first `max` elements of `xs` other than `x`. */
function othersThan<T>(xs: readonly T[], x: T, max = MAX_RELATED): T[] {
  const out: T[] = [];
  for (let i = 0; i < xs.length && out.length < max; i++) if (xs[i] !== x) out.push(xs[i]);
  return out;
}

const nameKey = (ch: Channel) => (ch.name && ch.name.text !== '' ? ch.name.text : undefined);
const pathKey = (ch: Channel) => (ch.path && (ch.output === 'socket' || ch.output === 'file') && ch.path.text !== '' ? ch.path.text : undefined);

/** The live channels by one key (name, or socket path), for the duplicate rules. */
interface KeyIndex {
  /** Every key's channels, in list order. */
  all: Map<string, Channel[]>;
  /** The keys that two or more channels share. */
  shared: Set<string>;
}

function indexBy(live: readonly Channel[], keyOf: (ch: Channel) => string | undefined): KeyIndex {
  const all = new Map<string, Channel[]>();
  const shared = new Set<string>();
  for (const ch of live) {
    const k = keyOf(ch);
    if (k === undefined) continue;
    const list = all.get(k);
    if (list) {
      list.push(ch);
      shared.add(k);
    } else all.set(k, [ch]);
  }
  return { all, shared };
}

/** In place: channel `b` takes the place of channel `a` (the same place in the list). */
function replaceIn(index: KeyIndex, keyOf: (ch: Channel) => string | undefined, a: Channel, b: Channel): void {
  const ka = keyOf(a);
  const kb = keyOf(b);
  if (ka !== undefined) {
    const list = index.all.get(ka)!;
    list.splice(list.indexOf(a), 1);
    if (list.length === 0) index.all.delete(ka);
    else if (list.length === 1) index.shared.delete(ka);
  }
  if (kb === undefined) return;
  const list = index.all.get(kb);
  if (!list) {
    index.all.set(kb, [b]);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].index < b.index) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, b);
  index.shared.add(kb);
}

/** The live channels of a checked version by name and by path (see ChannelChecker.indexes). */
interface Indexed {
  live: Channel[];
  names: KeyIndex;
  paths: KeyIndex;
}
const indexedBy = new WeakMap<SettingsModel, Indexed>();

/**
 * The version before's indexes for these live channels, when every live
 * channel but a few is the one it had at that place (taken over, see
 * readChannels): those few are put in the old ones' place (the old indexes are
 * consumed).
 */
function takenOver(before: Indexed, live: Channel[]): Indexed | undefined {
  if (before.live.length !== live.length) return undefined;
  const replaced: number[] = [];
  for (let i = 0; i < live.length; i++) {
    if (before.live[i] === live[i]) continue;
    if (replaced.length === 16) return undefined;
    replaced.push(i);
  }
  for (const i of replaced) {
    replaceIn(before.names, nameKey, before.live[i], live[i]);
    replaceIn(before.paths, pathKey, before.live[i], live[i]);
  }
  return { live, names: before.names, paths: before.paths };
}

/**
 * The related places of each member of a group: the first MAX_RELATED_EACH
 * other members. Members past the first MAX_RELATED_EACH + 1 all list the
 * same ones, and share one (frozen) array: a thousand channels with one path
 * make a thousand findings, not a million related entries.
 */
function relatedLists<T>(group: readonly Channel[], entry: (c: Channel) => T): (i: number) => T[] {
  const head = group.slice(0, MAX_RELATED_EACH + 1).map(entry);
  const shared = Object.freeze(head.slice(0, MAX_RELATED_EACH)) as T[];
  return (i) => (i < MAX_RELATED_EACH ? othersThan(head, head[i], MAX_RELATED_EACH) : shared);
}

function list(items: readonly string[]): string {
  return items.map((i) => `'${i}'`).join(', ');
}

const DOMAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:+-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Recommended names: reverse domain, dot separated, ending in a version. */
const NAME_STYLE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;

/** Moves every offset of fix data by `d`, in place. */
function moveFix(f: ChannelFixData, d: number): void {
  switch (f.fix) {
    case 'insert':
      f.at += d;
      return;
    case 'multi':
      for (const x of f.fixes) moveFix(x, d);
      return;
    default:
      f.span.start += d;
      f.span.end += d;
  }
}

/** Moves every offset of a channel diagnostic by `d`, in place (it owns each of its objects: no two findings share one). */
function moveDiagnostic(x: Diagnostic, d: number): void {
  x.start += d;
  x.end += d;
  if (x.related) {
    for (const r of x.related) {
      r.start += d;
      r.end += d;
    }
  }
  if (x.data !== undefined) moveFix(x.data as ChannelFixData, d);
}

/**
 * What each channel's own rules found, kept with the channel object. The next
 * version of the document reuses the object for an unchanged item (moved to
 * its new place, see readChannels), and then its findings are moved too
 * instead of found again: the same diagnostic objects, moved in place, as the
 * channel is (the version they were made for is consumed by the next one, see
 * checkTree; copying 12,000 findings per keystroke was a tenth of the time on
 * a list of 26,000 channels). `context` and `index` are everything else they
 * depend on.
 */
interface ItemFindings {
  context: string;
  index: number;
  /** The item offset the diagnostics were made for. */
  at: number;
  diagnostics: Diagnostic[];
}

/**
 * The context string of the last check, reused while it is the same: each
 * kept ItemFindings then holds this very string, and comparing it with the
 * current one is a pointer comparison instead of a character one (26,000
 * per keystroke).
 */
let lastContext = '';

/** `previous`: the model of the version before an edit, whose channels were taken over (see readChannels); consumed. */
export function checkChannels(model: SettingsModel, opts: { dialect?: 'auto' | 'upstream' | 'seed'; xen: XenVersion }, previous?: SettingsModel): Diagnostic[] {
  const setting = readChannels(model, { dialect: opts.dialect, xen: opts.xen });
  if (!setting) return [];
  return new ChannelChecker(model, setting, previous).run();
}

class ChannelChecker {
  private out: Diagnostic[] = [];
  private readonly xen: XenVersion;

  constructor(
    private readonly model: SettingsModel,
    private readonly setting: ChannelSetting,
    private readonly previous?: SettingsModel,
  ) {
    this.xen = setting.xen;
  }

  private add<C extends RuleCode>(code: C, span: Span, message: string, extra: FindingExtra = {}, variant?: VariantOf<C>): void {
    this.out.push(finding(code, span, message, extra, variant));
  }

  run(): Diagnostic[] {
    const { setting } = this;
    const last = setting.effective.last.node;
    if (!setting.isList) {
      this.add('channel-not-list', last.value, "channel must be a list: xl warns \"parameter `channel' is a single value but should be a list\" and creates no channel at all.", {
        data: { fix: 'wrap-list', span: { start: last.value.start, end: last.value.end }, title: 'Wrap the value in [ ]' } satisfies ChannelFixData,
      });
      return this.out;
    }
    const notString = setting.items.find((i) => i.kind === 'not-string');
    if (notString) {
      const after = setting.items.filter((i) => i.index > notString.index);
      this.add('channel-item-not-string',
        notString.node,
        `A channel must be a string, not a list: xl silently stops reading channels here${after.length ? `, so the ${after.length} item${after.length > 1 ? 's' : ''} after it ${after.length > 1 ? 'are' : 'is'} ignored too` : ''}.`,
        { related: after.slice(0, MAX_RELATED).map((i) => ({ start: i.node.start, end: i.node.end, message: 'ignored by xl' })) },
      );
    }
    if (setting.dialect === 'upstream' && setting.seedItems > 0 && !isSeed(this.xen)) this.seedForRelease();
    else if (setting.foreign > 0) this.mixedDialect();
    const live: Channel[] = [];
    // The item rules read, besides the item: the release (messages), the domain name and the index (path suggestions).
    let context = `${formatVersion(this.xen)}\0${domainName(this.model) ?? '\0'}`;
    if (context === lastContext) context = lastContext;
    else lastContext = context;
    for (const item of setting.items) {
      if (item.kind !== 'channel' || item.dropped) continue;
      live.push(item);
      const known = item.checked as ItemFindings | undefined;
      if (known && known.context === context && known.index === item.index) {
        const d = item.node.start - known.at;
        if (d !== 0) {
          for (const x of known.diagnostics) moveDiagnostic(x, d);
          known.at = item.node.start;
        }
        for (const x of known.diagnostics) this.out.push(x);
        continue;
      }
      const found = this.itemRules(item);
      for (const d of found) this.out.push(d);
      // An empty item's removal reaches into the list around it: found again every time.
      item.checked = item.pieces.length > 0 ? ({ context, index: item.index, at: item.node.start, diagnostics: found } satisfies ItemFindings) : undefined;
    }
    this.duplicates(live);
    // An unquoted number item cannot take text inserted into it: no such fix there.
    for (const ch of live) {
      if (ch.node.kind === 'string') continue;
      for (const d of this.out) {
        const data = d.data as ChannelFixData | undefined;
        if (data && data.fix !== 'remove' && d.start >= ch.node.start && d.end <= ch.node.end) d.data = undefined;
      }
    }
    return this.out;
  }

  /** The rules of one item on its own (what Channel.checked keeps). */
  private itemRules(item: Channel): Diagnostic[] {
    const outer = this.out;
    this.out = [];
    try {
      if (item.dialect === 'seed') this.seedItem(item);
      else this.upstreamItem(item);
      this.commonItem(item);
      return this.out;
    } finally {
      this.out = outer;
    }
  }

  /**
   * Edits that rename every kind key of the other dialect (`type=` to
   * `connection=`, or the reverse). Values without an equivalent (the seed's
   * none and path) stay as they are and then show as errors of their own.
   */
  private conversion(to: 'upstream' | 'seed'): { fix?: ChannelFixData; left: number } {
    const from = to === 'upstream' ? 'type' : 'connection';
    const fixes: Array<Extract<ChannelFixData, { fix: 'replace' }>> = [];
    let left = 0;
    for (const item of this.setting.items) {
      if (item.kind !== 'channel' || item.node.kind !== 'string') continue;
      for (const k of keyFields(item.spec, from)) {
        fixes.push({ fix: 'replace', span: k.span, text: to === 'upstream' ? 'connection' : 'type', quote: quoteOf(item), title: '' });
      }
      for (const p of piecesOf(item, from)) if (p.value!.text !== 'pty' && p.value!.text !== 'socket') left++;
    }
    if (!fixes.length) return { left };
    const title = to === 'upstream' ? 'Convert the channels to the released dialect (type= to connection=)' : 'Convert the channels to the 2014 dialect (connection= to type=)';
    return { fix: { fix: 'multi', fixes: [{ ...fixes[0], title }, ...fixes.slice(1)] }, left };
  }

  private seedForRelease(): void {
    const { fix, left } = this.conversion('upstream');
    const items = liveChannels(this.setting).filter((c) => hasKey(c, 'type') && !hasKey(c, 'connection'));
    if (!items.length) return;
    this.add(
      'channel-seed-dialect',
      this.setting.effective.last.node.name,
      `${items.length === 1 ? 'A channel uses' : `${items.length} channels use`} type=, the 2014 proposal's key that no released Xen reads: xl ${formatVersion(this.xen)} ignores it and stops with "channel has unknown 'connection'". Convert them to connection=${left ? ` (type=none and type=path have no released equivalent)` : ''}, or, if this file is for the proposal, say so with a "# xlcfg: xen=seed-2014" comment.`,
      { data: fix, related: items.slice(0, MAX_RELATED).map((c) => ({ start: c.node.start, end: c.node.end, message: 'uses type=' })) },
    );
  }

  private mixedDialect(): void {
    const { setting } = this;
    const otherKey = setting.dialect === 'upstream' ? 'type' : 'connection';
    const minority = setting.items.filter((i): i is Channel => i.kind === 'channel' && hasKey(i, otherKey));
    const name = setting.effective.last.node.name;
    this.add(
      'channel-mixed-dialect',
      name,
      setting.dialect === 'seed'
        ? `Some channels use connection=, the key of released Xen (4.5 and later), but they are read as the 2014 proposal's xl reads them (type=)${setting.dialectSource === 'target' ? ', the target being seed-2014' : ''}: there connection= is an unknown key.`
        : 'Some channels use type= (the 2014 proposal), but they are read as released Xen reads them (connection=): there type= is an unknown key.',
      { related: minority.slice(0, MAX_RELATED).map((c) => ({ start: c.node.start, end: c.node.end, message: `uses ${otherKey}=` })), data: this.conversion(setting.dialect).fix },
    );
  }

  private brokenPiece(ch: Channel, index: number, upstream: boolean): void {
    const p = ch.pieces[index];
    const piece = JSON.stringify(p.raw);
    if (!upstream) {
      // seed: a piece without '=' silently ends the item (this happens once per item).
      const rest = ch.pieces.slice(index + 1);
      this.add(
        'channel-piece-without-equals',
        p.span,
        `${piece} has no '=': the 2014 xl silently ignores it${rest.length ? ' and everything after it in this channel' : ''}.`,
        { related: rest.slice(0, MAX_RELATED).map((q) => ({ ...q.span, message: 'ignored' })), tags: ['unnecessary'] },
        'seed',
      );
      return;
    }
    const xlSays = `xl stops with "failed to parse channel configuration: ${p.raw}"`;
    if (p.broken === 'no-equals') {
      const afterPath = ch.pieces[index - 1]?.key?.text === 'path';
      this.add('channel-piece-without-equals', p.span, `${piece} is not a key=value setting: ${xlSays}.${afterPath ? ' A path cannot contain a comma: everything after the comma is read as a new setting.' : ''}`, {
        data: { fix: 'remove', span: pieceRemovalSpan(ch, p), title: `Remove ${piece}` } satisfies ChannelFixData,
      });
    } else if (p.broken === 'empty-value') {
      this.add('channel-empty-value', p.span, `${piece} has no value after '=': ${xlSays}.`);
    } else {
      this.add('channel-empty-key', p.span, `${piece} has no key before '=': ${xlSays} (from Xen 4.18 it only warns and ignores it).`, {
        data: { fix: 'remove', span: pieceRemovalSpan(ch, p), title: `Remove ${piece}` } satisfies ChannelFixData,
      });
    }
  }

  private upstreamItem(ch: Channel): void {
    const quote = quoteOf(ch);
    if (ch.pieces.length === 0) {
      this.add('channel-empty-item', itemSpan(ch), 'An empty channel entry: xl crashes on it (it passes a missing value to strdup).', { data: this.removeItemData(ch) });
      return;
    }
    let fatalKindSeen = false;
    // xl stops at the first piece it cannot split: report that one (and how many more there are).
    let brokenSeen = 0;
    let brokenAt = -1;
    ch.pieces.forEach((p, index) => {
      if (p.broken) {
        if (brokenSeen++ === 0) {
          brokenAt = this.out.length;
          this.brokenPiece(ch, index, true);
        }
        return;
      }
      const key = p.key!;
      const value = p.value!;
      if (key.text === '') {
        this.add(
          'channel-empty-key',
          p.span,
          `${JSON.stringify(p.raw)} has no key before '=': xl warns "unknown channel parameter '', ignoring".`,
          { data: { fix: 'remove', span: pieceRemovalSpan(ch, p), title: `Remove ${JSON.stringify(p.raw)}` } satisfies ChannelFixData },
          'from-4.18',
        );
        return;
      }
      if (!(UPSTREAM_KEYS as readonly string[]).includes(key.text)) {
        this.unknownKey(ch, p, UPSTREAM_KEYS, quote);
        return;
      }
      if (key.text === 'connection' && !(UPSTREAM_CONNECTIONS as readonly string[]).includes(value.text) && !fatalKindSeen) {
        fatalKindSeen = true;
        this.unknownKind(ch, value, UPSTREAM_CONNECTIONS, quote, `xl stops with "unknown channel connection '${value.text}'"`);
      }
      if (p.lost) {
        this.add('channel-value-equals',
          p.lost.span,
          `The value of ${key.text} contains '=': xl ${formatVersion(this.xen)} keeps only ${JSON.stringify(value.text)} and silently drops ${JSON.stringify(p.lost.text)} (fixed in Xen 4.18).`,
          { tags: ['unnecessary'] },
        );
      }
    });
    if (brokenSeen > 1 && this.out[brokenAt]) this.out[brokenAt].message += ` (${brokenSeen - 1} more piece${brokenSeen > 2 ? 's' : ''} in this channel cannot be split either.)`;
    const connections = piecesOf(ch, 'connection');
    if (connections.length === 0) {
      const type = piecesOf(ch, 'type')[0];
      const seedKind = type?.value?.text;
      const fix: ChannelFixData | undefined =
        type && (seedKind === 'pty' || seedKind === 'socket')
          ? { fix: 'replace', span: type.key!.span, text: 'connection', quote, title: `Use connection=${seedKind} (the released name of type=${seedKind})`, preferred: true }
          : insertPiece(ch, 'connection=${1|pty,socket|}', 'Add connection=');
      this.add('channel-missing-connection',
        itemSpan(ch),
        `This channel has no connection=: xl stops with "channel has unknown 'connection'". Use connection=pty or connection=socket${type ? ` (type= is the 2014 proposal's key${seedKind === 'none' || seedKind === 'path' ? `, and type=${seedKind} has no equivalent in released Xen` : ''})` : ''}.`,
        { data: fix },
      );
    } else if (connections.length > 1) {
      this.duplicateConnection(ch, connections);
    }
    this.paths(ch, quote);
  }

  private seedItem(ch: Channel): void {
    const quote = quoteOf(ch);
    if (ch.pieces.length === 0) {
      this.add('channel-empty-item', itemSpan(ch), 'An empty channel entry: the 2014 xl creates a channel without a name, and libxl then refuses the domain ("channel has no name").', { data: this.removeItemData(ch) }, 'seed');
      return;
    }
    let fatal = false;
    let output: string | undefined;
    const types: SpecPiece[] = [];
    for (let index = 0; index < ch.pieces.length; index++) {
      const p = ch.pieces[index];
      if (p.ignored) continue;
      if (p.broken) {
        this.brokenPiece(ch, index, false);
        continue;
      }
      const key = p.key!;
      const value = p.value!;
      if (!(SEED_KEYS as readonly string[]).includes(key.text)) {
        this.unknownKey(ch, p, SEED_KEYS, quote);
        continue;
      }
      if (key.text !== 'type' || fatal) continue;
      types.push(p);
      if (output !== undefined && output !== 'none') {
        fatal = true;
        const first = types[0];
        this.add(
          'channel-duplicate-connection',
          p.span,
          'A second type= : the 2014 xl stops with "a channel may have only one output".',
          { related: [{ ...first.span, message: 'the first type=' }], data: { fix: 'remove', span: pieceRemovalSpan(ch, p), title: `Remove ${JSON.stringify(p.raw)}` } satisfies ChannelFixData },
          'seed',
        );
        continue;
      }
      if (!(SEED_TYPES as readonly string[]).includes(value.text)) {
        fatal = true;
        this.unknownKind(ch, value, SEED_TYPES, quote, `the 2014 xl stops with "unknown channel type '${value.text}'"`, value.text.trim().toLowerCase() === 'file' ? 'path' : undefined);
        continue;
      }
      output = value.text;
    }
    if (types.length === 0 && !fatal) {
      this.add('channel-no-output', itemSpan(ch), 'This channel has no type=: the 2014 proposal creates it connected to nothing (type=none).', {
        data: insertPiece(ch, 'type=${1|pty,socket,path,none|}', 'Add type='),
      });
    }
    this.paths(ch, quote);
  }

  /** Rules shared by both dialects. */
  private commonItem(ch: Channel): void {
    const names = piecesOf(ch, 'name');
    for (const [key, all] of piecesByKey(ch)) {
      if (all.length < 2 || key === 'connection' || key === 'type') continue;
      for (const p of all.slice(0, -1)) {
        const winner = all[all.length - 1];
        this.add('channel-duplicate-key', p.span, `${key}= is given twice: xl uses the last one (${JSON.stringify(winner.value!.text)}) and ignores this one.`, {
          related: [{ ...winner.span, message: 'this one wins' }],
          tags: ['unnecessary'],
          data: { fix: 'remove', span: pieceRemovalSpan(ch, p), title: `Remove ${JSON.stringify(p.raw)}` } satisfies ChannelFixData,
        });
      }
    }
    if (names.length === 0 && ch.pieces.length > 0) {
      this.add('channel-missing-name', itemSpan(ch), 'This channel has no name=: libxl refuses to create the domain ("channel N has no name"), and the guest could not find it anyway.', {
        data: { fix: 'insert', at: itemStart(ch), text: `name=\${1:org.example.agent.0}${ch.spec.text.length === 0 || ch.spec.text.startsWith(',') ? '' : ','}`, quote: quoteOf(ch), snippet: true, title: 'Add name=' } satisfies ChannelFixData,
      });
    } else if (ch.name && ch.name.text === '') {
      this.add('channel-empty-name', ch.name.span.start === ch.name.span.end ? names[names.length - 1].span : ch.name.span, 'This channel name is empty: xl accepts it, but the guest cannot find the channel by name.');
    } else if (ch.name) {
      const n = ch.name.text;
      if (!NAME_STYLE.test(n) || !/\d/.test(n.split('.').pop() ?? '')) {
        this.add('channel-name-style', ch.name.span, `Channel names should be a reverse domain name with a version, such as org.example.agent.0, so that they never collide: ${JSON.stringify(n)}.`);
      }
      if (/["]/.test(n)) this.add('channel-value-quote', ch.name.span, "This name contains '\"', which the channel documentation forbids (xl reads it).");
    }
    if (ch.backend) this.backend(ch);
  }

  private paths(ch: Channel, quote: '"' | "'"): void {
    const pathPieces = piecesOf(ch, 'path');
    const output = ch.output;
    const needsPath = output === 'socket' || output === 'file';
    const kindName = ch.dialect === 'seed' ? 'type' : 'connection';
    if (needsPath && !ch.path) {
      const name = ch.name?.text;
      const suggestion = suggestSocketPath(domainName(this.model), name, ch.index);
      const file = output === 'file';
      this.add('channel-missing-path',
        ch.kindField?.span ?? itemSpan(ch),
        file
          ? 'A type=path channel needs path= (the file to write to): libxl refuses it ("channel has no path").'
          : ch.dialect === 'seed'
            ? 'A socket channel needs path=: libxl refuses it ("channel has no path").'
            : `A socket channel needs path=: xl stops with "channel connection 'socket' requires path=..".`,
        { data: insertPiece(ch, `path=\${1:${file ? suggestion.replace(/^\/run\/xen\//, '/var/log/xen/').replace(/\.sock$/, '.log') : suggestion}}`, `Add path=${file ? '' : suggestion}`) },
        ch.dialect === 'seed' ? 'seed' : undefined,
      );
    }
    if (ch.path && !needsPath && output !== undefined) {
      const p = pathPieces[pathPieces.length - 1];
      this.add('channel-ignored-path', p.span, `path= is ignored for ${kindName}=${ch.kindField?.text ?? 'none'}: only ${ch.dialect === 'seed' ? 'socket and path channels' : 'socket channels'} use it.`, {
        tags: ['unnecessary'],
        data: { fix: 'remove', span: pieceRemovalSpan(ch, p), title: 'Remove the ignored path=' } satisfies ChannelFixData,
      });
    }
    if (ch.path && needsPath) {
      const path = ch.path.text;
      if (path !== '' && !path.startsWith('/')) {
        this.add('channel-relative-path', ch.path.span, `${JSON.stringify(path)} is a relative path: qemu creates it relative to its own working directory, which you do not control. Use an absolute path.`, {
          data: { fix: 'replace', span: ch.path.span, text: `/run/xen/${path.replace(/^\.\//, '')}`, quote, title: `Make it /run/xen/${path.replace(/^\.\//, '')}` } satisfies ChannelFixData,
        });
      }
      const bytes = Buffer.byteLength(path);
      if (output === 'socket' && bytes > MAX_SOCKET_PATH_BYTES) {
        this.add('channel-path-too-long', ch.path.span, `This socket path is ${bytes} bytes long: a Unix socket address holds at most ${MAX_SOCKET_PATH_BYTES}, so qemu fails to start ("UNIX socket path ... is too long").`);
      }
      if (/["]/.test(path)) this.add('channel-value-quote', ch.path.span, "This path contains '\"', which the channel documentation forbids (xl reads it).");
    }
  }

  private unknownKey(ch: Channel, p: SpecPiece, known: readonly string[], quote: '"' | "'"): void {
    const key = p.key!.text;
    const seedKeyInUpstream = ch.dialect === 'upstream' && key === 'type';
    const upstreamKeyInSeed = ch.dialect === 'seed' && key === 'connection';
    let suggestion = nearestWord(key, known);
    let note = '';
    if (seedKeyInUpstream) {
      const v = p.value?.text;
      suggestion = v === 'pty' || v === 'socket' ? 'connection' : undefined;
      note = " type= is the 2014 proposal's key; released Xen uses connection= (pty or socket).";
    } else if (upstreamKeyInSeed) {
      suggestion = 'type';
      note = ' connection= is the released Xen key; the 2014 proposal uses type=.';
    } else if (ch.dialect === 'seed' && key.trim() !== key && known.includes(key.trim())) {
      suggestion = key.trim();
      note = ' The 2014 xl does not trim spaces around keys.';
    }
    this.add('channel-unknown-key', p.key!.span.start === p.key!.span.end ? p.span : p.key!.span, `Unknown channel key ${JSON.stringify(key)}: xl warns "unknown channel parameter '${key}', ignoring".${suggestion && !note ? ` Did you mean '${suggestion}'?` : ''}${note}`, {
      data: suggestion ? ({ fix: 'replace', span: p.key!.span, text: suggestion, quote, title: `Change to '${suggestion}'`, preferred: true } satisfies ChannelFixData) : undefined,
    });
  }

  private unknownKind(ch: Channel, value: { text: string; span: Span }, valid: readonly string[], quote: '"' | "'", xlSays: string, override?: string): void {
    const v = value.text;
    let suggestion = override ?? nearestWord(v, valid);
    let note = '';
    if (ch.dialect === 'upstream') {
      if (v.toLowerCase() === 'unix') suggestion = 'socket';
      if (['file', 'path', 'none', 'null'].includes(v.toLowerCase())) {
        suggestion = undefined;
        note = ' Released Xen has no file or none channels (they existed only in the 2014 proposal): use pty or socket.';
      }
    } else if (v.toLowerCase() === 'file') note = " The 2014 proposal calls the file kind 'path'.";
    if (v !== v.trim() && valid.includes(v.trim())) {
      suggestion = v.trim();
      note = ' The 2014 xl does not trim spaces around values.';
    }
    this.add('channel-unknown-connection', value.span.start === value.span.end ? itemSpan(ch) : value.span, `${JSON.stringify(v)} is not a valid ${ch.dialect === 'seed' ? 'type' : 'connection'} (${list(valid)}): ${xlSays}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}${note}`, {
      data: suggestion ? ({ fix: 'replace', span: value.span, text: suggestion, quote, title: `Change to '${suggestion}'`, preferred: true } satisfies ChannelFixData) : undefined,
    });
  }

  /** connection= more than once (upstream): the last one wins. */
  private duplicateConnection(ch: Channel, all: SpecPiece[]): void {
    for (const p of all) {
      const others = othersThan(all, p, MAX_RELATED_EACH);
      this.add('channel-duplicate-connection', p.span, `connection= is given ${all.length} times in this channel: xl uses the last one and ignores the earlier.`, {
        related: others.map((q) => ({ ...q.span, message: 'another connection=' })),
        data: p !== all[all.length - 1] ? ({ fix: 'remove', span: pieceRemovalSpan(ch, p), title: `Remove ${JSON.stringify(p.raw)}` } satisfies ChannelFixData) : undefined,
      });
    }
  }

  private backend(ch: Channel): void {
    const b = ch.backend!;
    const v = b.text;
    let problem: string | undefined;
    if (v === '') problem = 'backend= is empty: libxl reads it as domain id 0.';
    else if (/^\d+$/.test(v)) {
      if (Number(v) >= 0x7ff0) problem = `${v} is not a valid domain id (domain ids are below 32752).`;
    } else if (UUID.test(v)) problem = 'backend= takes a domain name or id, not a UUID: libxl only looks domains up by name.';
    else if (!DOMAIN_NAME.test(v)) problem = `${JSON.stringify(v)} is neither a domain id nor a plausible domain name.`;
    if (problem) this.add('channel-backend-invalid', b.span.start === b.span.end ? itemSpan(ch) : b.span, problem);
  }

  /**
   * The live channels by name and by path. Indexing 26,000 channels by two
   * keys per keystroke was a fifth of a keystroke: the version before's are
   * taken over and updated where channels were read again.
   */
  private indexes(live: Channel[]): Indexed {
    const before = this.previous && indexedBy.get(this.previous);
    if (this.previous) indexedBy.delete(this.previous);
    const indexed = (before && takenOver(before, live)) ?? { live, names: indexBy(live, nameKey), paths: indexBy(live, pathKey) };
    indexedBy.set(this.model, indexed);
    return indexed;
  }

  /** Across channels: names and socket paths must be unique. */
  private duplicates(live: Channel[]): void {
    const { names, paths } = this.indexes(live);
    for (const name of names.shared) {
      const chans = names.all.get(name)!;
      const related = relatedLists(chans, (c) => ({ ...c.name!.span, message: 'the same name' }));
      chans.forEach((ch, i) => {
        this.add('channel-duplicate-name', ch.name!.span, `Two channels are named ${JSON.stringify(name)}: the guest finds channels by name and cannot tell them apart.`, { related: related(i) });
      });
    }
    for (const path of paths.shared) {
      const chans = paths.all.get(path)!;
      const related = relatedLists(chans, (c) => ({ ...c.path!.span, message: 'the same path' }));
      chans.forEach((ch, i) => {
        this.add('channel-duplicate-path', ch.path!.span, `Two channels use the path ${JSON.stringify(path)}: only one of them can work.`, { related: related(i) });
      });
    }
  }

  private removeItemData(ch: Channel): ChannelFixData {
    const parent = this.setting.effective.chain.map((s) => s.node.value).find((v) => v.kind === 'list' && v.items.includes(ch.node));
    let span: Span = { start: ch.node.start, end: ch.node.end };
    if (parent && parent.kind === 'list') {
      const i = parent.items.indexOf(ch.node);
      const commaAfter = parent.commas.find((c) => c >= ch.node.end && (i + 1 >= parent.items.length || c < parent.items[i + 1].start));
      const commaBefore = [...parent.commas].reverse().find((c) => c < ch.node.start && (i === 0 || c >= parent.items[i - 1].end));
      if (commaAfter !== undefined) span = { start: ch.node.start, end: commaAfter + 1 };
      else if (commaBefore !== undefined) span = { start: commaBefore, end: ch.node.end };
    }
    return { fix: 'remove', span, title: 'Remove this empty channel' };
  }
}
