/**
 * libxlu's getters (libxlu_cfg.c: xlu_cfg_get_string, _long, _bounded_long,
 * _defbool, _list, _list_as_string_list, replace_string) over a document's
 * settings, with what they print. The port of parse_config_data reads every
 * setting through here, so that each lookup is recorded (what the release
 * reads for this guest: the rest of the file is ignored) and each warning
 * libxlu prints comes with the place in the document it is about.
 *
 * Return codes are libxlu's: 0, ESRCH (not set), EINVAL (wrong kind, not a
 * number, += on a number, out of bounds), ERANGE (a number that does not fit
 * a long).
 */
import type { Span } from '../../syntax/cst';
import type { SyntaxTree } from '../../syntax/cst';
import { LONG_MAX, LONG_MIN, strtol } from '../devices/cnum';
import { xluOfSetting } from '../devices/xlu';
import type { EffectiveSetting, SettingsModel } from '../settings';
import type { XenVersion } from '../xenVersion';
import type { XlEvent, XlReader, XluList, XluString, XluValue } from './types';

/** What a libxlu getter reads a key as (server/data/xl-key-kinds.json says which a release uses per key). */
export type KeyKind = 'number' | 'boolean' | 'string' | 'list';

export const ESRCH = 3;
export const EINVAL = 22;
export const ERANGE = 34;
export const ENOMEM = 12;

/** strerror() of the codes xl prints. */
export function strerror(e: number): string {
  switch (e) {
    case EINVAL:
      return 'Invalid argument';
    case ERANGE:
      return 'Numerical result out of range';
    case ESRCH:
      return 'No such process';
    default:
      return `Unknown error ${e}`;
  }
}

/** One setting as libxlu stores it: its value after `+=`, the operator of its last assignment, its line. */
export interface XluSetting {
  name: string;
  value: XluValue;
  op: '=' | '+=';
  /** libxlu's line for the setting (its last assignment's value). */
  xlLine: number;
  /** The last assignment's name. */
  nameSpan: Span;
  /** The whole last assignment (name to value). */
  span: Span;
}

/** What a getter gives: the value, or libxlu's error code. */
export type Got<T> = { ok: true; e: 0; value: T; setting: XluSetting } | { ok: false; e: number; value?: undefined; setting?: XluSetting };

/** How a call site takes a getter's complaint: a warning xl goes on after (default), or xl exits right after it. */
export interface GetterUse {
  /** The value does not print a warning (libxlu's dont_warn). */
  dontWarn?: boolean;
}

/** The line libxlu gives a value starting at `offset` (the line of its first token). */
export function xlLineAt(tree: SyntaxTree, offset: number): number {
  return tree.tokens.xlLines[tree.tokens.indexAt(offset)] ?? 1;
}

export class XluConfig {
  /** Every name looked up, in order of first lookup (what the release reads for this file). */
  readonly read = new Set<string>();
  /** The kinds of getter each name was read with (checked against server/data/xl-key-kinds.json). */
  readonly readAs = new Map<string, Set<KeyKind>>();
  private readonly settings = new Map<string, XluSetting | null>();

  constructor(
    readonly model: SettingsModel,
    readonly reader: XlReader,
    /** The file name xl prints (config_source). */
    readonly source: string,
  ) {}

  get xen(): XenVersion {
    return this.reader.xen;
  }

  /** libxlu's find(): the setting, or undefined (recorded as read either way, with the kind of getter asking). */
  find(name: string, kind?: KeyKind): XluSetting | undefined {
    this.read.add(name);
    if (kind) (this.readAs.get(name) ?? this.readAs.set(name, new Set()).get(name)!).add(kind);
    const known = this.settings.get(name);
    if (known !== undefined) return known ?? undefined;
    const e = this.model.effective.get(name);
    const s = e ? this.settingOf(e) : null;
    this.settings.set(name, s);
    return s ?? undefined;
  }

  private settingOf(e: EffectiveSetting): XluSetting {
    const tree = this.model.tree;
    const node = e.last.node;
    return {
      name: e.name,
      value: xluOfSetting(tree.text, e),
      op: e.last.op,
      xlLine: xlLineAt(tree, node.value.start),
      nameSpan: { start: node.name.start, end: node.name.end },
      span: { start: node.start, end: node.value.end },
    };
  }

  private warn(s: XluSetting, code: string, message: string, line: string, span: Span = s.value.span): void {
    const event: Omit<XlEvent, 'severity'> = { code, message, xl: [`${this.source}:${s.xlLine}: ${line}`], span };
    this.reader.warn(event);
  }

  /** find_atom: a setting whose value is a string. */
  private atom(name: string, use: GetterUse, kind: KeyKind): Got<XluString> {
    const s = this.find(name, kind);
    if (!s) return { ok: false, e: ESRCH };
    if (s.value.kind !== 'string') {
      if (!use.dontWarn)
        this.warn(s, 'setting-not-single', `${name} must be a single value, not a list: xl warns and ignores it.`, `warning: parameter \`${name}' is a list but should be a single value`);
      return { ok: false, e: EINVAL, setting: s };
    }
    return { ok: true, e: 0, value: s.value, setting: s };
  }

