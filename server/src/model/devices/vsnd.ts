/**
 * `vsnd = [ [ "card,...", "pcm,...", "stream,..." ], ... ]` (4.12 and
 * later, unchanged since): every vsnd item is a list of strings, one sound
 * card. Each string starts with its kind (card, pcm or stream, any case)
 * and goes on with key=value pieces (strtok on ',', leading spaces
 * skipped, "key=" prefixes): a pcm starts a new PCM device, a stream a new
 * stream of the last PCM (a PCM is made for it if there is none). xl reads a
 * card's strings up to the first that is not a string, and exits at the
 * first piece it does not know.
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluString, XluValue } from '../xl/types';
import { strtoul } from './cnum';
import { stringList } from './lists';
import { DeviceSpec, ItemContext } from './spec';
import { strtokSpaced } from './tokens';

export const VSND_KINDS = ['card', 'pcm', 'stream'] as const;
export const VSND_PARAM_KEYS = ['sample-rates', 'sample-formats', 'channels-min', 'channels-max', 'buffer-size'] as const;
export const VSND_KEYS: Record<(typeof VSND_KINDS)[number], readonly string[]> = {
  card: ['backend', 'short-name', 'long-name'],
  pcm: ['name'],
  stream: ['unique-id', 'type'],
};
export const VSND_FORMATS = ['s8', 'u8', 's16_le', 's16_be', 'u16_le', 'u16_be', 's24_le', 's24_be', 'u24_le', 'u24_be', 's32_le', 's32_be', 'u32_le', 'u32_be', 'f32_le', 'f32_be', 'f64_le', 'f64_be', 'iec958_subframe_le', 'iec958_subframe_be', 'mu_law', 'a_law', 'ima_adpcm', 'mpeg', 'gsm'] as const;
export const VSND_STREAM_TYPES = ['p', 'c'] as const;

export function vsndSince(xen: XenVersion): boolean {
  return atLeast(xen, 4, 12);
}

type Obj = { [field: string]: LibxlValue };
interface Params {
  sample_rates?: number[];
  sample_formats?: string[];
  channels_min?: number;
  channels_max?: number;
  buffer_size?: number;
}
interface Stream {
  unique_id?: string;
  type?: string;
  params: Params;
}
interface Pcm {
  name?: string;
  params: Params;
  streams: Stream[];
}

function paramsJson(p: Params): Obj {
  const o: Obj = {};
  if (p.sample_rates?.length) o.sample_rates = p.sample_rates;
  if (p.sample_formats?.length) o.sample_formats = p.sample_formats;
  for (const k of ['channels_min', 'channels_max', 'buffer_size'] as const) if (p[k]) o[k] = p[k]!;
  return o;
}

export interface VsndOptions {
  index: number;
  /** libxlu's line of a value (xl's message for a card that is not a list quotes it). */
  lineOf?: (v: XluValue) => number;
  configSource: string;
}

class CardReader {
  readonly params: Params = {};
  readonly pcms: Pcm[] = [];
  backend?: string;
  shortName?: string;
  longName?: string;

  constructor(private readonly r: XlReader) {}

  /** A params key (any kind): true when it was one. */
  private param(c: ItemContext, target: Params, key: string, from: number, to: number): boolean {
    const t = c.text;
    const value = t.slice(from, to);
    if (key === 'sample-rates') {
      const items = stringList(t, from, to, ';');
      if (!items.length) c.fail('device-crash', c.span(from, to), 'sample-rates= lists no rate: xl crashes on it (it copies a missing item).', [], 139);
      target.sample_rates = items.map((i) => Number(BigInt.asUintN(32, strtoul(t.slice(i.from, i.to), 0, 0).value)));
    } else if (key === 'sample-formats') {
      const items = stringList(t, from, to, ';');
      if (!items.length) c.fail('device-crash', c.span(from, to), 'sample-formats= lists no format: xl crashes on it (it copies a missing item).', [], 139);
      target.sample_formats = items.map((i) => {
        const f = t.slice(i.from, i.to);
        if (!(VSND_FORMATS as readonly string[]).includes(f.toLowerCase())) {
          c.fail('device-bad-value', c.span(i.from, i.to), `${JSON.stringify(f)} is not a PCM format (${VSND_FORMATS.slice(0, 4).join(', ')}, ...): xl stops with "Invalid pcm format".`, [`Invalid pcm format: ${f}`]);
        }
        return f.toLowerCase();
      });
    } else if (key === 'channels-min') target.channels_min = Number(BigInt.asUintN(32, strtoul(value, 0, 0).value));
    else if (key === 'channels-max') target.channels_max = Number(BigInt.asUintN(32, strtoul(value, 0, 0).value));
    else if (key === 'buffer-size') target.buffer_size = Number(BigInt.asUintN(32, strtoul(value, 0, 0).value));
    else return false;
    return true;
  }

