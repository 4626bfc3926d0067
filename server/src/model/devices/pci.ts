/**
 * `pci = [ "..." ]` items: libxlutil's PCI spec readers, then what xl does
 * with their answer.
 *
 * Release decisions:
 *   - pciReader: up to 4.14 xlu_pci_parse_bdf, a character state machine
 *     ([DDDD:]BB:DD.F[@VSLOT][,KEY=VALUE...]; the numbers by strtoul, keys
 *     ended only by '=', an unknown key only a message); from 4.15
 *     xlu_pci_parse_spec_string (bdfd: 96ed6ff297, bdc0799fe2): sscanf'd
 *     BDF, `@VSLOT`, then key=value pieces, `bdf=` and `name=` (exactly one
 *     of a BDF and a name), an unknown key refused;
 *   - funcAll: "*" as the function leaves the function unset before 4.15:
 *     stack garbage up to 4.13.2 and in 4.14.0, an assertion failure (xl
 *     aborts) from 4.13.3 and 4.14.1 (d25cc3ec93, backported);
 *   - droppedWhenBad: xl 4.5 silently drops an entry it cannot read; from
 *     4.6 it exits with status 6 ("unable to parse PCI BDF", from 4.15
 *     "unable to parse PCI_SPEC_STRING");
 *   - rdm_policy= exists from 4.6.
 * libxlutil's own messages here end without a line break.
 */
