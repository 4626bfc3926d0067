/**
 * What a device reader leaves for the editor besides the libxl object: the
 * pieces of the spec string as xl split them, each with its exact document
 * range and what xl made of it. One reader per family fills both in, so the
 * object and the pieces can never disagree.
 */
import type { Span } from '../../syntax/cst';
import { spanOf, SpecText } from '../channelSpec';
import type { LibxlValue, XlEvent, XlExit, XlReader, XluString, XluValue } from '../xl/types';

export type DeviceFamily =
  | 'disk'
  | 'vif'
  | 'pci'
  | 'usbctrl'
  | 'usbdev'
  | 'vfb'
  | 'vkb'
  | 'vtpm'
  | 'p9'
  | 'pvcalls'
  | 'vdispl'
  | 'vsnd'
  | 'virtio'
  | 'rdm'
  | 'dtdev'
  | 'iomem'
  | 'ioports'
  | 'irqs'
  | 'vnuma'
  | 'cpuid';

/** A key, value or whole piece: its text as xl sees it and where it is. */
export interface SpecPart {
  text: string;
  /** Decoded index range in the item. */
  from: number;
  to: number;
  span: Span;
}

/**
 * How xl took a piece:
 * - 'key': `key=value` (or a key xl matched by its prefix);
 * - 'flag': a bare word xl knows (`cdrom`, `trusted`);
 * - 'positional': by its position (disk target/format/vdev/access, pci bdf);
 * - 'prefix': a deprecated disk prefix (`phy:`, `raw:`);
 * - 'other': anything else (xl's complaint says what).
 */
export type PieceForm = 'key' | 'flag' | 'positional' | 'prefix' | 'other';

/**
 * What came of a piece:
 * - 'used': xl took it into the device;
 * - 'overridden': a later piece set the same thing again;
 * - 'ignored': xl read it and went on without using it (with or without a warning);
 * - 'refused': xl complained about it (and stops, now or at the end of the spec);
 * - 'unread': xl stopped before it.
 */
export type PieceStatus = 'used' | 'overridden' | 'ignored' | 'refused' | 'unread';

export interface DevicePiece extends SpecPart {
  form: PieceForm;
  /** The documented name of what the piece sets ('target', 'vdev', 'discard', 'PREFIX:'), when it is one xl knows. */
  name?: string;
  key?: SpecPart;
  value?: SpecPart;
  status: PieceStatus;
  /** The libxl field the piece set, when it set one. */
  field?: string;
}

/** One list item as a reader left it. */
export interface DeviceSpec {
  family: DeviceFamily;
  /** The list item (a string; for vsnd, the card's list). */
  item: XluValue;
  pieces: DevicePiece[];
  /** The libxl object, when xl got that far. */
  device?: { [field: string]: LibxlValue };
  /** Set when xl exits while reading this item. */
  exit?: XlExit;
}

export function part(spec: SpecText, from: number, to: number): SpecPart {
  return { text: spec.text.slice(from, to), from, to, span: spanOf(spec, from, to) };
}

/** A piece between `from` and `to` of the item. */
export function newPiece(spec: SpecText, from: number, to: number, form: PieceForm, status: PieceStatus = 'used'): DevicePiece {
  return { text: spec.text.slice(from, to), from, to, span: spanOf(spec, from, to), form, name: undefined, key: undefined, value: undefined, status, field: undefined };
}

/**
 * An event; `xl` as printed (an entry may hold line breaks: a quoted spec).
 * Recorder.stderr() splits it into lines when they are shown: split here,
 * each of a hostile item's 100 kept messages copied its 200,000-character
 * quote of the spec (splitting a rope flattens it), which no check reads.
 */
export function event(code: string, span: Span, message: string, xl?: string[], partial = false): Omit<XlEvent, 'severity'> {
  const e: Omit<XlEvent, 'severity'> = { code, message, span };
  if (xl) e.xl = xl;
  if (partial) e.partial = true;
  return e;
}

/**
 * The reader's side of one item: the pieces it records and the messages it
 * sends through xl's reader, with their document ranges.
 */
export class ItemContext {
  readonly pieces: DevicePiece[] = [];

  constructor(
    readonly item: XluString,
    readonly r: XlReader,
  ) {}

  get spec(): SpecText {
    return this.item.spec;
  }

  get text(): string {
    return this.item.value;
  }

  span(from: number, to: number): Span {
    return spanOf(this.item.spec, from, to);
  }

  part(from: number, to: number): SpecPart {
    return part(this.item.spec, from, to);
  }

  piece(from: number, to: number, form: PieceForm, status: PieceStatus = 'used'): DevicePiece {
    const p = newPiece(this.item.spec, from, to, form, status);
    this.pieces.push(p);
    return p;
  }

  /** A `key=value` piece split at the '=' at `eq` (key and value untrimmed). */
  keyPiece(from: number, eq: number, to: number, name: string | undefined, status: PieceStatus = 'used'): DevicePiece {
    const p = this.piece(from, to, 'key', status);
    p.name = name;
    p.key = this.part(from, eq);
    p.value = this.part(eq + 1, to);
    return p;
  }

  /** Marks the rest of the item, from `from`, as never read (xl stopped before it). */
  unread(from: number): void {
    if (from < this.text.length) this.piece(from, this.text.length, 'other', 'unread');
  }

  /** The last piece that set each field. */
  private readonly setters = new Map<string, DevicePiece>();

  /** An earlier piece that set the same thing is overridden now. */
  override(field: string, by: DevicePiece): void {
    const before = this.setters.get(field);
    if (before && before !== by && before.status === 'used') before.status = 'overridden';
    this.setters.set(field, by);
  }

  /** xl prints `xl` (each entry one printed line, which may itself hold line breaks) and goes on. */
  warn(code: string, span: Span, message: string, xl?: string[], partial = false): void {
    this.r.warn(event(code, span, message, xl, partial));
  }

  /** xl prints `xl` and exits with `rc`. */
  fail(code: string, span: Span, message: string, xl?: string[], rc = 1): never {
    return this.r.fail(event(code, span, message, xl), rc);
  }

  /** The whole item's range. */
  get whole(): Span {
    return this.item.span;
  }
}
