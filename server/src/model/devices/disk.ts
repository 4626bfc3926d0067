/**
 * `disk = [ "..." ]` items: libxlutil's xlu_disk_parse, the scanner's rules
 * (diskLexer.ts) with their actions, then its final checks. Gives the
 * libxl_device_disk and the pieces as the scanner split them.
 *
 * What the scanner does, in short: it reads key=value pieces, flags,
 * deprecated prefixes (`phy:`) and positional pieces (target, format, vdev,
 * access, in that order; after a deprecated prefix the format is skipped),
 * remembers every error but goes on (some errors stop it), and fails at the
 * end when there was one. `target=` takes the whole rest of the line, commas
 * included.
 *
 * Release decisions:
 *   - exitStatus: xl exits with -1 (255) on a bad disk spec up to 4.6, with
 *     EXIT_FAILURE (1) from 4.7 (parse_disk_config_multistring, 4.7);
 *   - the scanner's rules per release: diskLexer.ts;
 *   - qed is a format from 4.9 (1035fe9b16), standalone a backend from 4.17
 *     (66dd1c62b2).
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { ByteText } from './bytes';
import { atoi } from './cnum';
import { DiskScanner, DiskToken } from './diskLexer';
import { DevicePiece, DeviceSpec, ItemContext, PieceForm } from './spec';
import type { Span } from '../../syntax/cst';

export interface DiskOptions {
  /** What xl calls the config in its messages (the file name as given to xl). */
  configSource: string;
}

/** Formats by their scanner name (the libxl enum names). */
export function diskFormats(xen: XenVersion): string[] {
  const out = ['raw', 'qcow', 'qcow2', 'vhd', 'empty'];
  if (atLeast(xen, 4, 9)) out.push('qed');
  return out;
}

export function diskBackendTypes(xen: XenVersion): string[] {
  const out = ['phy', 'tap', 'qdisk'];
  if (atLeast(xen, 4, 17)) out.push('standalone');
  return out;
}

export const DISK_SPECIFICATIONS = ['xen', 'virtio'] as const;
export const DISK_ACCESS = ['r', 'ro', 'rw', 'w'] as const;

/** The xl exit status for a disk spec xlu_disk_parse rejects (exitStatus decision). */
export function diskExitStatus(xen: XenVersion): number {
  return xen.kind === 'release' && !atLeast(xen, 4, 7) ? 255 : 1;
}

/** The fields of libxl_device_disk xlu_disk_parse can set, as it leaves them. */
interface DiskState {
  backend_domname: string | null;
  pdev_path: string | null;
  vdev: string | null;
  backend: string;
  format: string;
  script: string | null;
  removable: number;
  readwrite: number;
  is_cdrom: number;
  direct_io_safe: boolean;
  discard_enable: 'default' | 'True' | 'False';
  specification: string;
  colo_enable: 'default' | 'True' | 'False';
  colo_host: string | null;
  colo_port: number;
  colo_export: string | null;
  active_disk: string | null;
  hidden_disk: string | null;
  trusted: 'default' | 'True' | 'False';
  grant_usage: 'default' | 'True' | 'False';
}

type StringField = 'backend_domname' | 'pdev_path' | 'vdev' | 'script' | 'colo_host' | 'colo_export' | 'active_disk' | 'hidden_disk';

