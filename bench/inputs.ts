/**
 * Seeded, realistic benchmark inputs: many domains' worth of settings with
 * channel lists, as one big config.
 */
import { Rng } from '../test/oracle/generate';

function domain(r: Rng, i: number): string {
  const mem = r.pick([512, 1024, 2048, 4096]);
  const lines = [
    `# guest ${i}`,
    `name = "guest${i}"`,
    `type = "${r.pick(['pv', 'pvh', 'hvm'])}"`,
    `memory = ${mem}`,
    `maxmem = ${mem * 2}`,
    `vcpus = ${1 + r.int(8)}`,
    `kernel = "/boot/vmlinuz-6.1.0-${i}"`,
    `extra = "console=hvc0 root=/dev/xvda1 ro quiet"`,
    `disk = [ "phy:/dev/vg0/guest${i}-root,xvda,w", "format=raw,vdev=xvdb,access=rw,target=/srv/xen/guest${i}-data.img" ]`,
    `vif = [ "bridge=xenbr0,mac=00:16:3e:${(i >> 8) & 255}:${i & 255}:01" ]`,
    'channel = [',
    `    "name=org.qemu.guest_agent.0,connection=socket,path=/run/xen/guest${i}-qga.sock",`,
    `    'name=org.example.firstboot.${i % 10},connection=pty',`,
    ']',
    `on_crash = "${r.pick(['restart', 'destroy', 'preserve'])}"`,
    '',
  ];
  return lines.join('\n') + '\n';
}

/** A config of about `bytes` bytes. */
export function bigConfig(seed: number, bytes: number): string {
  const r = new Rng(seed);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const d = domain(r, i);
    parts.push(d);
    size += d.length;
  }
  return parts.join('');
}

/** A config of exactly `lines` lines. */
export function configOfLines(seed: number, lines: number): string {
  const text = bigConfig(seed, lines * 60);
  return text.split('\n').slice(0, lines).join('\n') + '\n';
}

/**
 * The editing benchmark's document: `lines` lines with `channels` channel
 * entries in one channel list (plus ordinary settings around it).
 */
export function editingDocument(lines: number, channels: number): string {
  const out: string[] = ['# editing benchmark', 'name = "bench"', 'type = "pv"', 'memory = 2048', 'channel = ['];
  for (let i = 0; i < channels; i++) {
    out.push(i % 2 ? `    "name=org.example.agent.${i},connection=pty",` : `    "name=org.example.agent.${i},connection=socket,path=/run/xen/bench-${i}.sock",`);
  }
  out.push(']');
  const keys = ['vcpus = 2', 'maxmem = 4096', 'cpu_weight = 256', 'on_reboot = "restart"', 'extra = "console=hvc0"', 'vif = [ "bridge=xenbr0" ]'];
  let k = 0;
  while (out.length < lines) {
    out.push(k % 5 === 0 ? `# note ${k}` : keys[k % keys.length]);
    k++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/** The keys xl reads, a few of each length (typo material for unknownKeysConfig). */
const KNOWN_FOR_TYPOS = ['memory', 'maxmem', 'vcpus', 'maxvcpus', 'kernel', 'ramdisk', 'extra', 'cmdline', 'bootloader', 'on_poweroff', 'on_reboot', 'on_crash', 'cpu_weight', 'device_model_version', 'serial', 'channel', 'vnclisten', 'pci_permissive', 'vga', 'videoram'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz_';

/**
 * About `bytes` bytes of distinct keys xl does not read: a third are
 * misspellings of real keys (one or two letters changed, added or dropped:
 * the did-you-mean has work to do), the rest made-up names.
 */
export function unknownKeysConfig(seed: number, bytes: number): string {
  const r = new Rng(seed);
  const seen = new Set<string>();
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    let key: string;
    if (i % 3 === 0) {
      key = r.pick(KNOWN_FOR_TYPOS);
      for (let e = 1 + r.int(2); e > 0; e--) {
        const at = r.int(key.length + 1);
        const c = LETTERS[r.int(LETTERS.length)];
        const op = r.int(3);
        key = op === 0 ? key.slice(0, at) + c + key.slice(at) : op === 1 ? key.slice(0, at) + c + key.slice(at + 1) : key.slice(0, at) + key.slice(at + 1);
      }
      if (!/^[a-z]/.test(key)) key = 'x' + key;
      if (seen.has(key)) key = `${key}_${i.toString(36)}`;
    } else {
      key = `${r.pick(['guest', 'site', 'local', 'backup', 'net'])}_${r.pick(['cpu', 'disk', 'mem', 'pool', 'tag'])}_${i.toString(36)}`;
    }
    seen.add(key);
    const line = `${key} = ${r.chance(0.8) ? `"${r.pick(['value', 'setting for', 'tuned'])} ${i} of the site defaults, see the site wiki page"` : String(r.int(1 << 20))}\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

/**
 * About `bytes` bytes of settings xl reads, with one channel list of
 * `channels` items (the rest repeated ordinary settings). With `findings`,
 * about every fourth channel has something to report (relative or duplicate
 * path, missing path, name style, unknown key).
 */
export function channelListConfig(seed: number, bytes: number, channels: number, findings = false): string {
  const r = new Rng(seed);
  const out: string[] = ['# channel list benchmark', 'name = "bench"', 'type = "pvh"', 'memory = 2048', 'channel = ['];
  let size = 0;
  for (let i = 0; i < channels; i++) {
    let item = i % 2 ? `name=org.example.agent.${i},connection=pty` : `name=org.example.agent.${i},connection=socket,path=/run/xen/bench-${i}.sock`;
    if (findings && i % 4 === 1) item = r.pick([`name=org.example.agent.${i},connection=socket,path=run/bench-${i}.sock`, `name=agent${i},connection=pty`, `name=org.example.agent.${i},connection=socket`, `name=org.example.agent.${i},conection=pty`, `name=org.example.agent.${i},connection=socket,path=/run/xen/shared.sock`]);
    const line = `    "${item}",`;
    out.push(line);
    size += line.length + 1;
  }
  out.push(']');
  const keys = ['vcpus = 2', 'maxmem = 4096', 'cpu_weight = 256', 'on_reboot = "restart"', 'extra = "console=hvc0 root=/dev/xvda1 ro"', 'vif = [ "bridge=xenbr0,mac=00:16:3e:00:00:01" ]', 'disk = [ "phy:/dev/vg0/root,xvda,w" ]'];
  for (let k = 0; size < bytes; k++) {
    const line = k % 5 === 0 ? `# note ${k}` : keys[k % keys.length];
    out.push(line);
    size += line.length + 1;
  }
  return out.join('\n') + '\n';
}
