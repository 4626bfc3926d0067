/**
 * Generated domain configs whose `channel=` lists mix every kind of item:
 * valid pty and socket channels, and every broken piece (no '=', '=v', empty
 * values, unknown and repeated keys, blanks, '=' inside values, backend=, the
 * 2014 type=, empty items, long and relative paths, wrong case). The rest of
 * the config is fixed and valid, so that only the channels decide what xl
 * does. Deterministic for a seed and an index.
 */

/** A small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CHANNEL_BASE = 'name = "g"\nmemory = 128\nkernel = "/boot/vmlinuz"\n';

const NAMES = ['org.qemu.guest_agent.0', 'org.example.log.0', 'a', 'x.y.1', 'dup'];
const DOMAINS = ['0', '1', 'driver-dom', 'Domain-0', 'd1'];

export function channelItem(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const roll = r();
  if (roll < 0.03) return '';
  if (roll < 0.05) return pick([',', ',,', ' ']);
  const pieces: string[] = [];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.25) pieces.push(`name=${pick(NAMES)}`);
    else if (k < 0.45) pieces.push(`connection=${pick(['pty', 'socket', 'pty', 'socket', 'PTY', 'unix', 'file', ''])}`);
    else if (k < 0.6) pieces.push(`path=${pick(['/run/xen/a.sock', '/run/xen/b.sock', 'rel.sock', '/a=b', '/' + 'p'.repeat(120), '', '/run/x y'])}`);
    else if (k < 0.66) pieces.push(`backend=${pick(DOMAINS)}`);
    else if (k < 0.72) pieces.push(`type=${pick(['pty', 'socket', 'none', 'path'])}`);
    else if (k < 0.76) pieces.push(pick(['noequals', 'PTY', 'path']));
    else if (k < 0.8) pieces.push(pick(['=v', '=', 'k=', '==']));
    else if (k < 0.84) pieces.push(`${pick(['colour', 'Name', 'conection', 'devid'])}=${pick(['red', '1', 'x'])}`);
    else if (k < 0.9) pieces.push(`${pick([' name', 'name ', ' connection ', 'path '])}=${pick([' pty', 'pty ', ' a', '/run/xen/c.sock '])}`);
    else if (k < 0.94) pieces.push(`name=${pick(NAMES)}=${pick(['x', 'y=z'])}`);
    else pieces.push('connection=pty');
  }
  let item = pieces.join(pick([',', ',', ',', ', ', ',,']));
  if (r() < 0.05) item = ',' + item;
  if (r() < 0.05) item += ',';
  return item;
}

function quote(item: string, r: () => number): string {
  const q = r() < 0.85 || item.includes("'") ? '"' : "'";
  return q + item.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`) + q;
}

export function channelConfig(seed: number, index: number): string {
  const r = rng(seed * 1000003 + index);
  const roll = r();
  if (roll < 0.02) return CHANNEL_BASE + `channel = ${quote(channelItem(r), r)}\n`;
  const count = Math.floor(r() * 5);
  const items: string[] = [];
  for (let i = 0; i < count; i++) items.push(r() < 0.02 ? `[ ${quote(channelItem(r), r)} ]` : quote(channelItem(r), r));
  let text = CHANNEL_BASE + `channel = [ ${items.join(', ')} ]\n`;
  if (r() < 0.05 && items.length) text += `channel += [ ${quote(channelItem(r), r)} ]\n`;
  return text;
}