  /** xlu_cfg_get_string (and replace_string: the same reading, a copy kept). */
  getString(name: string, use: GetterUse = {}): Got<XluString> {
    return this.atom(name, use, 'string');
  }

  /** xlu_cfg_get_bounded_long. `bounds` defaults to a long's range (xlu_cfg_get_long). */
  getLong(name: string, use: GetterUse = {}, bounds: [bigint, bigint] = [LONG_MIN, LONG_MAX], kind: KeyKind = 'number'): Got<bigint> {
    const a = this.atom(name, use, kind);
    if (!a.ok) return a;
    const s = a.setting;
    const v = a.value;
    if (s.op === '+=') {
      if (!use.dontWarn) this.warn(s, 'setting-not-a-number', `${name} is a number: '+=' cannot add to it, and xl ignores the setting.`, `warning: can't use += with numbers for parameter \`${name}'`, s.span);
      return { ok: false, e: EINVAL, setting: s };
    }
    const n = strtol(v.value, 0, 0);
    if (n.overflow) {
      if (!use.dontWarn)
        this.warn(s, 'setting-number-out-of-range', `${name} = ${v.value} does not fit in a 64-bit number: xl ignores it.`, `warning: parameter \`${name}' could not be parsed as a number: ${strerror(ERANGE)}`);
      return { ok: false, e: ERANGE, setting: s };
    }
    if (n.end !== v.value.length || n.end === 0) {
      if (!use.dontWarn) this.warn(s, 'setting-not-a-number', `${name} must be a number${numberHint(v.value)}: xl ignores '${v.value}'.`, `warning: parameter \`${name}' is not a valid number`);
      return { ok: false, e: EINVAL, setting: s };
    }
    if (n.value < bounds[0]) {
      if (!use.dontWarn) this.warn(s, 'setting-number-out-of-range', `${name} = ${n.value} is below its minimum ${bounds[0]}: xl ignores it.`, `warning: value \`${n.value}' is smaller than minimum bound '${bounds[0]}'`);
      return { ok: false, e: EINVAL, setting: s };
    }
    if (n.value > bounds[1]) {
      if (!use.dontWarn) this.warn(s, 'setting-number-out-of-range', `${name} = ${n.value} is above its maximum ${bounds[1]}: xl ignores it.`, `warning: value \`${n.value}' is greater than maximum bound '${bounds[1]}'`);
      return { ok: false, e: EINVAL, setting: s };
    }
    return { ok: true, e: 0, value: n.value, setting: s };
  }

  /** xlu_cfg_get_defbool: a number, true when non-zero ("True"/"False" as libxl's JSON writes them). */
  getDefbool(name: string, use: GetterUse = {}): Got<'True' | 'False'> {
    const l = this.getLong(name, use, undefined, 'boolean');
    if (!l.ok) return l;
    return { ok: true, e: 0, value: l.value !== 0n ? 'True' : 'False', setting: l.setting };
  }

  /** xlu_cfg_get_list. */
  getList(name: string, use: GetterUse = {}): Got<XluList> {
    const s = this.find(name, 'list');
    if (!s) return { ok: false, e: ESRCH };
    if (s.value.kind !== 'list') {
      if (!use.dontWarn) this.warn(s, 'setting-not-list', `${name} must be a list: xl warns and ignores it.`, `warning: parameter \`${name}' is a single value but should be a list`);
      return { ok: false, e: EINVAL, setting: s };
    }
    return { ok: true, e: 0, value: s.value, setting: s };
  }

  /** xlu_cfg_get_list_as_string_list: the items (undefined for an item that is a list: libxl keeps NULL there). */
  getStringList(name: string, use: GetterUse = {}): Got<Array<XluString | undefined>> {
    const l = this.getList(name, use);
    if (!l.ok) return l;
    return { ok: true, e: 0, value: l.value.items.map((i) => (i.kind === 'string' ? i : undefined)), setting: l.setting };
  }
}

/** xlu_cfg_get_listitem: the string at `i`, or undefined (past the end, or a nested list). */
export function listItem(list: XluList, i: number): XluString | undefined {
  const it = list.items[i];
  return it && it.kind === 'string' ? it : undefined;
}

function numberHint(text: string): string {
  if (/^\s*[0-9]+\s*[kKmMgGtT][bB]?\s*$/.test(text)) return ' (a plain number of the setting\'s unit, no suffix)';
  if (/^\s*[0-9]+\.[0-9]*\s*$/.test(text)) return ' (a whole number)';
  if (/\s$/.test(text)) return ' (no trailing blanks)';
  return '';
}