  item(item: XluString, into?: DeviceSpec[]): void {
    const c: ItemContext = new ItemContext(item, this.r);
    if (into) into.push({ family: 'vsnd', item, pieces: c.pieces });
    const toks = strtokSpaced(c.text);
    if (!toks.length) return;
    const first = toks[0];
    const kind = first.text.toLowerCase();
    const head = c.piece(first.from, first.to, 'positional');
    head.name = 'kind';
    if (kind === 'pcm') this.pcms.push({ params: {}, streams: [] });
    else if (kind === 'stream') {
      if (!this.pcms.length) this.pcms.push({ params: {}, streams: [] });
      this.pcms[this.pcms.length - 1].streams.push({ params: {} });
    } else if (kind !== 'card') {
      head.status = 'refused';
      c.fail('vsnd-bad-kind', head.span, `${JSON.stringify(first.text)} does not say what this string describes (card, pcm or stream, first): xl stops with "Invalid key: ${first.text}".`, [`Invalid key: ${first.text}`]);
    }
    for (const tok of toks.slice(1)) {
      const key = tok.eq < 0 ? undefined : tok.text.slice(0, tok.eq - tok.from);
      const known = key !== undefined && ((VSND_PARAM_KEYS as readonly string[]).includes(key) || VSND_KEYS[kind as 'card'].includes(key));
      const p = tok.eq >= 0 ? c.keyPiece(tok.from, tok.eq, tok.to, known ? key : undefined) : c.piece(tok.from, tok.to, 'other');
      const vf = tok.eq + 1;
      const pcm = this.pcms[this.pcms.length - 1];
      const target = kind === 'card' ? this.params : kind === 'pcm' ? pcm.params : pcm.streams[pcm.streams.length - 1].params;
      if (known && this.param(c, target, key!, vf, tok.to)) {
        p.field = key;
        c.override(key!, p);
        continue;
      }
      if (!known) {
        p.status = 'refused';
        c.fail(tok.eq < 0 ? 'device-piece-without-equals' : 'device-unknown-key', p.key?.span ?? p.span, `${JSON.stringify(tok.text)} is not a ${kind} setting (${[...VSND_KEYS[kind as 'card'], ...VSND_PARAM_KEYS].join(', ')}): xl stops with "Invalid parameter: ${tok.text}".`, [`Invalid parameter: ${tok.text}`]);
      }
      const value = c.text.slice(vf, tok.to);
      p.field = key;
      c.override(key!, p);
      if (kind === 'card') {
        if (key === 'backend') this.backend = value;
        else if (key === 'short-name') this.shortName = value;
        else this.longName = value;
      } else if (kind === 'pcm') pcm.name = value;
      else {
        const s = pcm.streams[pcm.streams.length - 1];
        if (key === 'unique-id') s.unique_id = value;
        else {
          const ty = value.toLowerCase();
          if (ty !== 'p' && ty !== 'c') {
            p.status = 'refused';
            c.fail('device-bad-value', p.value!.span, `${JSON.stringify(value)} is not a stream type (p for playback, c for capture): xl stops with "Invalid stream type".`, [`Invalid stream type: ${value}`]);
          }
          s.type = ty;
        }
      }
    }
  }

  json(index: number): Obj {
    const o: Obj = {};
    if (this.backend !== undefined) o.backend_domname = this.backend;
    o.devid = index;
    if (this.shortName !== undefined) o.short_name = this.shortName;
    if (this.longName !== undefined) o.long_name = this.longName;
    o.params = paramsJson(this.params);
    if (this.pcms.length) {
      o.pcms = this.pcms.map((p) => {
        const po: Obj = {};
        if (p.name !== undefined) po.name = p.name;
        po.params = paramsJson(p.params);
        if (p.streams.length) {
          po.streams = p.streams.map((s) => {
            const so: Obj = {};
            if (s.unique_id !== undefined) so.unique_id = s.unique_id;
            if (s.type !== undefined) so.type = s.type;
            so.params = paramsJson(s.params);
            return so;
          });
        }
        return po;
      });
    }
    return o;
  }
}

/** Reads one vsnd list item (one card, itself a list of strings). */
export function parseVsnd(card: XluValue, r: XlReader, opts: VsndOptions, into?: DeviceSpec[]): Obj {
  if (card.kind !== 'list') {
    const line = opts.lineOf?.(card) ?? 0;
    r.fail({
      code: 'device-item-not-list',
      message: 'Each vsnd item is a sound card given as a list of strings ([ "card,...", "pcm,...", "stream,..." ]): xl stops with "Failed to get vsnd card list".',
      xl: [`${opts.configSource}:${line}:0: warning: value is not a list`, 'Failed to get vsnd card list: Invalid argument'],
      span: card.span,
    });
  }
  const reader = new CardReader(r);
  for (const item of card.items) {
    if (item.kind !== 'string') break;
    reader.item(item, into);
  }
  return reader.json(opts.index);
}
