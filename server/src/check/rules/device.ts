/** Rules of device spec strings: disk, vif, pci, usb, vfb, vkb, vtpm, p9, pvcalls, vdispl, vsnd, virtio, rdm, dtdev, iomem, ioports, irqs, vnuma. */
import type { RuleSpec } from './types';

/** xl prints a message and goes on without the piece (instead of refusing the file). */
const goesOn = { ignored: { severity: 'warning', effect: 'ignored', when: 'families and releases where xl prints a message and goes on (vif, pci up to 4.14, rdm)' } } as const;
const silent = { silent: { severity: 'warning', effect: 'ignored', when: 'families and releases where xl silently ignores it (vfb, vnuma, vif up to 4.5, pci 4.5)' } } as const;

export const DEVICE_RULES = {
  'device-not-list': {
    category: 'device',
    severity: 'error',
    effect: 'ignored',
    summary: 'A device setting written as one string instead of a list: xl warns "is a single value but should be a list" and creates none of those devices.',
    fixes: ['Wrap the value in [ ]'],
  },
  'device-item-not-string': {
    category: 'device',
    severity: 'error',
    effect: 'ignored',
    summary: 'A list inside a device list: xl silently stops reading the list there, so it and every device after it are dropped.',
    variants: { refuses: { severity: 'error', effect: 'xl-refuses', when: 'ioports, irqs and iomem, where xl exits ("Unable to get element")' } },
  },
  'device-item-not-list': {
    category: 'device',
    severity: 'error',
    effect: 'xl-refuses',
    summary: 'A string where a list is needed (a vsnd card, a vnuma node): xl exits ("value is not a list").',
    fixes: ['Wrap the item in [ ]'],
  },
  'device-unknown-key': {
    category: 'device',
    severity: 'error',
    effect: 'xl-refuses',
    summary: 'A sub-key the target xl does not know in a device spec: most families make xl exit; vif and old pci print a message, vfb and vnuma say nothing.',
    fixes: ["Change to '{key}'"],
    variants: { ...goesOn, ...silent },
  },
  'device-bad-value': {
    category: 'device',
    severity: 'error',
    effect: 'xl-refuses',
    summary: 'A value xl does not accept for that key (a format, access mode, type, policy, UUID, resolution...).',
    fixes: ["Change to '{value}'"],
    variants: goesOn,
  },
  'device-bad-number': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'Not a number where xl needs one (devid=, mtu=, max-files=, an I/O port, an IRQ, an iomem range): xl exits ("failed to convert", "Invalid argument").' },
  'device-number-junk': { category: 'device', severity: 'warning', effect: 'ignored', summary: 'Text after a number that xl drops (with or without a message) and goes on with the number alone.' },
  'device-piece-without-equals': {
    category: 'device',
    severity: 'error',
    effect: 'xl-refuses',
    summary: "A piece without '=' where xl needs key=value: xl exits, or (vtpm, vfb, pvcalls, p9 up to 4.17, vif up to 4.5) silently stops reading the spec there.",
    fixes: ['Remove {piece}'],
    variants: { 'ends-item': { severity: 'warning', effect: 'ignored', when: 'vtpm, vfb, pvcalls, p9 up to 4.17 and vif up to 4.5: the rest of the spec is silently ignored' }, ...silent },
  },
  'device-empty-value': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: "A 'key=' with nothing after '=' where xl needs a value: xl exits (p9 from 4.18)." },
  'device-missing-key': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'A device without a key it requires (vtpm backend=, vdispl connectors=, vkb backend-type=, the p9 share fields up to 4.18, multi-touch sizes): xl exits.' },
  'device-duplicate-key': {
    category: 'device',
    severity: 'warning',
    effect: 'ignored',
    summary: 'The same key twice in one device spec: xl uses the last one and the earlier one does nothing.',
    fixes: ['Remove {piece}'],
  },
  'device-ignored-key': { category: 'device', severity: 'warning', effect: 'ignored', summary: 'A key xl reads but does not use (vif accel=): it says so and goes on.', fixes: ['Remove {piece}'] },
  'device-crash': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'A spec on which xl crashes (an empty list where it expects one item, a type=virtio without its second half, a "*" PCI function on 4.13.3-4.14.x).' },
  'device-undefined': {
    category: 'device',
    severity: 'warning',
    effect: 'guest-misses',
    summary: 'A spec on which xl reads memory it does not own or never set (a short MAC at the end, rdm= without policy=, a "*" PCI function before 4.15): the result is unpredictable.',
    variants: { crashes: { severity: 'error', effect: 'xl-refuses', when: 'where the unpredictable read mostly crashes xl (a PCI BDF without its ".", a vdispl connector without ":")' } },
  },
  'device-duplicate-devid': { category: 'device', severity: 'error', effect: 'libxl-refuses', summary: 'Two devices of one kind with the same device number: libxl refuses the second ("device already exists in xenstore").' },
  // --- disk -------------------------------------------------------------------------------
  'disk-no-vdev': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'A disk without vdev (the device name the guest sees): xl exits ("no vdev specified").', fixes: ['Add vdev={vdev}'] },
  'disk-no-target': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'A disk with no target that is not a cdrom: xl exits ("no target specified (and device not removable)").' },
  'disk-too-many-positional': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'More than four positional pieces (target, format, vdev, access): xl exits ("too many positional parameters").', fixes: ['Remove {piece}'] },
  'disk-bad-syntax': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: "An '=' where no key comes before it (or a key libxlutil cannot read, such as one with capitals): xl exits (\"bad disk syntax\", or \"flex scanner jammed\" before a line break)." },
  'disk-unknown-prefix': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: "A word and ':' at a piece's start that is no disk prefix xl knows: xl exits (\"unknown deprecated disk prefix\"); a target with ':' must be given as target=." },
  'disk-respecified': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'The same disk setting given twice with different values: xl exits ("... respecified").', fixes: ['Remove {piece}'] },
  'disk-target-swallows': {
    category: 'device',
    severity: 'warning',
    effect: 'guest-misses',
    summary: 'target= takes the whole rest of the spec: pieces written after it become part of the path.',
    fixes: ['Move target= to the end'],
  },
  'disk-deprecated-prefix': { category: 'device', severity: 'hint', effect: 'style', defaultOff: true, summary: 'A deprecated disk prefix (phy:, file:, aio:, tap:, raw:, nbd: ...): xl still reads it, the key=value form says the same plainly.', fixes: ['Rewrite as key=value'] },
  'disk-bad-vdev': { category: 'device', severity: 'error', effect: 'libxl-refuses', summary: 'A vdev libxl cannot turn into a device number (xvdX, hdX, sdX, dNpM): it refuses the disk ("Invalid or unsupported virtual disk identifier").' },
  'disk-duplicate-vdev': { category: 'device', severity: 'error', effect: 'libxl-refuses', summary: 'Two disks with the same virtual device: libxl refuses the second ("device already exists in xenstore").' },
  // --- vif ---------------------------------------------------------------------------------
  'vif-bad-mac': { category: 'device', severity: 'warning', effect: 'guest-misses', summary: 'A mac= that is not six hex bytes: xl says "Invalid parameter `mac\'." and keeps what it read, so the guest gets a different address.' },
  'vif-mac-multicast': { category: 'device', severity: 'warning', effect: 'guest-misses', summary: 'A multicast (or broadcast) MAC address: no network device may use it and the guest driver refuses it.' },
  'vif-duplicate-mac': { category: 'device', severity: 'warning', effect: 'guest-misses', summary: 'Two vifs with the same MAC address: the network cannot tell them apart.' },
  'vif-bad-rate': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'A rate= xl cannot read (RATE/s[@INTERVAL], e.g. 10Mb/s@20ms; a leading 0 makes it octal): xl exits.' },
  'vif-deprecated-key': { category: 'device', severity: 'warning', effect: 'style', summary: 'netdev= is the old name of gatewaydev=: xl warns and uses it as gatewaydev.', fixes: ["Change to 'gatewaydev'"] },
  // --- pci, rdm, ioports, vnuma, vsnd ------------------------------------------------------------
  'pci-bad-bdf': {
    category: 'device',
    severity: 'error',
    effect: 'xl-refuses',
    summary: 'A PCI address xl cannot read ([DDDD:]BB:DD.F in hex, F up to 7 or *): xl exits with status 6.',
    variants: silent,
  },
  'pci-bad-vslot': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'A virtual slot (@VSLOT or vslot=) that is not a hex number up to 1f: xl exits.', variants: silent },
  'pci-bdf-and-name': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'A pci entry with both an address and name=, or with neither (4.15 and later): xl exits.' },
  'rdm-ignored': { category: 'device', severity: 'warning', effect: 'ignored', summary: 'An rdm= setting xl silently ignores because libxlutil cannot read it (4.6-4.13 need strategy=host,policy=...; from 4.15 any valid policy= makes it fail).' },
  'ioports-reversed': { category: 'device', severity: 'error', effect: 'libxl-refuses', summary: 'An ioports range that ends before it starts: xl does not notice and asks Xen for a range of some four billion ports, which it refuses.' },
  'vnuma-bad-pnode': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'A vnuma pnode= beyond the host\'s NUMA nodes (the editor assumes Xen\'s limit of 64): xl exits ("invalid pnode number").' },
  'vnuma-mismatch': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: "The vnuma nodes' vCPUs or memory do not add up to maxvcpus= or maxmem= (or exceed the host's CPUs): xl exits." },
  'vsnd-bad-kind': { category: 'device', severity: 'error', effect: 'xl-refuses', summary: 'A vsnd string that does not start with card, pcm or stream: xl exits ("Invalid key").' },
} as const satisfies Record<string, RuleSpec>;
