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