/** The libxl object, fields in IDL order, defaults left out. */
function toLibxl(d: DiskState): { [field: string]: LibxlValue } {
  const o: { [field: string]: LibxlValue } = {};
  if (d.backend_domname !== null) o.backend_domname = d.backend_domname;
  if (d.pdev_path !== null) o.pdev_path = d.pdev_path;
  if (d.vdev !== null) o.vdev = d.vdev;
  if (d.backend !== 'unknown') o.backend = d.backend;
  if (d.format !== 'unknown') o.format = d.format;
  if (d.script !== null) o.script = d.script;
  if (d.removable) o.removable = d.removable;
  if (d.readwrite) o.readwrite = d.readwrite;
  if (d.is_cdrom) o.is_cdrom = d.is_cdrom;
  if (d.direct_io_safe) o.direct_io_safe = true;
  if (d.discard_enable !== 'default') o.discard_enable = d.discard_enable;
  if (d.specification !== 'unknown') o.specification = d.specification;
  if (d.colo_enable !== 'default') o.colo_enable = d.colo_enable;
  if (d.colo_host !== null) o.colo_host = d.colo_host;
  if (d.colo_port) o.colo_port = d.colo_port;
  if (d.colo_export !== null) o.colo_export = d.colo_export;
  if (d.active_disk !== null) o.active_disk = d.active_disk;
  if (d.hidden_disk !== null) o.hidden_disk = d.hidden_disk;
  if (d.trusted !== 'default') o.trusted = d.trusted;
  if (d.grant_usage !== 'default') o.grant_usage = d.grant_usage;
  return o;
}

/** What the scanner's actions name each key-value rule (documented name, libxl field). */
const VALUE_RULES: Partial<Record<DiskToken['rule'], { name: string; field?: StringField; what?: string }>> = {
  backend: { name: 'backend', field: 'backend_domname', what: 'backend' },
  vdev: { name: 'vdev', field: 'vdev', what: 'vdev' },
  script: { name: 'script', field: 'script', what: 'script' },
  'colo-host': { name: 'colo-host', field: 'colo_host', what: 'colo-host' },
  'colo-export': { name: 'colo-export', field: 'colo_export', what: 'colo-export' },
  'active-disk': { name: 'active-disk', field: 'active_disk', what: 'active-disk' },
  'hidden-disk': { name: 'hidden-disk', field: 'hidden_disk', what: 'hidden-disk' },
};

/**
 * The messages kept per disk spec. Every line xl prints quotes the whole
 * spec, so a long spec repeating a bad piece would make xl print (and the
 * reader build) gigabytes: past this many, they are counted instead.
 */
const MAX_ERRORS = 100;

interface PendingError {
  code: string;
  span: Span;
  message: string;
  line: string;
}

class DiskReader {
  private readonly bt: ByteText;
  private readonly d: DiskState = {
    backend_domname: null,
    pdev_path: null,
    vdev: null,
    backend: 'unknown',
    format: 'unknown',
    script: null,
    removable: 0,
    readwrite: 1,
    is_cdrom: 0,
    direct_io_safe: false,
    discard_enable: 'default',
    specification: 'unknown',
    colo_enable: 'default',
    colo_host: null,
    colo_port: 0,
    colo_export: null,
    active_disk: null,
    hidden_disk: null,
    trusted: 'default',
    grant_usage: 'default',
  };
  private accessSet = false;
  private hadDeprecatedPrefix = false;
  private errors: PendingError[] = [];
  /** The piece being read (errors mark it refused). */
  private current?: DevicePiece;

  constructor(
    private readonly c: ItemContext,
    private readonly xen: XenVersion,
    private readonly opts: DiskOptions,
  ) {
    this.bt = new ByteText(c.text);
  }

  /** Document range of bytes [from, to) of the spec. */
  private span(from: number, to: number): Span {
    return this.c.span(this.bt.charFrom(from), this.bt.charTo(to));
  }

  private piece(from: number, to: number, form: PieceForm, name?: string): DevicePiece {
    const p = this.c.piece(this.bt.charFrom(from), this.bt.charTo(to), form);
    p.name = name;
    this.current = p;
    return p;
  }

  /** A `key=value` piece: bytes [from, to), '=' at `eq`. */
  private keyPiece(from: number, eq: number, to: number, name: string | undefined): DevicePiece {
    const p = this.piece(from, to, 'key', name);
    p.key = this.c.part(this.bt.charFrom(from), this.bt.charTo(eq));
    p.value = this.c.part(this.bt.charFrom(eq + 1), this.bt.charTo(to));
    return p;
  }

  /** Errors past MAX_ERRORS (each of xl's lines repeats the whole spec): counted, not kept. */
  private moreErrors = 0;

