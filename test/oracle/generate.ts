/**
 * Seeded generator of xl.cfg documents for differential testing against
 * libxlutil: plausible configs, token soup, hostile bytes (NUL, CR, invalid
 * UTF-8, BOM), unterminated strings, bad escapes, deep nesting, huge lines,
 * and mutations of real configs.
 */

/** A small, fast, seedable PRNG (mulberry32). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const KEYS = ['name', 'memory', 'maxmem', 'vcpus', 'kernel', 'ramdisk', 'extra', 'disk', 'vif', 'channel', 'on_crash', 'type', 'builder', 'serial', 'vnc', 'pci', 'cpus', 'x', 'a.b_c9', 'l', 's', 'zz9'];
const STRING_BODIES = [
  '',
  'vm1',
  'phy:/dev/vg/guest,xvda,w',
  'name=org.qemu.guest_agent.0,connection=socket,path=/run/xen/qga.sock',
  'name=a,type=pty',
  'bridge=xenbr0,mac=00:16:3e:00:00:01',
  "it's",
  'say "hi"',
  'a#b',
  'caf\u00e9',
  '\u2603 snow',
  'x=y=z',
  ' spaced ',
];
const ESCAPES = ['\\\\', '\\"', "\\'", '\\a', '\\b', '\\f', '\\n', '\\r', '\\t', '\\v', '\\x41', '\\x', '\\101', '\\1234', '\\0999', '\\1 +5', '\\0', '\\7', '\\12', '\\8', '\\q', '\\ ', '\\e', '\\1-2', '\\3  '];
const NUMBERS = ['0', '1', '512', '0x1f', '0777', '1e3', '12abc', '1x2x3', '0x', '5ffx', '007', '08', '99999999999999999999'];
const JUNK = ['@', '$', '%', '*', '{', '}', '!', '-', '+', '.', '(', ')', ':', 'X', 'Memory', '_x', '\\', '`', '~', '<', '>', '?', '/', '&', '|', '^'];

function str(r: Rng): string {
  const q = r.chance(0.7) ? '"' : "'";
  let body = r.pick(STRING_BODIES);
  if (r.chance(0.3)) {
    const at = r.int(body.length + 1);
    body = body.slice(0, at) + r.pick(ESCAPES) + body.slice(at);
  }
  if (body.includes(q) && !body.includes('\\' + q)) body = body.split(q).join('\\' + q);
  if (r.chance(0.03)) return q + body; // unterminated
  return q + body + q;
}

function scalar(r: Rng): string {
  return r.chance(0.6) ? str(r) : r.pick(NUMBERS);
}

function nl(r: Rng): string {
  if (r.chance(0.2)) return ' # note' + (r.chance(0.5) ? ' [x, "y"]' : '') + '\n';
  return '\n';
}

function value(r: Rng, depth: number): string {
  if (depth > 3 || r.chance(0.55)) return scalar(r);
  const n = r.int(5);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push((r.chance(0.2) ? nl(r) + '  ' : ' ') + value(r, depth + 1));
  let body = parts.join(',');
  if (n > 0 && r.chance(0.25)) body += ',';
  if (r.chance(0.2)) body += nl(r);
  return '[' + body + (r.chance(0.5) ? ' ' : '') + ']';
}

function statement(r: Rng): string {
  const key = r.pick(KEYS);
  const op = r.chance(0.2) ? '+=' : '=';
  const sp = () => (r.chance(0.8) ? ' ' : r.chance(0.5) ? '' : '\t');
  return key + sp() + op + sp() + value(r, 0);
}

/** A plausible config with occasional mistakes. */
function config(r: Rng): string {
  const n = 1 + r.int(12);
  let out = '';
  for (let i = 0; i < n; i++) {
    if (r.chance(0.15)) out += '# comment ' + i + '\n';
    if (r.chance(0.1)) out += '\n';
    out += statement(r);
    if (r.chance(0.08)) out += ' ' + r.pick(JUNK) + (r.chance(0.5) ? r.pick(JUNK) : '');
    out += r.chance(0.15) ? ';' + (r.chance(0.5) ? ' ' : '\n') : nl(r);
  }
  if (r.chance(0.2)) out = out.replace(/\n$/, '');
  return out;
}