import { atLeast, inRange, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { atoi, scanInt, strtoul } from './cnum';
import { DevicePiece, DeviceSpec, ItemContext } from './spec';

/** What xl copies into every device before reading its spec (pci_* settings, the rdm policy). */
export interface PciDefaults {
  msitranslate?: boolean;
  power_mgmt?: boolean;
  permissive?: boolean;
  seize?: boolean;
  /** b_info's rdm policy (libxl name); 4.6 and later. */
  rdm_policy?: string;
}

export interface PciOptions {
  defaults?: PciDefaults;
}

export const PCI_FLAG_KEYS = ['permissive', 'msitranslate', 'seize', 'power_mgmt'] as const;
export const RDM_POLICIES = ['strict', 'relaxed'] as const;

/** The keys a release reads in pci specs. */
export function pciKeys(xen: XenVersion): string[] {
  const keys = ['msitranslate', 'power_mgmt', 'permissive', 'seize'];
  if (atLeast(xen, 4, 6)) keys.push('rdm_policy');
  if (atLeast(xen, 4, 15)) keys.push('bdf', 'vslot', 'name');
  return keys;
}

/** The assertion xl 4.13.3+ and 4.14.1+ fail on a "*" function. */
export function funcAllAborts(xen: XenVersion): boolean {
  return (inRange(xen, [4, 13, 3], [4, 14, 0]) || inRange(xen, [4, 14, 1], [4, 15, 0])) && xen.kind === 'release';
}

const PCI_ORDER = ['func', 'dev', 'bus', 'domain', 'vdevfn', 'vfunc_mask', 'msitranslate', 'power_mgmt', 'permissive', 'seize', 'rdm_policy', 'name'];
export const PCI_FUNC_ALL = 0xffffffff;

interface PciState {
  func: number;
  dev: number;
  bus: number;
  domain: number;
  vdevfn: number;
  vfunc_mask: number;
  msitranslate: boolean;
  power_mgmt: boolean;
  permissive: boolean;
  seize: boolean;
  rdm_policy: string;
  name: string | null;
}

function toLibxl(s: PciState, xen: XenVersion): { [field: string]: LibxlValue } {
  const o: { [field: string]: LibxlValue } = {};
  for (const f of PCI_ORDER) {
    const v = s[f as keyof PciState];
    if (v === 0 || v === false || v === null || (f === 'rdm_policy' && (v === 'invalid' || !atLeast(xen, 4, 6)))) continue;
    o[f] = v;
  }
  return o;
}

class PciReader {
  readonly s: PciState;

  constructor(
    private readonly c: ItemContext,
    private readonly xen: XenVersion,
    opts: PciOptions,
  ) {
    const d = opts.defaults ?? {};
    this.s = {
      func: 0,
      dev: 0,
      bus: 0,
      domain: 0,
      vdevfn: 0,
      vfunc_mask: 0,
      msitranslate: d.msitranslate ?? false,
      power_mgmt: d.power_mgmt ?? false,
      permissive: d.permissive ?? false,
      seize: d.seize ?? false,
      rdm_policy: d.rdm_policy ?? 'strict',
      name: null,
    };
  }

  private get text(): string {
    return this.c.text;
  }

  /**
   * xl's message when libxlutil answers an error (4.6+): it exits with the
   * error negated (6 for ERROR_INVAL, 3 for libxl's enum reader's
   * ERROR_FAIL). 4.5 drops the entry.
   */
  private refuse(code: string, from: number, to: number, message: string, lead = '', rc = 6): never | null {
    const span = to > from ? this.c.span(from, to) : this.c.whole;
    if (!atLeast(this.xen, 4, 6)) {
      this.c.warn(code, span, `${message} xl ${this.xen.label} silently drops this pci entry.`, lead ? [lead] : undefined, lead !== '');
      return null;
    }
    const what = atLeast(this.xen, 4, 15) ? 'PCI_SPEC_STRING' : 'PCI BDF';
    return this.c.fail(code, span, `${message} xl stops with "unable to parse ${what} \`${this.text}' for passthrough".`, [`${lead}unable to parse ${what} \`${this.text}' for passthrough`], rc);
  }

  /** Up to 4.14: the state machine over every character and the final NUL. */
  machine(): { [field: string]: LibxlValue } | null {
    const t = this.text;
    const n = t.length;
    const ch = (i: number) => (i < n ? t.charCodeAt(i) : 0);
    type State = 'domain' | 'bus' | 'dev' | 'func' | 'vslot' | 'key' | 'value' | 'terminal';
    let state: State = 'domain';
    let tok = 0;
    let dom: number | undefined;
    let bus: number | undefined;
    let dev: number | undefined;
    let func: number | undefined;
    let vslot = 0;
    let keyFrom = 0;
    let keyTo = 0;
    const hex = (from: number, to: number, mask: number): number | undefined => {
      const s = t.slice(from, to);
      const r = strtoul(s, 0, 16);
      if (r.end === 0 || r.end !== s.length) return undefined;
      if (r.value & ~BigInt(mask)) return undefined;
      return Number(r.value);
    };
    const bad = (what: string, from: number, to: number) => this.refuse('pci-bad-bdf', from, to, `${JSON.stringify(t.slice(from, to))} is not a valid ${what} (the BDF is [DDDD:]BB:DD.F, in hex, F up to 7 or *).`);
    const bdfPiece = this.c.piece(0, n, 'positional');
    bdfPiece.name = 'bdf';
    for (let ptr = 0; ptr <= n; ptr++) {
      const c = ch(ptr);
      switch (state) {
        case 'domain':
          if (c === 0x3a) {
            state = 'bus';
            if ((dom = hex(tok, ptr, 0xffff)) === undefined) return bad('PCI domain', tok, ptr);
            tok = ptr + 1;
          }
          break;
        case 'bus':
          if (c === 0x3a) {
            state = 'dev';
            if ((bus = hex(tok, ptr, 0xff)) === undefined) return bad('PCI bus', tok, ptr);
            tok = ptr + 1;
          } else if (c === 0x2e) {
            state = 'func';
            // Only one ':': what was read as the domain is the bus.
            if (dom! & ~0xff) return bad('PCI bus', 0, tok - 1);
            bus = dom;
            dom = 0;
            if ((dev = hex(tok, ptr, 0xff)) === undefined) return bad('PCI device', tok, ptr);
            tok = ptr + 1;
          }
          break;
        case 'dev':
          if (c === 0x2e) {
            state = 'func';
            if ((dev = hex(tok, ptr, 0xff)) === undefined) return bad('PCI device', tok, ptr);
            tok = ptr + 1;
          }
          break;
        case 'func':
          if (c === 0 || c === 0x40 || c === 0x2c) {
            state = c === 0 ? 'terminal' : c === 0x40 ? 'vslot' : 'key';
            if (t.slice(tok, ptr) === '*') this.s.vfunc_mask = PCI_FUNC_ALL;
            else {
              if ((func = hex(tok, ptr, 0x7)) === undefined) return bad('PCI function', tok, ptr);
              this.s.vfunc_mask = 1;
            }
            bdfPiece.to = ptr;
            bdfPiece.text = t.slice(0, ptr);
            bdfPiece.span = this.c.span(0, ptr);
            tok = ptr + 1;
          }
          break;
        case 'vslot':
          if (c === 0 || c === 0x2c) {
            state = c === 0x2c ? 'key' : 'terminal';
            const p = this.c.piece(tok - 1, ptr, 'key');
            p.name = 'vslot';
            p.value = this.c.part(tok, ptr);
            const v = hex(tok, ptr, 0xff);
            if (v === undefined) return this.refuse('pci-bad-vslot', tok, ptr, `${JSON.stringify(t.slice(tok, ptr))} is not a virtual slot (hex, up to ff).`);
            vslot = v;
            p.field = 'vdevfn';
            tok = ptr + 1;
          }
          break;
        case 'key':
          if (c === 0x3d) {
            state = 'value';
            keyFrom = tok;
            keyTo = ptr;
            tok = ptr + 1;
          }
          break;
        case 'value':
          if (c === 0x2c || c === 0) {
            state = c === 0x2c ? 'key' : 'terminal';
            if (this.option(keyFrom, keyTo, tok, ptr) === null) return null;
            tok = ptr + 1;
          }
          break;
        case 'terminal':
          break;
      }
    }
    if (state !== 'terminal') {
      if (state === 'key') return this.refuse('device-piece-without-equals', tok, n, `${JSON.stringify(t.slice(tok))} is not a key=value option.`);
      if (bdfPiece.to === n && state !== 'vslot') return this.refuse('pci-bad-bdf', 0, n, `${JSON.stringify(t)} is not a PCI address ([DDDD:]BB:DD.F).`);
      return this.refuse('pci-bad-bdf', 0, n, `${JSON.stringify(t)} is not a PCI spec xl can read.`);
    }
    if (func === undefined) {
      // "*": the function is never set.
      if (funcAllAborts(this.xen)) {
        this.c.fail('device-crash', bdfPiece.span, 'A "*" function (all functions) makes this xl abort: libxlutil asserts that the function was set ("Assertion ... failed").', ["xl: libxlu_pci.c:174: xlu_pci_parse_bdf: Assertion `dom != INVALID && bus != INVALID && dev != INVALID && func != INVALID' failed."], 134);
      }
      this.c.warn('device-undefined', bdfPiece.span, `With a "*" function xl ${this.xen.label} leaves the device's function number uninitialised (whatever was on the stack).`);
      func = 0;
    }
    this.s.domain = dom!;
    this.s.bus = bus!;
    this.s.dev = dev!;
    this.s.func = func;
    this.s.vdevfn = vslot << 3;
    bdfPiece.field = 'bdf';
    return toLibxl(this.s, this.xen);
  }

  /** An option of the state machine: key [kf, kt), value [vf, vt). */
  private option(kf: number, kt: number, vf: number, vt: number): void | null {
    const t = this.text;
    const key = t.slice(kf, kt);
    const value = t.slice(vf, vt);
    const p = this.c.keyPiece(kf, kt, vt, key);
    if ((PCI_FLAG_KEYS as readonly string[]).includes(key)) {
      this.s[key as (typeof PCI_FLAG_KEYS)[number]] = atoi(value) !== 0;
      p.field = key;
      this.c.override(key, p);
      return;
    }
    if (key === 'rdm_policy' && atLeast(this.xen, 4, 6)) {
      if (value === 'strict' || value === 'relaxed') {
        this.s.rdm_policy = value;
        p.field = key;
        this.c.override(key, p);
        return;
      }
      p.status = 'refused';
      return this.refuse('device-bad-value', vf, vt, `${JSON.stringify(value)} is not an RDM policy (strict or relaxed).`, `${value} is not an valid PCI RDM property policy: 'strict' or 'relaxed'.`);
    }
    p.status = 'ignored';
    p.name = undefined;
    this.c.warn('device-unknown-key', p.key!.span, `${JSON.stringify(key)} is not a pci option xl ${this.xen.label} knows: it prints "Unknown PCI BDF option: ${key}" (with no line break) and ignores it.`, [`Unknown PCI BDF option: ${key}`], true);
  }

  /** 4.15+: parse_bdf at `from` (sscanf %x:%x[:%x].%n, then * or %x). */
  private parseBdf(from: number, to: number, p: DevicePiece): { end: number } | 'bad' | 'crash' {
    const t = this.text.slice(0, to);
    let k = from;
    let colons = 0;
    while (k < t.length && (isXDigit(t.charCodeAt(k)) || t.charCodeAt(k) === 0x3a)) {
      if (t.charCodeAt(k) === 0x3a) colons++;
      k++;
    }
    if (colons !== 1 && colons !== 2) return 'bad';
    const nums: number[] = [];
    let at = from;
    for (let i = 0; i <= colons; i++) {
      const v = scanInt(t, at, 16, 32);
      if (!v) return 'bad';
      nums.push(Number(v.value));
      at = v.end;
      const lit = i < colons ? 0x3a : 0x2e;
      if (t.charCodeAt(at) !== lit) {
        // Every number read but the '.' missing: sscanf leaves %n unset and xl reads from a garbage offset.
        return i < colons ? 'bad' : 'crash';
      }
      at++;
    }
    const [domain, bus, dev] = colons === 1 ? [0, nums[0], nums[1]] : nums;
    if (domain > 0xffff || bus > 0xff || dev > 0x1f) return 'bad';
    let func: number;
    if (t.charCodeAt(at) === 0x2a) {
      this.s.vfunc_mask = PCI_FUNC_ALL;
      func = 0;
      at++;
    } else {
      const f = scanInt(t, at, 16, 32);
      if (!f || f.value > 7n) return 'bad';
      func = Number(f.value);
      this.s.vfunc_mask = 1;
      at = f.end;
    }
    this.s.domain = domain;
    this.s.bus = bus;
    this.s.dev = dev;
    this.s.func = func;
    p.field = 'bdf';
    this.c.override('bdf', p);
    return { end: at };
  }

  private parseVslot(from: number, to: number): { end: number } | undefined {
    const v = scanInt(this.text.slice(0, to), from, 16, 32);
    if (!v || v.value > 0x1fn) return undefined;
    this.s.vdevfn = Number(v.value) << 3;
    return { end: v.end };
  }

  /** sscanf left %n unset: what follows depends on a stack slot (xl 4.17 and 4.20 mostly crash). */
  private crash(p: DevicePiece): never {
    return this.c.fail('device-undefined', p.span, `${JSON.stringify(p.text)} has no '.' before the function: libxlutil then reads on from an uninitialised offset, so xl crashes (segmentation fault) or refuses the entry, unpredictably.`, [], 139);
  }

  /** 4.15 and later: xlu_pci_parse_spec_string. */
  spec(): { [field: string]: LibxlValue } {
    const t = this.text;
    const n = t.length;
    let ptr = 0;
    let bdf = false;
    let named = false;
    const first = this.c.piece(0, n, 'positional', 'ignored');
    const r = this.parseBdf(0, n, first);
    if (r === 'crash') this.crash(first);
    if (r !== 'bad') {
      bdf = true;
      first.status = 'used';
      first.name = 'bdf';
      first.to = r.end;
      first.text = t.slice(0, r.end);
      first.span = this.c.span(0, r.end);
      ptr = r.end;
      if (t.charCodeAt(ptr) === 0x40) {
        const v = this.parseVslot(ptr + 1, n);
        const end = v?.end ?? n;
        const p = this.c.piece(ptr, end, 'key');
        p.name = 'vslot';
        p.value = this.c.part(ptr + 1, end);
        if (!v) return this.refuse('pci-bad-vslot', ptr + 1, end, `${JSON.stringify(t.slice(ptr + 1))} does not start with a virtual slot (hex, up to 1f).`) as never;
        p.field = 'vdevfn';
        ptr = v.end;
      }
      if (t.charCodeAt(ptr) === 0x2c) ptr++;
      else if (ptr < n) return this.refuse('pci-bad-bdf', ptr, n, `${JSON.stringify(t.slice(ptr))} follows the PCI address where a ',' should.`) as never;
    } else this.c.pieces.pop();
    while (ptr < n) {
      let eq = ptr;
      while (eq < n && t.charCodeAt(eq) !== 0x3d) eq++;
      if (eq >= n) {
        this.c.piece(ptr, n, 'other', 'refused');
        return this.refuse(bdf || ptr > 0 ? 'device-piece-without-equals' : 'pci-bad-bdf', ptr, n, bdf || ptr > 0 ? `${JSON.stringify(t.slice(ptr))} is not a key=value option.` : `${JSON.stringify(t)} is neither a PCI address ([DDDD:]BB:DD.F) nor key=value options.`) as never;
      }
      let end = eq + 1;
      while (end < n && t.charCodeAt(end) !== 0x2c) end++;
      const key = t.slice(ptr, eq);
      const value = t.slice(eq + 1, end);
      const p = this.c.keyPiece(ptr, eq, end, key);
      const next = end < n ? end + 1 : end;
      if (key === 'bdf') {
        const b = this.parseBdf(eq + 1, end, p);
        if (b === 'crash') this.crash(p);
        if (b === 'bad') return this.refuse('pci-bad-bdf', eq + 1, end, `${JSON.stringify(value)} is not a PCI address ([DDDD:]BB:DD.F).`) as never;
        bdf = true;
      } else if (key === 'vslot') {
        if (!this.parseVslot(eq + 1, end)) return this.refuse('pci-bad-vslot', eq + 1, end, `${JSON.stringify(value)} does not start with a virtual slot (hex, up to 1f).`) as never;
        p.field = 'vdevfn';
        this.c.override('vdevfn', p);
      } else if ((PCI_FLAG_KEYS as readonly string[]).includes(key)) {
        this.s[key as (typeof PCI_FLAG_KEYS)[number]] = atoi(value) !== 0;
        p.field = key;
        this.c.override(key, p);
      } else if (key === 'rdm_policy') {
        // libxl's enumeration names, any case ("invalid" too).
        const v = value.toLowerCase();
        if (v !== 'strict' && v !== 'relaxed' && v !== 'invalid') {
          p.status = 'refused';
          return this.refuse('device-bad-value', eq + 1, end, `${JSON.stringify(value)} is not an RDM policy (strict or relaxed).`, `Unknown RDM policy: ${value}`, 3) as never;
        }
        this.s.rdm_policy = v;
        p.field = key;
        this.c.override(key, p);
      } else if (key === 'name') {
        named = true;
        this.s.name = value;
        p.field = 'name';
        this.c.override('name', p);
      } else {
        p.status = 'refused';
        p.name = undefined;
        return this.refuse('device-unknown-key', ptr, eq, `${JSON.stringify(key)} is not a pci option.`, `Unknown PCI_SPEC_STRING option: ${key}`) as never;
      }
      ptr = next;
    }
    if (bdf === named) {
      return this.refuse('pci-bdf-and-name', 0, n, bdf ? 'A pci entry gives a device either by its address (BDF) or by name=, not both.' : 'This pci entry names no device: give its address (BB:DD.F) or name=.') as never;
    }
    return toLibxl(this.s, this.xen);
  }
}

function isXDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/**
 * Reads one pci list item. Returns undefined for an item that is not a
 * string (xl stops reading the pci list there) and null when xl drops the
 * entry (4.5); throws XlExit where xl exits.
 */
export function parsePci(item: XluValue, r: XlReader, opts: PciOptions = {}, into?: DeviceSpec): { [field: string]: LibxlValue } | null | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  const reader = new PciReader(c, r.xen, opts);
  const device = atLeast(r.xen, 4, 15) ? reader.spec() : reader.machine();
  if (into && device) into.device = device;
  return device;
}
