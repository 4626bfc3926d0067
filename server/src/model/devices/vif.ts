/**
 * `vif = [ "..." ]` items: xl's nic parser. The item is split with strtok
 * on ',' (empty pieces vanish), leading spaces of a piece are skipped, and
 * each piece is matched by its "key=" prefix. Almost every problem is only
 * a message: xl goes on (a bad mac, type or unknown key); it exits on a bad
 * rate= and on a devid= or mtu= that is not a number.
 *
 * Release decisions:
 *   - nicReader: up to 4.5 the parser was inline in parse_config_data: a
 *     piece without '=' silently ends the item, keys must match exactly,
 *     unknown keys are silently ignored, any type other than ioemu means vif,
 *     and the mac is read two characters at a time at fixed offsets, writing
 *     NULs into the buffer (so a short mac eats the pieces after it). From 4.6
 *     parse_nic_config (762c08496e): "key=" prefixes, messages for unknown
 *     keys and bad values, a strtoul loop for the mac;
 *   - the keys of each release: forwarddev 4.7 (355f7ba983); devid
 *     (93a3fbaf16) and the COLO proxy keys (03a5db86f7 and earlier) 4.9; mtu
 *     4.15 (812c8e01db); trusted/untrusted 4.17 (54d8f27d04); vlan 4.19
 *     (0cc01c603f);
 *   - exitStatus: a bad rate exits with -1 (255) up to 4.6, EXIT_FAILURE (1)
 *     from 4.7.
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { CBuffer } from './cbuf';
import { strtoul, toSigned, ULONG_MAX } from './cnum';
import { DevicePiece, DeviceSpec, ItemContext } from './spec';
import { isRateError, parseVifRate } from './vifRate';

/** xl.conf's defaults for new vifs (set_default_nic_values). */
export interface VifDefaults {
  vifscript?: string;
  bridge?: string;
  gatewaydev?: string;
  vifbackend?: string;
}

export interface VifOptions {
  /** What xl calls the config in libxlutil's messages (the file name as given to xl). */
  configSource: string;
  /** The item's index in the list: xl's default devid. */
  index: number;
  defaults?: VifDefaults;
}

export const COLO_NIC_KEYS = [
  'colo_sock_mirror_id', 'colo_sock_mirror_ip', 'colo_sock_mirror_port', 'colo_sock_compare_sec_in_id', 'colo_sock_compare_sec_in_ip', 'colo_sock_compare_sec_in_port',
  'colo_sock_redirector0_id', 'colo_sock_redirector0_ip', 'colo_sock_redirector0_port', 'colo_sock_redirector1_id', 'colo_sock_redirector1_ip', 'colo_sock_redirector1_port',
  'colo_sock_redirector2_id', 'colo_sock_redirector2_ip', 'colo_sock_redirector2_port', 'colo_sock_compare_pri_in_id', 'colo_sock_compare_pri_in_ip', 'colo_sock_compare_pri_in_port',
  'colo_sock_compare_notify_id', 'colo_sock_compare_notify_ip', 'colo_sock_compare_notify_port', 'colo_filter_mirror_queue', 'colo_filter_mirror_outdev',
  'colo_filter_redirector0_queue', 'colo_filter_redirector0_indev', 'colo_filter_redirector0_outdev', 'colo_filter_redirector1_queue', 'colo_filter_redirector1_indev',
  'colo_filter_redirector1_outdev', 'colo_compare_pri_in', 'colo_compare_sec_in', 'colo_compare_out', 'colo_compare_notify_dev', 'colo_sock_sec_redirector0_id',
  'colo_sock_sec_redirector0_ip', 'colo_sock_sec_redirector0_port', 'colo_sock_sec_redirector1_id', 'colo_sock_sec_redirector1_ip', 'colo_sock_sec_redirector1_port',
  'colo_filter_sec_redirector0_queue', 'colo_filter_sec_redirector0_indev', 'colo_filter_sec_redirector0_outdev', 'colo_filter_sec_redirector1_queue',
  'colo_filter_sec_redirector1_indev', 'colo_filter_sec_redirector1_outdev', 'colo_filter_sec_rewriter0_queue', 'colo_checkpoint_host', 'colo_checkpoint_port',
] as const;

/** String keys and the libxl field each one sets. */
const STRING_KEYS: Record<string, string> = {
  bridge: 'bridge',
  gatewaydev: 'gatewaydev',
  ip: 'ip',
  script: 'script',
  backend: 'backend_domname',
  vifname: 'ifname',
  model: 'model',
  forwarddev: 'coloft_forwarddev',
  vlan: 'vlan',
};