const SOUP = ['a', 'memory', 'x.y', '=', '+=', '[', ']', ',', ';', '\n', '#c\n', '"s"', "'s'", '"a\\tb"', '1', '0x2', ' ', '\t', '\r', '\0', '@', '-', '(', ')', ':', '"', "'", '\\', '\u00e9', '\ufeff', 'Q', '.', '+', '#'];

function soup(r: Rng): string {
  const n = 1 + r.int(30);
  let out = '';
  for (let i = 0; i < n; i++) out += r.pick(SOUP);
  return out;
}

function deep(r: Rng): string {
  const depth = r.chance(0.5) ? 4990 + r.int(15) : 1 + r.int(7000);
  const later = r.chance(0.4); // nest in a later item instead of the first
  const open = later ? '[1, ' : '[';
  const close = ']';
  return 'x = ' + open.repeat(depth) + (r.chance(0.5) ? '"v"' : '') + close.repeat(r.chance(0.9) ? depth : depth - 1) + (r.chance(0.5) ? '\nb = 1\n' : '');
}

function huge(r: Rng): string {
  const len = 1000 + r.int(200000);
  const kind = r.int(3);
  if (kind === 0) return 's = "' + 'x'.repeat(len) + '"\nb = 2\n';
  if (kind === 1) return 'n = ' + '7'.repeat(len) + '\n';
  return 'l = [' + Array.from({ length: Math.min(len, 20000) }, (_, i) => String(i)).join(',') + ']\n';
}

/** Random byte-level edits of a document. */
export function mutate(r: Rng, doc: Buffer): Buffer {
  let bytes = Array.from(doc);
  const edits = 1 + r.int(4);
  const hostile = [0x00, 0x0d, 0x0a, 0x22, 0x27, 0x5c, 0x23, 0x5b, 0x5d, 0x2c, 0x3d, 0x3b, 0x40, 0x2d, 0x80, 0xc3, 0xe9, 0xff, 0x20, 0x09];
  for (let e = 0; e < edits; e++) {
    const at = r.int(bytes.length + 1);
    switch (r.int(4)) {
      case 0:
        bytes.splice(at, 0, r.pick(hostile));
        break;
      case 1:
        bytes.splice(at, 1 + r.int(3));
        break;
      case 2:
        if (at < bytes.length) bytes[at] = r.pick(hostile);
        break;
      default:
        bytes = bytes.slice(0, at);
    }
  }
  return Buffer.from(bytes);
}

export interface GenerateOptions {
  /** Real configs to mutate (optional). */
  corpus?: Buffer[];
}

/** The i-th document of the stream for `seed` (independent of the other documents). */
export function generateDocument(seed: number, i: number, options: GenerateOptions = {}): Buffer {
  const r = new Rng((seed * 1000003 + i * 7919) ^ 0x5bd1e995);
  const kind = r.int(100);
  let doc: Buffer;
  if (kind < 45) doc = Buffer.from(config(r), 'utf8');
  else if (kind < 70) doc = Buffer.from(soup(r), 'utf8');
  else if (kind < 73) doc = Buffer.from(deep(r), 'utf8');
  else if (kind < 75) doc = Buffer.from(huge(r), 'utf8');
  else if (kind < 88 && options.corpus?.length) doc = mutate(r, r.pick(options.corpus));
  else doc = mutate(r, Buffer.from(config(r), 'utf8'));
  // Occasionally make the whole document invalid UTF-8 or CRLF.
  if (r.chance(0.05)) doc = Buffer.concat([doc, Buffer.from([0xe9])]);
  if (r.chance(0.04)) doc = Buffer.from(doc.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
  if (r.chance(0.03)) doc = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), doc]);
  return doc;
}
