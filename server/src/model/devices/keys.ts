/**
 * The sub-keys each release's xl reads in each family's spec strings, for
 * did-you-mean suggestions and completion. Flags are words without '='.
 */
import { atLeast, XenVersion } from '../xenVersion';
import { diskBackendTypes, diskFormats } from './disk';
import { diskRules } from './diskLexer';
import { pciKeys } from './pci';
import { p9Keys } from './p9';
import { USBCTRL_KEYS } from './usbctrl';
import { USBDEV_KEYS } from './usbdev';
import { VDISPL_KEYS } from './vdispl';
import { VFB_KEYS } from './vfb';
import { vifKeys } from './vif';
import { VIRTIO_KEYS } from './virtio';
import { VKB_KEYS } from './vkb';
import { VNUMA_KEYS } from './vnuma';
import { VSND_KEYS, VSND_PARAM_KEYS } from './vsnd';
import { VTPM_KEYS } from './vtpm';
import type { DeviceFamily } from './spec';

export interface FamilyKeys {
  /** Keys written key=value. */
  keys: string[];
  /** Bare words. */
  flags: string[];
}

export function familyKeys(family: DeviceFamily, xen: XenVersion): FamilyKeys {
  switch (family) {
    case 'disk': {
      const keys: string[] = [];
      const flags: string[] = [];
      for (const r of diskRules(xen)) {
        const p = r.pattern as { form: string; word?: string };
        if (!p.word) continue;
        if (p.form === 'value' || p.form === 'rest') keys.push(p.word.slice(0, -1));
        else if (p.form === 'word' && !p.word.includes('=')) flags.push(p.word);
      }
      if (atLeast(xen, 4, 19)) keys.push('grant_usage');
      return { keys: [...new Set(keys)], flags };
    }
    case 'vif': {
      const k = vifKeys(xen);
      return { keys: k.keys, flags: k.flags };
    }
    case 'pci':
      return { keys: pciKeys(xen), flags: [] };
    case 'vtpm':
      return { keys: [...VTPM_KEYS], flags: [] };
    case 'pvcalls':
      return { keys: ['backend'], flags: [] };
    case 'vfb':
      return { keys: [...VFB_KEYS], flags: [] };
    case 'vkb':
      return { keys: VKB_KEYS, flags: [] };
    case 'usbctrl':
      return { keys: [...USBCTRL_KEYS], flags: [] };
    case 'usbdev':
      return { keys: [...USBDEV_KEYS], flags: [] };
    case 'vdispl':
      return { keys: [...VDISPL_KEYS], flags: [] };
    case 'virtio':
      return { keys: [...VIRTIO_KEYS], flags: [] };
    case 'p9':
      return { keys: p9Keys(xen), flags: [] };
    case 'vsnd':
      return { keys: [...new Set([...VSND_KEYS.card, ...VSND_KEYS.pcm, ...VSND_KEYS.stream, ...VSND_PARAM_KEYS])], flags: ['card', 'pcm', 'stream'] };
    case 'vnuma':
      return { keys: [...VNUMA_KEYS], flags: [] };
    case 'rdm':
      return { keys: ['strategy', 'policy'], flags: [] };
    default:
      return { keys: [], flags: [] };
  }
}

/** The fixed values a key takes in a release (undefined when its values are open). */
export function familyValues(family: DeviceFamily, key: string, xen: XenVersion): readonly string[] | undefined {
  const table: Partial<Record<DeviceFamily, Record<string, readonly string[]>>> = {
    disk: { format: diskFormats(xen), access: ['ro', 'rw', 'r', 'w'], backendtype: diskBackendTypes(xen), specification: ['xen', 'virtio'], devtype: ['disk', 'cdrom'], grant_usage: ['1', '0'] },
    vif: { type: ['ioemu', 'vif'] },
    pci: { rdm_policy: ['strict', 'relaxed'], permissive: ['1', '0'], msitranslate: ['1', '0'], seize: ['1', '0'], power_mgmt: ['1', '0'] },
    usbctrl: { type: ['auto', 'pv', 'devicemodel', 'qusb'], version: ['1', '2', '3'] },
    usbdev: { type: ['hostdev'] },
    vkb: { 'backend-type': ['qemu', 'linux'] },
    vfb: { vnc: ['1', '0'], sdl: ['1', '0'], vncunused: ['1', '0'], opengl: ['1', '0'] },
    p9: { type: ['qemu', 'xen_9pfsd'], security_model: ['none'], 'auto-delete': ['1', '0'] },
    virtio: { transport: ['mmio'], grant_usage: ['1', '0'] },
    vdispl: { 'be-alloc': ['1', '0'] },
    rdm: { strategy: ['host'], policy: ['strict', 'relaxed'] },
  };
  return table[family]?.[key];
}