/** The key=value keys (and flags) a release's xl knows in vif specs. */
export function vifKeys(xen: XenVersion): { keys: string[]; flags: string[] } {
  if (!atLeast(xen, 4, 6)) return { keys: ['model', 'mac', 'bridge', 'type', 'ip', 'script', 'vifname', 'backend', 'rate', 'accel', 'netdev', 'gatewaydev'], flags: [] };
  const keys = ['type', 'mac', 'bridge', 'netdev', 'gatewaydev', 'ip', 'script', 'backend', 'vifname', 'model', 'rate'];
  if (atLeast(xen, 4, 7)) keys.push('forwarddev');
  if (atLeast(xen, 4, 9)) keys.push(...COLO_NIC_KEYS);
  keys.push('accel');
  if (atLeast(xen, 4, 9)) keys.push('devid');
  if (atLeast(xen, 4, 15)) keys.push('mtu');
  if (atLeast(xen, 4, 19)) keys.push('vlan');
  return { keys, flags: atLeast(xen, 4, 17) ? ['trusted', 'untrusted'] : [] };
}

export const VIF_TYPES = ['vif', 'ioemu'] as const;

/** The fields of libxl_device_nic in IDL order (what toLibxl orders by). */
const NIC_ORDER = ['backend_domname', 'devid', 'mtu', 'vlan', 'model', 'mac', 'ip', 'bridge', 'ifname', 'script', 'nictype', 'rate_bytes_per_interval', 'rate_interval_usecs', 'gatewaydev', 'coloft_forwarddev', ...COLO_NIC_KEYS, 'trusted'];