  /** xlu__disk_err: one line on xl's stderr; the item fails at the end. */
  private err(code: string, span: Span, message: string, xlMessage: string, near?: string): void {
    if (this.current) this.current.status = 'refused';
    if (this.errors.length >= MAX_ERRORS) {
      this.moreErrors++;
      return;
    }
    const line = `${this.opts.configSource}: config parsing error in disk specification: ${xlMessage}${near !== undefined ? `: near \`${near}'` : ''} in \`${this.c.text}'`;
    this.errors.push({ code, span, message, line });
  }

  private savestring(field: StringField, what: string, value: string, span: Span, p: DevicePiece): void {
    const old = this.d[field];
    if (old !== null && old !== '') {
      this.err('disk-respecified', span, `${what} is given a second time: xl refuses the disk ("${what} respecified").`, `${what} respecified`, value);
      return;
    }
    p.field = field;
    this.c.override(field, p);
    this.d[field] = value;
  }

  /** DSET: an enumeration may be set again only to the same value. */
  private dset(member: 'format' | 'backend' | 'specification', value: string, span: Span, p: DevicePiece, near: string): void {
    const old = this.d[member];
    if (old !== 'unknown' && old !== value) {
      this.err('disk-respecified', span, `${member} is already ${old}: xl refuses the disk ("${member} respecified").`, `${member} respecified`, near);
      return;
    }
    p.field = member;
    this.c.override(member, p);
    this.d[member] = value;
  }

  private setformat(v: string, span: Span, p: DevicePiece): void {
    const formats = diskFormats(this.xen);
    const name = v === '' ? 'raw' : v;
    if (!formats.includes(name)) {
      this.err('device-bad-value', span, `${JSON.stringify(v)} is not a disk format (${formats.join(', ')}): xl refuses the disk ("unknown value for format").`, 'unknown value for format', v);
      return;
    }
    this.dset('format', name, span, p, v);
  }

  private setaccess(v: string, span: Span, p: DevicePiece): void {
    if (v === 'r' || v === 'ro') this.d.readwrite = 0;
    else if (v === 'rw' || v === 'w' || v === '') this.d.readwrite = 1;
    else {
      this.err('device-bad-value', span, `${JSON.stringify(v)} is not an access mode (r, ro, rw or w): xl refuses the disk ("unknown value for access").`, 'unknown value for access', v);
      return;
    }
    p.field = 'readwrite';
    this.c.override('readwrite', p);
  }

  private setbackendtype(v: string, span: Span, p: DevicePiece): void {
    const types = diskBackendTypes(this.xen);
    if (!types.includes(v)) {
      this.err('device-bad-value', span, `${JSON.stringify(v)} is not a disk backend type (${types.join(', ')}): xl refuses the disk ("unknown value for backendtype").`, 'unknown value for backendtype', v);
      return;
    }
    this.dset('backend', v, span, p, v);
  }

  private setspecification(v: string, span: Span, p: DevicePiece): void {
    if (v !== 'xen' && v !== 'virtio') {
      this.err('device-bad-value', span, `${JSON.stringify(v)} is not a disk specification (xen or virtio): xl refuses the disk ("unknown value for specification").`, 'unknown value for specification', v);
      return;
    }
    this.dset('specification', v, span, p, v);
  }

  private setcoloport(v: string, span: Span, p: DevicePiece): void {
    // atoi: a number that reads as 0 (or no number at all) is refused.
    const port = atoi(v);
    if (!port) {
      this.err('device-bad-number', span, `${JSON.stringify(v)} is not a port number: xl refuses the disk ("unknown value for colo_port").`, 'unknown value for colo_port', v);
      return;
    }
    p.field = 'colo_port';
    this.c.override('colo_port', p);
    this.d.colo_port = port;
  }

  /** A positional `vdev:devtype`: true when it had a ':' (and was used as one). */
  private vdevAndDevtype(text: string, from: number, to: number, p: DevicePiece): boolean {
    const colon = text.lastIndexOf(':');
    if (colon < 0) return false;
    // The byte offset of the colon (text is the decoded form of bytes [from, to)).
    let k = to - 1;
    while (k >= from && this.bt.bytes[k] !== 0x3a) k--;
    p.name = 'vdev';
    this.savestring('vdev', 'vdev', text.slice(0, colon), this.span(from, k), p);
    const type = text.slice(colon + 1);
    if (type === 'cdrom') this.d.is_cdrom = 1;
    else if (type === 'disk') this.d.is_cdrom = 0;
    else this.err('device-bad-value', this.span(k + 1, to), `${JSON.stringify(type)} is not a device type (cdrom or disk): xl refuses the disk ("unknown deprecated type").`, 'unknown deprecated type', type);
    return true;
  }

  private positional(from: number, to: number): void {
    const text = this.bt.string(from, to);
    const span = this.span(from, to);
    const p = this.piece(from, to, 'positional');
    const d = this.d;
    if (this.errors.length) {
      // After an error the scanner reads positional pieces without using them.
      p.status = 'ignored';
      return;
    }
    if (d.pdev_path === null) {
      p.name = 'target';
      this.savestring('pdev_path', 'target', text, span, p);
    } else if (!this.hadDeprecatedPrefix && d.format === 'unknown') {
      if (d.pdev_path === '' && text.includes(':')) {
        this.vdevAndDevtype(text, from, to, p);
        d.format = 'empty';
      } else {
        p.name = 'format';
        this.setformat(text, span, p);
      }
    } else if (d.vdev === null) {
      if (!text.includes(':')) {
        p.name = 'vdev';
        this.savestring('vdev', 'vdev', text, span, p);
      } else this.vdevAndDevtype(text, from, to, p);
    } else if (!this.accessSet) {
      this.accessSet = true;
      p.name = 'access';
      this.setaccess(text, span, p);
    } else {
      p.name = undefined;
      this.err('disk-too-many-positional', span, `${JSON.stringify(text)} is a fifth positional piece (after target, format, vdev and access): xl refuses the disk ("too many positional parameters") and reads no further.`, 'too many positional parameters', text);
      this.stop = true;
    }
  }

  /** Set when a rule's action ends the scan (it returns 0). */
  private stop = false;

  run(): { state: DiskState; errors: PendingError[] } {
    const sc = new DiskScanner(this.bt, this.xen);
    for (let t = sc.next(); t; t = sc.next()) {
      this.current = undefined;
      this.token(t, sc);
      if (this.stop) {
        this.c.unread(this.bt.charTo(sc.position));
        break;
      }
    }
    if (!this.errors.length) this.finish();
    return { state: this.d, errors: this.errors };
  }

  /** STRIP(','): the token without its trailing comma. */
  private stripped(t: DiskToken): number {
    return t.to > t.from && this.bt.bytes[t.to - 1] === 0x2c ? t.to - 1 : t.to;
  }

  private token(t: DiskToken, sc: DiskScanner): void {
    const d = this.d;
    const end = this.stripped(t);
    const valueRule = VALUE_RULES[t.rule];
    const eqAt = () => {
      let k = t.from;
      while (this.bt.bytes[k] !== 0x3d) k++;
      return k;
    };
    const valueOf = (eq: number) => ({ text: this.bt.string(eq + 1, end), span: this.span(eq + 1, end) });
    switch (t.rule) {
      case 'blank':
        return;
      case 'format':
      case 'access':
      case 'backendtype':
      case 'specification':
      case 'colo-port': {
        const eq = eqAt();
        const p = this.keyPiece(t.from, eq, end, t.rule);
        const v = valueOf(eq);
        if (t.rule === 'format') this.setformat(v.text, v.span, p);
        else if (t.rule === 'access') this.setaccess(v.text, v.span, p);
        else if (t.rule === 'backendtype') this.setbackendtype(v.text, v.span, p);
        else if (t.rule === 'specification') this.setspecification(v.text, v.span, p);
        else this.setcoloport(v.text, v.span, p);
        return;
      }
      case 'devtype-bad': {
        const eq = eqAt();
        this.keyPiece(t.from, eq, end, 'devtype');
        const v = valueOf(eq);
        // The message quotes the whole token, comma included.
        this.err('device-bad-value', v.span, `${JSON.stringify(v.text)} is not a device type (disk or cdrom): xl refuses the disk ("unknown value for type").`, 'unknown value for type', this.bt.string(t.from, t.to));
        return;
      }
      case 'cdrom':
      case 'devtype-cdrom':
      case 'devtype-disk': {
        const p = t.rule === 'cdrom' ? this.piece(t.from, end, 'flag', 'cdrom') : this.keyPiece(t.from, eqAt(), end, 'devtype');
        p.field = 'is_cdrom';
        this.c.override('is_cdrom', p);
        d.is_cdrom = t.rule === 'devtype-disk' ? 0 : 1;
        return;
      }
      case 'direct-io-safe':
      case 'discard':
      case 'no-discard':
      case 'colo':
      case 'no-colo':
      case 'trusted':
      case 'untrusted': {
        const name = t.rule === 'no-discard' ? 'discard' : t.rule === 'no-colo' ? 'colo' : t.rule === 'untrusted' ? 'trusted' : t.rule;
        const field = name === 'direct-io-safe' ? 'direct_io_safe' : name === 'discard' ? 'discard_enable' : name === 'colo' ? 'colo_enable' : 'trusted';
        const p = this.piece(t.from, end, 'flag', name);
        p.field = field;
        this.c.override(field, p);
        const on = !t.rule.startsWith('no-') && t.rule !== 'untrusted';
        if (t.rule === 'direct-io-safe') d.direct_io_safe = true;
        else if (name === 'discard') d.discard_enable = on ? 'True' : 'False';
        else if (name === 'colo') d.colo_enable = on ? 'True' : 'False';
        else d.trusted = on ? 'True' : 'False';
        return;
      }
      case 'grant-usage-1':
      case 'grant-usage-0': {
        const p = this.keyPiece(t.from, eqAt(), end, 'grant_usage');
        p.field = 'grant_usage';
        this.c.override('grant_usage', p);
        d.grant_usage = t.rule === 'grant-usage-1' ? 'True' : 'False';
        return;
      }
      case 'target': {
        const eq = eqAt();
        const p = this.keyPiece(t.from, eq, end, 'target');
        const v = valueOf(eq);
        this.savestring('pdev_path', 'target', v.text, v.span, p);
        return;
      }
      case 'unknown-parameter': {
        const eq = eqAt();
        const p = this.keyPiece(t.from, eq, end, undefined);
        const key = this.bt.string(t.from, eq);
        this.err('device-unknown-key', p.key!.span, `${JSON.stringify(key)} is not a disk parameter: xl refuses the disk ("unknown parameter").`, 'unknown parameter', this.bt.string(t.from, t.to));
        return;
      }
      case 'prefix-format': {
        const head = this.bt.string(t.from, t.to - 1);
        const p = this.piece(t.from, t.to, 'prefix', 'FORMAT:');
        this.hadDeprecatedPrefix = true;
        this.setformat(head, this.span(t.from, t.to - 1), p);
        return;
      }
      case 'prefix-script': {
        const head = this.bt.string(t.from, t.to - 1);
        const p = this.piece(t.from, t.to, 'prefix', 'SCRIPT:');
        this.hadDeprecatedPrefix = true;
        this.savestring('script', 'script', `block-${head}`, this.span(t.from, t.to - 1), p);
        return;
      }
      case 'prefix-ignored': {
        this.piece(t.from, t.to, 'prefix', 'PREFIX:').status = 'ignored';
        this.hadDeprecatedPrefix = true;
        return;
      }
      case 'prefix-unknown': {
        this.piece(t.from, t.to, 'prefix');
        const head = this.bt.string(t.from, t.to);
        this.err('disk-unknown-prefix', this.span(t.from, t.to), `${JSON.stringify(head)} is not a prefix xl knows: it refuses the disk ("unknown deprecated disk prefix") and reads no further. A target containing ':' must be given as target=.`, 'unknown deprecated disk prefix', head);
        this.stop = true;
        return;
      }
      case 'positional':
        this.positional(t.from, end);
        return;
      case 'stray': {
        const rest = sc.strayRest();
        if (rest === undefined) {
          // At the very end the scanner just stops: the '=' is dropped without a word.
          this.piece(t.from, t.to, 'other').status = 'ignored';
          return;
        }
        if (rest === 'jam') {
          this.piece(t.from, t.to, 'other').status = 'refused';
          this.c.unread(this.bt.charTo(t.to));
          this.flushErrors();
          this.c.fail('disk-bad-syntax', this.span(t.from, t.to), "An '=' followed by a line break: xl's disk scanner jams and xl exits at once (\"flex scanner jammed\").", ['flex scanner jammed'], 2);
        }
        this.piece(t.from, rest.to, 'other');
        this.err('disk-bad-syntax', this.span(t.from, rest.to), "An '=' where a disk parameter name should come: xl refuses the disk (\"bad disk syntax\") and reads no further.", 'bad disk syntax', this.bt.string(t.from, rest.to));
        this.stop = true;
        return;
      }
    }
    if (valueRule) {
      const eq = eqAt();
      const p = this.keyPiece(t.from, eq, end, valueRule.name);
      const v = valueOf(eq);
      this.savestring(valueRule.field!, valueRule.what!, v.text, v.span, p);
    }
  }

  /** xlu_disk_parse's checks after the scan. */
  private finish(): void {
    const d = this.d;
    if (d.format === 'unknown') d.format = 'raw';
    if (d.is_cdrom) {
      d.removable = 1;
      d.readwrite = 0;
      if (d.pdev_path === null || d.pdev_path === '') d.format = 'empty';
    }
    this.current = undefined;
    const line = (m: string) => `${this.opts.configSource}: config parsing error in disk specification: ${m} in \`${this.c.text}'`;
    if (d.vdev === null) {
      this.errors.push({ code: 'disk-no-vdev', span: this.c.whole, message: 'This disk has no vdev (the guest device name, e.g. xvda): xl refuses it ("no vdev specified").', line: line('no vdev specified') });
      return;
    }
    if (d.pdev_path === null && !d.removable) {
      this.errors.push({
        code: 'disk-no-target',
        span: this.c.whole,
        message: 'This disk has no target (the file or device behind it) and is not a cdrom: xl refuses it ("no target specified (and device not removable)").',
        line: line('no target specified (and device not removable)'),
      });
    }
  }

  /** Every error but the last is printed as xl goes on; the caller fails with the last. */
  flushErrors(): void {
    for (const e of this.errors) this.c.warn(e.code, e.span, e.message, [e.line]);
    this.errors = [];
  }

  get exitStatus(): number {
    return diskExitStatus(this.xen);
  }

  finishOrFail(): { [field: string]: LibxlValue } {
    const { state, errors } = this.run();
    if (errors.length) {
      const last = errors[errors.length - 1];
      if (this.moreErrors) last.message += ` (xl prints ${this.moreErrors} more such line${this.moreErrors > 1 ? 's' : ''} for this disk, not shown.)`;
      this.errors = errors.slice(0, -1);
      this.flushErrors();
      this.c.fail(last.code, last.span, last.message, [last.line], this.exitStatus);
    }
    return toLibxl(state);
  }
}

/**
 * Reads one disk list item. Returns undefined for an item that is not a
 * string (xl stops reading the disk list there); throws XlExit (through
 * `r.fail`) where xl exits. Pieces go to `into` when given (for the editor).
 */
export function parseDisk(item: XluValue, r: XlReader, opts: DiskOptions, into?: DeviceSpec): { [field: string]: LibxlValue } | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  const device = new DiskReader(c, r.xen, opts).finishOrFail();
  if (into) into.device = device;
  return device;
}
