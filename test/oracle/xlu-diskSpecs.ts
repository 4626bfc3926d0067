/**
 * Generated disk specs: positional and key=value forms, every flag and
 * prefix of every release, and broken pieces (stray '=', unknown keys and
 * prefixes, wrong case, blanks and line breaks, non-ASCII bytes, repeated
 * keys, target= before other pieces). Deterministic for a seed and an index.
 */
import { rng } from './xl/channelConfigs';

const TARGETS = ['/dev/vg/guest', '/srv/xen/a.img', '', ' /x', 'a b', 'host:1234', '/x:y', 'iqn.2001-04.com.example:t', '/dévé', '/x\n', 'C:\\img'];
const FORMATS = ['raw', 'qcow', 'qcow2', 'vhd', 'qed', 'empty', '', 'RAW', 'vmdk', 'qcow2 '];
const VDEVS = ['xvda', 'xvdb', 'hda', 'hdc', 'sda', 'xvda:cdrom', 'hdc:disk', 'xvdz:floppy', 'xvda:', 'd0p1'];
const ACCESS = ['r', 'ro', 'rw', 'w', '', 'RW', 'rx', 'readonly'];
const FLAGS = ['cdrom', 'direct-io-safe', 'discard', 'no-discard', 'colo', 'no-colo', 'trusted', 'untrusted', 'grant_usage=1', 'grant_usage=0', 'grant_usage=2', 'discard,'];
const PREFIXES = ['phy:', 'file:', 'tap:', 'tap2:', 'aio:', 'tapdisk:', 'ioemu:', 'raw:', 'qcow:', 'qcow2:', 'vhd:', 'nbd:', 'enbd:', 'iscsi:', 'drbd:', 'foo:', 'x1:', 'PHY:', 'tap:aio:', 'qed:'];
const BROKEN = ['=', '=x', 'a=', 'foo=bar', 'Format=raw', ' ', '\t', '\n', ',', 'é', 'x=é', 'a\nb', '=\n', 'vdev =xvda', 'format=raw=x', '==', 'k=,', '-x=1', 'colo-port=abc', 'colo-port=0', 'colo-port=12x'];

function keyValue(r: () => number, pick: <T>(xs: readonly T[]) => T): string {
  const k = r();
  if (k < 0.14) return `format=${pick(FORMATS)}`;
  if (k < 0.28) return `vdev=${pick(VDEVS)}`;
  if (k < 0.36) return `access=${pick(ACCESS)}`;
  if (k < 0.42) return `backend=${pick(['0', 'driver', '', 'dom d'])}`;
  if (k < 0.5) return `backendtype=${pick(['phy', 'tap', 'qdisk', 'standalone', 'foo', ''])}`;
  if (k < 0.55) return `specification=${pick(['xen', 'virtio', 'XEN', ''])}`;
  if (k < 0.6) return `script=${pick(['block-iscsi', '/etc/xen/scripts/block', ''])}`;
  if (k < 0.68) return `devtype=${pick(['cdrom', 'disk', 'floppy', '', 'CDROM'])}`;
  if (k < 0.8) return `target=${pick(TARGETS)}`;
  const colo = ['colo-host=h', 'colo-port=9000', 'colo-export=e', 'active-disk=/a', 'hidden-disk=/h'];
  return pick(colo);
}

export function diskSpec(seed: number, index: number): string {
  const r = rng(seed * 7919 + index);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const pieces: string[] = [];
  const shape = r();
  if (shape < 0.3) {
    // Mostly valid: what users write, with one piece in three from anywhere.
    const good = ['format=raw', 'format=qcow2', 'access=ro', 'access=rw', 'devtype=cdrom', 'backendtype=phy', 'backendtype=qdisk', 'backend=driver', 'script=block-drbd', 'discard', 'no-discard', 'direct-io-safe', 'cdrom', 'specification=virtio', 'colo-host=h', 'colo-port=9000', 'trusted', 'grant_usage=0'];
    pieces.push(`vdev=${pick(['xvda', 'hdc', 'sdb', 'xvdb:cdrom'])}`);
    const n = Math.floor(r() * 4);
    for (let i = 0; i < n; i++) pieces.push(r() < 0.7 ? pick(good) : pick([...FLAGS, ...BROKEN, ...FORMATS]));
    if (r() < 0.9) pieces.push(`target=${pick(TARGETS)}`);
    if (r() < 0.3) pieces.reverse();
    if (r() < 0.3) return [pick(TARGETS), pick(['raw', 'qcow2', '']), pick(['xvda', 'hdc:cdrom', 'xvdb']), pick(['r', 'w', 'rw'])].join(',');
    return pieces.join(',');
  }
  if (shape < 0.5) {
    // Positional, maybe with a prefix on the target.
    const n = 1 + Math.floor(r() * 5);
    const pos = [pick(TARGETS), pick(FORMATS), pick(VDEVS), pick(ACCESS), pick(ACCESS)];
    for (let i = 0; i < n; i++) pieces.push(pos[i]);
    if (r() < 0.4) pieces[0] = pick(PREFIXES) + pieces[0];
  } else if (shape < 0.9) {
    const n = 1 + Math.floor(r() * 6);
    for (let i = 0; i < n; i++) {
      const k = r();
      if (k < 0.6) pieces.push(keyValue(r, pick));
      else if (k < 0.8) pieces.push(pick(FLAGS));
      else if (k < 0.9) pieces.push(pick(BROKEN));
      else pieces.push(pick([...TARGETS, ...VDEVS, ...FORMATS]));
    }
  } else {
    const n = 1 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) pieces.push(pick([...BROKEN, ...PREFIXES, ...FLAGS]));
  }
  let spec = pieces.join(pick([',', ',', ',', ', ', ',,', ' ,']));
  if (r() < 0.05) spec = pick([' ', ',', '\n', '\t']) + spec;
  if (r() < 0.05) spec += pick([',', ' ', '\n', ',,']);
  return spec;
}