function macText(mac: number[]): string {
  return mac.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

class VifReader {
  private readonly nic: Record<string, LibxlValue> = {};
  private readonly mac = [0, 0, 0, 0, 0, 0];
  private macSet = false;
  private readonly buf: CBuffer;

  constructor(
    private readonly c: ItemContext,
    private readonly xen: XenVersion,
    private readonly opts: VifOptions,
  ) {
    this.buf = new CBuffer(c.text);
    this.nic.devid = opts.index;
    const d = opts.defaults ?? {};
    if (d.vifscript !== undefined) this.nic.script = d.vifscript;
    if (d.bridge !== undefined) this.nic.bridge = d.bridge;
    if (d.gatewaydev !== undefined) this.nic.gatewaydev = d.gatewaydev;
    if (d.vifbackend !== undefined) this.nic.backend_domname = d.vifbackend;
  }

  private setString(field: string, value: LibxlValue, p: DevicePiece): void {
    this.nic[field] = value;
    p.field = field;
    this.c.override(field, p);
  }

  /** The piece for the token at `start` (the C string there, as strtok left it). */
  private token(start: number): { end: number; eq: number } {
    const end = this.buf.end(start);
    let eq = -1;
    for (let k = start; k < end; k++) {
      if (this.buf.at(k) === 0x3d) {
        eq = k;
        break;
      }
    }
    return { end, eq };
  }

  read(): Record<string, LibxlValue> {
    if (atLeast(this.xen, 4, 6)) this.readParseNicConfig();
    else this.readInline();
    // An all-zero mac is libxl's default (none given): left out like the other defaults.
    if (this.macSet && this.mac.some((b) => b !== 0)) this.nic.mac = macText(this.mac);
    const out: Record<string, LibxlValue> = {};
    // Numbers at 0 are libxl's defaults (devid's default is -1: xl's 0 is kept).
    for (const f of NIC_ORDER) if (this.nic[f] !== undefined && (this.nic[f] !== 0 || f === 'devid')) out[f] = this.nic[f];
    return out;
  }

  /** 4.6 and later: strtok, skip spaces, parse_nic_config per piece. */
  private readParseNicConfig(): void {
    const { keys, flags } = vifKeys(this.xen);
    for (let t = this.buf.strtok(0, ','); t !== undefined; t = this.buf.strtok(undefined, ',')) {
      let s = t;
      while (this.buf.at(s) === 0x20) s++;
      const { end, eq } = this.token(s);
      const tokenText = this.buf.str(s);
      const key = eq >= 0 ? this.buf.str(s).slice(0, eq - s) : undefined;
      if (flags.includes(tokenText)) {
        const p = this.c.piece(s, end, 'flag');
        p.name = 'trusted';
        p.field = 'trusted';
        this.c.override('trusted', p);
        this.nic.trusted = tokenText === 'trusted' ? 'True' : 'False';
        continue;
      }
      if (key === undefined || !keys.includes(key)) {
        const p = eq >= 0 ? this.c.keyPiece(s, eq, end, undefined, 'ignored') : this.c.piece(s, end, 'other', 'ignored');
        this.c.warn('device-unknown-key', p.key?.span ?? p.span, `${JSON.stringify(tokenText)} is not a vif setting xl knows: it prints "unrecognized argument \`${tokenText}'" and ignores it.`, [`unrecognized argument \`${tokenText}'`]);
        continue;
      }
      const p = this.c.keyPiece(s, eq, end, key);
      const value = tokenText.slice(eq + 1 - s);
      this.keyValue(key, value, p, eq + 1);
    }
  }

  private keyValue(key: string, value: string, p: DevicePiece, valueAt: number): void {
    const field = STRING_KEYS[key] ?? (key.startsWith('colo_') ? key : undefined);
    if (field) {
      this.setString(field, value, p);
      return;
    }
    switch (key) {
      case 'type':
        if (value === 'vif' || value === 'ioemu') this.setString('nictype', value === 'vif' ? 'vif' : 'vif_ioemu', p);
        else {
          p.status = 'ignored';
          this.c.warn('device-bad-value', p.value!.span, `${JSON.stringify(value)} is not a vif type (vif or ioemu): xl prints "Invalid parameter \`type'." and ignores it.`, ["Invalid parameter `type'."]);
        }
        return;
      case 'mac':
        this.readMac(valueAt, p);
        return;
      case 'netdev':
        this.c.warn('vif-deprecated-key', p.key!.span, 'netdev= is the old name of gatewaydev=: xl prints "the netdev parameter is deprecated, please use gatewaydev instead" and uses it as gatewaydev.', ['the netdev parameter is deprecated, please use gatewaydev instead']);
        this.setString('gatewaydev', value, p);
        p.name = 'netdev';
        return;
      case 'rate':
        this.readRate(value, p);
        return;
      case 'accel':
        p.status = 'ignored';
        this.c.warn('device-ignored-key', p.key!.span, 'accel= is not supported: xl prints "the accel parameter for vifs is currently not supported" and ignores it.', ['the accel parameter for vifs is currently not supported']);
        return;
      case 'devid':
      case 'mtu': {
        const n = strtoul(value, 0, 10);
        if (n.end === 0 || n.value === ULONG_MAX) {
          p.status = 'refused';
          this.c.fail('device-bad-number', p.value!.span, `${key}= must be a number: xl stops with "xl: failed to convert "${value}" to number".`, [`xl: failed to convert "${value}" to number`]);
        }
        // parse_ulong's unsigned long lands in an int.
        this.setString(key, toSigned(n.value, 32), p);
        return;
      }
    }
  }

  /** 4.6+: six strtoul(…, 16) reads, each followed by skipping one character (whatever it is). */
  private readMac(valueAt: number, p: DevicePiece): void {
    let at = valueAt;
    const b = this.buf;
    for (let i = 0; i < 6; i++) {
      if (at > b.length) {
        // Past the string's NUL: xl reads whatever memory follows.
        this.pastEndMac(p, i);
        return;
      }
      const s = b.str(at);
      const n = strtoul(s, 0, 16);
      if (n.end === 0 || n.value > 255n) {
        p.status = 'refused';
        const intoNext = at > p.to;
        this.c.warn(
          'vif-bad-mac',
          p.value!.span,
          `${JSON.stringify(p.value!.text)} is not a MAC address (six hex bytes, e.g. 00:16:3e:01:02:03): xl prints "Invalid parameter \`mac'." and goes on${i ? ` with the ${i} byte${i > 1 ? 's' : ''} it read (${macText(this.mac.slice(0, i))}) and the rest as before` : ''}${intoNext ? ', after reading on into the pieces that follow' : ''}.`,
          ["Invalid parameter `mac'."],
        );
        return;
      }
      this.mac[i] = Number(n.value);
      this.macSet = true;
      at += n.end + 1;
    }
    p.field = 'mac';
    this.c.override('mac', p);
  }

  private pastEndMac(p: DevicePiece, bytes: number): void {
    p.status = 'refused';
    this.c.warn(
      'device-undefined',
      p.value!.span,
      `${JSON.stringify(p.value!.text)} has ${bytes < 6 ? `only ${bytes} of the 6 bytes of a MAC address` : 'too few characters for a MAC address'} and ends the vif spec: xl reads on past the end of the string, into memory it does not own, so the rest of the MAC address (and whether xl complains) is unpredictable.`,
    );
  }

  private readRate(value: string, p: DevicePiece): void {
    const r = parseVifRate(value);
    if (isRateError(r)) {
      p.status = 'refused';
      const v = p.value!;
      const span = this.c.span(v.from + r.from, v.from + r.to);
      this.c.fail(
        'vif-bad-rate',
        span.start === span.end ? p.span : span,
        `${JSON.stringify(value)} is not a rate xl can read (RATE/s or RATE/s@INTERVAL, e.g. 10Mb/s@20ms): it stops with "${r.message}".`,
        [`${this.opts.configSource}: config parsing error in vif: ${r.message} in \`${r.quoted}'`],
        atLeast(this.xen, 4, 7) ? 1 : 255,
      );
    }
    this.nic.rate_bytes_per_interval = Number(r.bytesPerInterval);
    this.nic.rate_interval_usecs = r.intervalUsecs;
    p.field = 'rate';
    this.c.override('rate', p);
  }

  /** Up to 4.5: the inline reader of parse_config_data. */
  private readInline(): void {
    const b = this.buf;
    for (let t = b.strtok(0, ','); t !== undefined; t = b.strtok(undefined, ',')) {
      let s = t;
      while (b.at(s) === 0x20) s++;
      const { end, eq } = this.token(s);
      if (eq < 0) {
        // A piece without '=' ends the item: the rest is never read.
        this.c.piece(s, end, 'other', 'ignored');
        this.c.unread(end + 1);
        return;
      }
      b.set(eq, 0);
      const key = b.str(s);
      const p = this.c.keyPiece(s, eq, end, key);
      const value = b.str(eq + 1);
      const field = STRING_KEYS[key];
      if (field && key !== 'forwarddev' && key !== 'vlan') this.setString(field, value, p);
      else if (key === 'type') this.setString('nictype', value === 'ioemu' ? 'vif_ioemu' : 'vif', p);
      else if (key === 'mac') this.readMacInline(eq + 1, p);
      else if (key === 'rate') this.readRate(value, p);
      else if (key === 'accel') {
        p.status = 'ignored';
        this.c.warn('device-ignored-key', p.key!.span, 'accel= is not supported: xl prints "the accel parameter for vifs is currently not supported" and ignores it.', ['the accel parameter for vifs is currently not supported']);
      } else if (key === 'netdev') {
        this.c.warn('vif-deprecated-key', p.key!.span, 'netdev= is the old name of gatewaydev=: xl prints "the netdev parameter is deprecated, please use gatewaydev instead" and uses it as gatewaydev.', ['the netdev parameter is deprecated, please use gatewaydev instead']);
        this.setString('gatewaydev', value, p);
      } else {
        p.status = 'ignored';
        p.name = undefined;
        this.c.warn('device-unknown-key', p.key!.span, `${JSON.stringify(key)} is not a vif setting xl ${this.xen.label} knows: it silently ignores it.`);
      }
    }
  }

  /** Up to 4.5: byte k is strtol of the two characters at 3k, after a NUL is written behind them. */
  private readMacInline(valueAt: number, p: DevicePiece): void {
    const b = this.buf;
    const length = b.end(valueAt) - valueAt;
    let at = valueAt;
    for (let i = 0; i < 6; i++) {
      b.set(at + 2, 0);
      const n = strtoul(b.str(at), 0, 16);
      this.mac[i] = Number(BigInt.asUintN(8, n.value));
      at += 3;
    }
    this.macSet = true;
    p.field = 'mac';
    this.c.override('mac', p);
    if (b.pastEnd) {
      this.pastEndMac(p, Math.ceil(length / 3));
      return;
    }
    if (length < 17) {
      this.c.warn(
        'vif-bad-mac',
        p.value!.span,
        `${JSON.stringify(p.value!.text)} is not a full MAC address (xx:xx:xx:xx:xx:xx): xl ${this.xen.label} reads it two characters at a time at fixed places and cuts the text after each, so it reads ${macText(this.mac)}${length < 17 ? ' and garbles the pieces after it' : ''}.`,
      );
    }
  }
}

/**
 * Reads one vif list item. Returns undefined for an item that is not a
 * string (xl stops reading the vif list there); throws XlExit where xl exits.
 */
export function parseVif(item: XluValue, r: XlReader, opts: VifOptions, into?: DeviceSpec): { [field: string]: LibxlValue } | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  const device = new VifReader(c, r.xen, opts).read();
  if (into) into.device = device;
  return device;
}
