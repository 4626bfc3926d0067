/**
 * xl's reading of a whole domain config (its `parse_config_data`, per Xen
 * release): the values it gets from libxlu, what it prints and where it stops,
 * and the libxl domain configuration it builds (what `xl -N create` prints).
 *
 * Plain data, no LSP, no file system. The port of parse_config_data
 * (model/xl/domain*.ts) reads settings through XluConfig; the device-spec
 * parsers (model/devices/*.ts) read one spec string or list item each. Both
 * report through an XlReader, so that every message xl would print comes with
 * the place in the document it is about.
 */
import type { SpecText } from '../channelSpec';
import type { XenVersion } from '../xenVersion';
import type { Span } from '../../syntax/cst';

/** A value as libxlu stores it (after `+=` concatenation), with where it is. */
export type XluValue = XluString | XluList;

export interface XluString {
  kind: 'string';
  /** The text xl gets (decoded; a number is its digits). */
  value: string;
  /** Where each character of `value` is in the document (several nodes when `+=` concatenated strings). */
  spec: SpecText;
  /** The whole value's range (from its first to its last piece). */
  span: Span;
}

export interface XluList {
  kind: 'list';
  items: XluValue[];
  span: Span;
}

/** One setting libxlu stores: what xlu_cfg_get_* find by name. */
export interface XluSetting {
  name: string;
  value: XluValue;
  /** libxlu's line for the setting (what xl prints in "config parsing error" style messages). */
  xlLine: number;
  nameSpan: Span;
}

/** Something xl prints (or would print) while reading the config. */
export interface XlEvent {
  /** A rule code of check/rules.ts (the model names what happened; the table says what it means; a test checks every code the port emits has an entry). */
  code: string;
  /** 'error': xl stops (or libxl refuses, see the rule's effect); 'warning': xl goes on. */
  severity: 'error' | 'warning';
  /** Our own words, for the finding; they quote `xl` where xl prints something. */
  message: string;
  /**
   * What xl writes to stderr, exactly, when it writes anything: an entry per
   * line it prints, without the final newline. An entry that quotes a value
   * may hold line breaks of its own; Recorder.stderr() gives the lines.
   */
  xl?: string[];
  /** xl writes the last line of `xl` without a line break: what it prints next continues that line. */
  partial?: boolean;
  span?: Span;
  /** The rule's variant (check/rules.ts) this event is an instance of, when not its default. */
  variant?: string;
}

/** Thrown by XlReader.fail: xl exits with `rc` (the port stops there). */
export class XlExit extends Error {
  constructor(
    readonly rc: number,
    readonly event: XlEvent,
  ) {
    super(event.message);
  }
}

/** What the port and the device parsers report through. */
export interface XlReader {
  xen: XenVersion;
  /** xl prints and goes on. */
  warn(event: Omit<XlEvent, 'severity'>): void;
  /** xl prints and exits with `rc` (default 1): throws XlExit. */
  fail(event: Omit<XlEvent, 'severity'>, rc?: number): never;
}

/**
 * A libxl object as libxl's JSON names it: struct fields by IDL name, keyed
 * unions as "key.value" members, enumerations as their libxl string names,
 * defbools as "True"/"False"/"default", bitmaps as arrays of set bits.
 * render/libxlJson.ts prints it the way libxl does (IDL order, defaults left out).
 *
 * Integers: a number while it is a safe integer (|n| <= 2^53 - 1), a bigint
 * beyond (a uint64 such as LIBXL_MEMKB_DEFAULT, 18446744073709551615n, or a
 * memory size in KiB past 2^53); the printer refuses a number that is not a
 * safe integer, since it may already have lost digits. Either may be given
 * for any integer field; the value is stored as the field's C type stores
 * it (-1 in a uint32 is 4294967295). model/libxlIdl.ts has the defaults.
 */
export type LibxlValue = string | number | bigint | boolean | null | LibxlValue[] | { [field: string]: LibxlValue };

export interface XlParseResult {
  /** xl's exit status: 0 when it accepts the file (and prints the JSON). */
  rc: number;
  /** libxl_domain_config, when rc is 0. */
  config?: { [field: string]: LibxlValue };
  /** In the order xl prints them; the last one is the reason xl stopped when rc != 0. */
  events: XlEvent[];
}
