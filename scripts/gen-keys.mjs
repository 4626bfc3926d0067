// Generates server/src/docs/keys.ts from the reference TSV files
// (xl-cfg-keys.tsv, xl-cfg-spec-keys.tsv) plus the hand-written summaries
// below. The summaries are our own wording, written from the facts in the
// TSV notes; never paste man-page prose here.
//
//   node scripts/gen-keys.mjs            write server/src/docs/keys.ts
//   node scripts/gen-keys.mjs --check    exit 1 if the committed file is stale
//
// Reference directory: $XLCFG_REFERENCE, default /work/shared/reference.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const refDir = process.env.XLCFG_REFERENCE || '/work/shared/reference';
const outFile = join(root, 'server/src/docs/keys.ts');

// ---------------------------------------------------------------------------
// Hand-written summaries: top-level keys

const SUMMARY = {
  name: 'Name of the domain. Required, and it must be unique on the host.',
  type: 'Guest type: pv, pvh or hvm. Defaults to pv on x86 and pvh on Arm; xl also accepts an abbreviation of the value.',
  builder: 'Deprecated way to pick the guest type: generic (PV) or hvm. Use type instead; the two conflict.',
  pool: 'Name of the CPU pool the domain is placed in.',
  vcpus: 'Number of virtual CPUs online when the guest boots; a value below 1 counts as 1.',
  maxvcpus: 'Highest number of virtual CPUs the guest may bring online later; must be at least vcpus.',
  cpus: 'Hard affinity: host CPUs the vCPUs may run on, e.g. "all", "0-3,5,^1" or "nodes:0-1". A list gives each vCPU its own set.',
  cpus_soft: 'Soft affinity: host CPUs the scheduler prefers for the vCPUs. Same syntax as cpus.',
  cpu_weight: 'Scheduling weight for the credit and credit2 schedulers, 1 to 65535; default 256.',
  cap: 'CPU cap for the credit and credit2 schedulers, in percent of one host CPU; 0 means uncapped.',
  memory: 'Initial memory of the guest, in MiB.',
  maxmem: 'Maximum memory of the guest, in MiB; defaults to the value of memory.',
  vnuma: 'Virtual NUMA layout: one element per virtual node, each a list of KEY=VALUE strings (pnode, size, vcpus, vdistances).',
  on_poweroff: 'What xl does when the guest powers itself off; default destroy.',
  on_reboot: 'What xl does when the guest reboots; default restart.',
  on_watchdog: 'What xl does when the guest\'s watchdog fires; default destroy.',
  on_crash: 'What xl does when the guest crashes; default destroy.',
  on_soft_reset: 'What xl does when the guest asks for a soft reset; default soft-reset.',
  kernel: 'Path, in the control domain, of a kernel image to boot directly.',
  ramdisk: 'Path, in the control domain, of the initrd for direct kernel boot.',
  cmdline: 'Whole kernel command line for direct boot; when set, root and extra are ignored.',
  root: 'Root device, put on the kernel command line as root=...; ignored when cmdline is set.',
  extra: 'Text appended to the kernel command line; ignored when cmdline is set.',
  firmware: 'Firmware to boot. PV/PVH: pvgrub32 or pvgrub64 (not together with kernel). HVM: bios, uefi, seabios, rombios, ovmf, or any other value as a firmware file path.',
  pvshim: 'x86: boot the PV kernel inside a PVH shim (use with type = "pvh").',
  pvshim_path: 'Path of the shim binary, instead of the default one.',
  pvshim_cmdline: 'Command line for the shim, replacing the default one.',
  pvshim_extra: 'Text appended to the shim\'s command line.',
  uuid: 'UUID of the domain; a random one is generated when omitted.',
  seclabel: 'XSM/FLASK security label of the domain. With init_seclabel set, the domain switches to this label once it is built.',
  init_seclabel: 'XSM/FLASK label the domain has while it is being built; it changes to seclabel afterwards.',
  max_grant_frames: 'Upper limit of grant table frames for the guest; the default comes from xl.conf.',
  max_maptrack_frames: 'Upper limit of grant maptrack frames for the guest; the default comes from xl.conf.',
  max_grant_version: 'Highest grant table interface version the guest may use (1 or 2 in practice); the default comes from xl.conf.',
  nomigrate: 'Set to 1 to forbid migrating this guest.',
  driver_domain: 'Mark the domain as a driver (backend) domain.',
  device_tree: 'Arm: path of a partial device tree blob; its /passthrough node is copied into the guest\'s tree.',
  passthrough: 'IOMMU page-table mode for device passthrough: default, disabled, enabled, sync_pt or share_pt.',
  xend_suspend_evtchn_compat: 'Compatibility switch for guests that expect the old xend handling of the suspend event channel.',
  vmtrace_buf_kb: 'Per-vCPU processor trace buffer, in KiB; 0 turns it off. Intel PT wants a power of two from 4 KiB to 16 MiB.',
  vpmu: 'Arm: give the guest access to the performance monitor (PMU) registers; off by default.',
  xenstore_feature_mask: 'Bit mask (0x1, 0x2, 0x4, 0x8) of Xenstore features to hide from the guest.',
  xenstore_quota: 'Per-domain Xenstore quota overrides, as "QUOTA-NAME=NUMBER" items.',
  disk: 'Virtual block devices, one spec string per disk; see xl-disk-configuration(5).',
  vif: 'Virtual network interfaces, one spec string per NIC; see xl-network-configuration(5).',
  vtpm: 'Virtual TPMs; every spec must name its backend domain and may give a uuid.',
  p9: '9pfs shares exported to the guest (type, tag, security_model, path, backend, limits).',
  pvcalls: 'PV Calls frontends; a spec may name the backend domain.',
  vfb: 'Paravirtual framebuffers shown over VNC or SDL; each one also brings a virtual keyboard and mouse.',
  channel: 'PV console channels: named byte streams between the guest and a pty or Unix socket in the backend. Each spec holds name, connection, path and backend; socket channels need a path.',
  rdm: 'HVM x86: handling of reserved device memory, e.g. "strategy=host,policy=relaxed". Beware: xl\'s check is inverted, so a valid policy= makes xl drop the whole setting.',
  usbctrl: 'Virtual USB controllers (type, version, ports).',
  usbdev: 'Host USB devices handed to the guest (hostbus/hostaddr, controller, port).',
  pci: 'PCI devices passed through to the guest; see xl-pci-configuration(5).',
  pci_permissive: 'Default for the permissive option of each pci entry.',
  pci_msitranslate: 'Default for the msitranslate option of each pci entry.',
  pci_seize: 'Default for the seize option of each pci entry.',
  pci_power_mgmt: 'Default for the power_mgmt option of each pci entry.',
  gfx_passthru: 'HVM x86: hand a host graphics card to the guest as its primary display. 1 or "default" detects the kind; "igd" forces Intel integrated graphics.',
  rdm_mem_boundary: 'HVM x86: boundary, in MiB, used when reserved device memory overlaps guest RAM.',
  dtdev: 'Arm: paths of host device tree nodes to pass through to the guest.',
  ioports: 'x86: legacy I/O port ranges the guest may use, in hex as "START[-END]".',
  iomem: 'Host memory pages the guest may map, in hex as "START,NUM_PAGES[@GFN]"; GFN defaults to START.',
  irqs: 'Host interrupt numbers the guest may use.',
  max_event_channels: 'Upper limit of event channels for the guest; default 1023.',
  vdispl: 'PV displays; every spec needs a connectors= list of ID:WxH entries.',
  dm_restrict: 'Run the QEMU device model with reduced privileges.',
  device_model_user: 'User account the QEMU device model runs as.',
  vsnd: 'PV sound cards: a list of cards, each a list of CARD, PCM and STREAM item strings.',
  vkb: 'PV keyboard and pointer devices (backend, backend-type, feature flags, sizes).',
  virtio: 'Virtio-mmio devices, announced to the guest through the device tree (backend, type, transport, grant_usage).',
  tee: 'Arm: TEE mediator for the guest: none, optee or ffa.',
  bootloader: 'PV/PVH: program run in the control domain to pick the guest kernel, e.g. pygrub.',
  bootloader_args: 'PV/PVH: arguments for the bootloader as a list (a single string still works but is deprecated).',
  bootloader_restrict: 'PV/PVH: run the bootloader with reduced privileges.',
  bootloader_user: 'PV/PVH: user account for the restricted bootloader.',
  e820_host: 'PV x86: give the guest a memory map shaped like the host\'s e820; turned on by itself when pci devices are assigned.',
  boot: 'HVM: boot order using c (hard disk), d (CD-ROM) and n (network), e.g. "cd".',
  hdtype: 'HVM: emulated disk controller, ide or ahci.',
  hap: 'HVM/PVH: use hardware-assisted paging when the CPU has it.',
  oos: 'HVM/PVH: allow out-of-sync shadow page tables (only matters with shadow paging).',
  shadow_memory: 'HVM/PVH: size of the shadow page-table pool, in MiB.',
  bios: 'HVM: firmware to load: rombios, seabios or ovmf.',
  bios_path_override: 'HVM: firmware image to load instead of the built-in one; needs bios.',
  pae: 'HVM: offer PAE (physical address extension) to the guest.',
  acpi: 'Give the guest ACPI tables. On by default on x86, off on Arm; read for every guest type.',
  acpi_s3: 'HVM: offer the S3 (suspend to RAM) sleep state.',
  acpi_s4: 'HVM: offer the S4 (suspend to disk) sleep state.',
  acpi_laptop_slate: 'HVM: add the ACPI device that reports laptop versus slate (tablet) mode.',
  apic: 'HVM: give the guest a local APIC.',
  nx: 'HVM: offer the no-execute (NX) page bit.',
  hpet: 'HVM: add an emulated HPET timer.',
  altp2m: 'x86: alternate p2m mode: disabled, mixed, external or limited. A number is also read.',
  altp2mhvm: 'Deprecated, HVM: switch alternate p2m on; replaced by altp2m.',
  altp2m_count: 'x86: how many alternate p2m views the guest may have, 0 to 65535; default 10.',
  nestedhvm: 'HVM/PVH: let the guest run a hypervisor of its own (nested virtualisation).',
  cpuid: 'x86: change the CPUID values the guest sees. Either one string "host,FEATURE=VALUE,..." or a list of "LEAF[,SUBLEAF]:eax=...,ebx=..." strings.',
  acpi_firmware: 'HVM: file of extra ACPI tables for the guest.',
  smbios_firmware: 'HVM: file of extra SMBIOS structures for the guest.',
  smbios: 'HVM: SMBIOS strings as "TYPE=VALUE" items (bios_vendor, system_serial_number, oem, ...); oem may repeat up to 99 times.',
  ms_vm_genid: 'HVM: Microsoft VM generation ID; "generate" makes one, "none" leaves it out.',
  tsc_mode: 'How the guest\'s time stamp counter behaves: default, always_emulate, native or native_paravirt. The numbers 0-3 are a deprecated form.',
  localtime: 'x86: run the emulated RTC in the host\'s local time instead of UTC.',
  rtc_timeoffset: 'x86: offset of the emulated RTC from the host clock, in seconds.',
  vpt_align: 'HVM: line up the ticks of the periodic virtual platform timers.',
  timer_mode: 'HVM/PVH: what virtual timers do with ticks missed while a vCPU was descheduled. A number is a deprecated form.',
  mmio_hole: 'HVM: size of the MMIO hole below 4 GiB, in MiB (256 to 3840); qemu-xen only.',
  xen_platform_pci: 'HVM: add the Xen platform PCI device that PV drivers in the guest rely on.',
  xen_platform_pci_bar_uc: 'HVM x86: map the platform device\'s memory BAR as uncacheable; default 1.',
  viridian: 'HVM: Microsoft Hyper-V (viridian) enlightenments. 1 turns on the default groups; a list picks groups, and "!name" removes one.',
  hvm_pirq: 'HVM x86: let the guest route interrupts through event channels (PIRQs).',
  videoram: 'HVM: video memory of the emulated graphics card, in MiB.',
  stdvga: 'Deprecated, HVM: pick the standard VGA card; write vga = "stdvga" instead. Ignored when vga is set.',
  vga: 'HVM: emulated graphics card: stdvga, cirrus, none or qxl.',
  vnc: 'Serve the guest display over VNC. A PV guest gets a vfb from this when there is no vfb list.',
  vnclisten: 'Address the VNC server listens on, optionally followed by :DISPLAYNUM.',
  vncdisplay: 'VNC display number; do not combine with a :N display in vnclisten.',
  vncunused: 'Take the first free VNC display number.',
  vncpasswd: 'Password for VNC; empty means none.',
  keymap: 'Keyboard layout for VNC and SDL, e.g. en-us.',
  sdl: 'Show the guest display in an SDL window.',
  nographic: 'HVM: no emulated graphics output.',
  spice: 'HVM: turn on the SPICE remote display.',
  spicehost: 'HVM: address the SPICE server listens on.',
  spiceport: 'HVM: TCP port of the SPICE server.',
  spicetls_port: 'HVM: TCP port for SPICE over TLS.',
  spicedisable_ticketing: 'HVM: let SPICE clients in without a password.',
  spicepasswd: 'HVM: password (ticket) a SPICE client must give.',
  spiceagent_mouse: 'HVM: let the SPICE agent drive the mouse (client mouse mode).',
  spicevdagent: 'HVM: add the SPICE vdagent channel to the guest.',
  spice_clipboard_sharing: 'HVM: share the clipboard between SPICE client and guest; needs spicevdagent.',
  spiceusbredirection: 'HVM: number of SPICE USB redirection channels, 0 to 4.',
  spice_image_compression: 'HVM: SPICE image compression mode, such as auto_glz or off; xl hands it to QEMU unchecked.',
  spice_streaming_video: 'HVM: SPICE video streaming (filter, all, off); xl hands it to QEMU unchecked.',
  serial: 'HVM: where the emulated serial port goes, as a QEMU -serial device such as "pty"; a list sets up several ports.',
  soundhw: 'HVM: emulated sound card, e.g. hda or ac97; xl does not check the name.',
  vkb_device: 'HVM: add a PV keyboard device; default 1.',
  usb: 'HVM: legacy switch for the emulated USB controller.',
  usbversion: 'HVM: version of the emulated USB controller: 1, 2 or 3.',
  usbdevice: 'HVM: emulated USB devices such as tablet, mouse or host:VENDOR:PRODUCT; needs usb = 1.',
  vendor_device: 'HVM: Xen platform vendor device: none or xenserver.',
  device_model_version: 'Device model to run: qemu-xen. Xen 4.17 also takes qemu-xen-traditional, which later releases dropped.',
  device_model_override: 'Path of a QEMU binary to run instead of the default device model.',
  stubdomain_kernel: 'Kernel for the device-model stub domain, instead of the default one.',
  stubdomain_cmdline: 'Kernel command line for the device-model stub domain.',
  stubdomain_ramdisk: 'Ramdisk for the device-model stub domain, instead of the default one.',
  stubdomain_memory: 'Memory of the device-model stub domain, in MiB; default 128.',
  device_model_stubdomain_override: 'Force the device model into a stub domain (1) or keep it in the control domain (0).',
  device_model_stubdomain_seclabel: 'XSM label of the device-model stub domain.',
  device_model_args: 'Extra command-line arguments for the device model.',
  device_model_args_pv: 'PV: extra device-model arguments, used for PV guests only.',
  device_model_args_hvm: 'HVM: extra device-model arguments, used for HVM guests only.',
  gic_version: 'Arm: version of the emulated interrupt controller: v2, v3 or default.',
  vuart: 'Arm: add a virtual UART for the console; sbsa_uart is the only kind.',
  sve: 'Arm64: SVE vector length in bits (a multiple of 128 up to 2048), hw for the host maximum, or disabled.',
  llc_colors: 'Arm: last-level cache colours for the guest, as "N" or "N-M" items.',
  nr_spis: 'Arm: number of shared peripheral interrupts (SPIs) for the guest; at most 960, or 5088 with eSPI.',
  trap_unmapped_accesses: 'Arm: trap guest accesses to unmapped MMIO addresses; default 1.',
  arm_sci: 'Arm: system control interface mediation, e.g. "type=scmi_smc"; default none.',
  mca_caps: 'HVM x86: machine-check capabilities to offer; lmce is the only one.',
  msr_relaxed: 'x86: be lenient with accesses to unknown MSRs, as older Xen was. A stop-gap option; xl warns about it.',
  opengl: 'Use OpenGL for the SDL display. Gone from the manual after 4.20, but xl still reads it.',
};

// Values column -> enumeration overrides (top-level). `open: true` means
// other values (e.g. a file path) are accepted too.
const VALUE_OVERRIDES = {
  firmware: { values: ['pvgrub32', 'pvgrub64', 'bios', 'uefi', 'seabios', 'rombios', 'ovmf'], open: true },
  gfx_passthru: { values: ['0', '1', 'default', 'igd'] },
  device_model_version: { values: ['qemu-xen', 'qemu-xen-traditional'] },
  vuart: { values: ['sbsa_uart'] },
  mca_caps: { values: ['lmce'] },
  soundhw: { open: true },
};

// Placeholders for keys whose values column is empty.
const PLACEHOLDERS = {
  name: 'NAME',
  pool: 'CPUPOOLNAME',
  cmdline: 'COMMAND LINE',
  root: 'DEVICE',
  extra: 'TEXT',
  pvshim_cmdline: 'COMMAND LINE',
  pvshim_extra: 'TEXT',
  stubdomain_cmdline: 'COMMAND LINE',
};

// Completion kind overrides (the form a new setting is usually written in).
const KIND_OVERRIDES = {
  viridian: 'list',
  gfx_passthru: 'boolean',
  cpus: 'string',
  cpus_soft: 'string',
  cpuid: 'string',
  serial: 'string',
  usbdevice: 'string',
};

// ---------------------------------------------------------------------------
// Hand-written summaries: sub-keys of spec strings ("parent subkey")

const SPEC_SUMMARY = {
  'channel backend': 'Domain (name or id) that serves the channel; defaults to the toolstack domain (dom0).',
  'channel name': 'Name the guest looks the channel up by, e.g. org.example.agent.1. Required (checked by libxl).',
  'channel connection': 'How the backend exposes the channel: pty or socket, in lower case. Required.',
  'channel path': 'With connection=socket: where QEMU creates the listening Unix socket. Ignored for pty. In the 2014 proposal it was also the output file for type=path.',
  'vif mac': 'MAC address of the guest NIC; without it a random address with the Xen prefix 00:16:3e is used.',
  'vif bridge': 'Host bridge the interface is added to; default xenbr0.',
  'vif gatewaydev': 'Host interface used by the vif-route and vif-nat scripts.',
  'vif netdev': 'Deprecated alias of gatewaydev; xl warns.',
  'vif type': 'HVM: ioemu (emulated NIC plus PV) or vif (PV only); default ioemu.',
  'vif model': 'HVM with type=ioemu: emulated NIC model such as rtl8139 or e1000.',
  'vif vifname': 'Name of the backend interface in the host; an HVM guest also gets NAME-emu for its emulated tap.',
  'vif script': 'Hotplug script that sets the interface up; default vif-bridge.',
  'vif ip': 'Guest IPv4 address(es), space separated, for the hotplug scripts and anti-spoofing rules.',
  'vif backend': 'Domain (name or id) that runs the network backend (driver domain).',
  'vif rate': 'Bandwidth limit such as 10MB/s or 10MB/s@20ms; unlimited by default, with a 50 ms interval.',
  'vif devid': 'Device number of the NIC; default is the next free one.',
  'vif mtu': 'MTU of the interface; default 1500.',
  'vif vlan': 'VLAN tags for the openvswitch script: IDs 1-4094, ranges and trunk forms joined with /.',
  'vif trusted': 'Flag trusted or untrusted: whether the backend is trusted.',
  'vif accel': 'Parsed but unsupported; xl warns about it.',
  'vif colo_*': 'COLO replication settings (colo_sock_*, colo_filter_*, colo_compare_*, colo_checkpoint_*).',
  'disk target': 'Block device or image file. Written as target= it takes the rest of the spec, so it must come last.',
  'disk format': 'Image format: raw, qcow, qcow2, vhd, qed, or empty for no media; default raw.',
  'disk vdev': 'Device name the guest sees, e.g. xvda or hda. Required; see xen-vbd-interface(7).',
  'disk access': 'ro/r for read-only or rw/w for read-write; default rw (ro for CD-ROMs).',
  'disk devtype': 'Kind of device: disk or cdrom.',
  'disk cdrom': 'Flag, same as devtype=cdrom.',
  'disk backend': 'Domain that runs the block backend (driver domain).',
  'disk backendtype': 'Backend implementation: phy, qdisk, standalone or tap; picked automatically by default.',
  'disk script': 'Hotplug script that prepares the target (block-SCRIPT naming).',
  'disk direct-io-safe': 'Flag: the backend may use direct I/O for this disk.',
  'disk discard': 'Flag discard or no-discard: whether discard requests reach the backing store.',
  'disk trusted': 'Flag trusted or untrusted: whether the backend is trusted.',
  'disk specification': 'Disk protocol: xen or virtio; default xen.',
  'disk grant_usage': 'Virtio disks: whether grants are used; only 0 or 1.',
  'disk colo': 'Flag colo or no-colo: COLO replication for this disk.',
  'disk colo-host': 'COLO: secondary host to replicate to.',
  'disk colo-port': 'COLO: port on the secondary host.',
  'disk colo-export': 'COLO: NBD export name.',
  'disk active-disk': 'COLO: path of the active disk on the secondary.',
  'disk hidden-disk': 'COLO: path of the hidden disk on the secondary.',
  'disk PREFIX:': 'Deprecated prefixes such as phy: or file:; the parser strips and ignores them.',
  'disk FORMAT:': 'Deprecated format prefixes (raw:, qcow:, qcow2:, vhd:); write format= instead.',
  'disk SCRIPT:': 'Deprecated script prefixes (iscsi:, nbd:, enbd:, drbd:) selecting block-NAME; write script= instead.',
  'pci bdf': 'Host PCI address [DDDD:]BB:DD.F; F may be * for all functions. Give either bdf or name.',
  'pci vslot': 'Guest slot for the device, as @SLOT after the address or vslot=.',
  'pci permissive': 'Let the guest write PCI config space without filtering; default from pci_permissive.',
  'pci msitranslate': 'Translate MSI interrupts for the device; default from pci_msitranslate.',
  'pci seize': 'Take the device away from its host driver if needed; default from pci_seize.',
  'pci power_mgmt': 'Let the guest power-manage the device; default from pci_power_mgmt.',
  'pci rdm_policy': 'Reserved device memory policy for this device: strict or relaxed; default from rdm.',
  'pci name': 'Name of an assignable device, used instead of bdf.',
  'usbctrl type': 'Controller kind: pv, qusb, devicemodel or auto; default auto.',
  'usbctrl version': 'USB version 1, 2 or 3; default 2. Version 3 needs type=devicemodel.',
  'usbctrl ports': 'Number of ports, 1 to 31; default 8.',
  'usbdev type': 'Device kind; hostdev is the only one.',
  'usbdev hostbus': 'Bus number of the host USB device (give hostaddr too).',
  'usbdev hostaddr': 'Device number of the host USB device (give hostbus too).',
  'usbdev controller': 'Index of the usbctrl to attach to; chosen automatically when omitted.',
  'usbdev port': 'Port on the controller, counting from 1.',
  'vtpm backend': 'Domain (name or id) of the vTPM backend. Required.',
  'vtpm uuid': 'UUID of the vTPM; generated when absent.',
  'p9 type': 'Backend kind: qemu or xen_9pfsd; default qemu.',
  'p9 tag': 'Mount tag the guest uses for the share.',
  'p9 security_model': 'Only none is supported.',
  'p9 path': 'Directory in the backend domain to share.',
  'p9 backend': 'Domain (name or id) of the backend; default dom0.',
  'p9 max-files': 'xen_9pfsd: file count limit; 0 means unlimited.',
  'p9 max-open-files': 'xen_9pfsd: open file limit; default 5.',
  'p9 max-space': 'xen_9pfsd: space limit in MiB; 0 means unlimited.',
  'p9 auto-delete': 'xen_9pfsd: remove old files when a limit is reached.',
  'pvcalls backend': 'Domain (name or id) of the PV Calls backend.',
  'vfb vnc': 'Serve this framebuffer over VNC.',
  'vfb vnclisten': 'Address (and optional :DISPLAYNUM) the VNC server listens on.',
  'vfb vncdisplay': 'VNC display number.',
  'vfb vncunused': 'Take the first free VNC display.',
  'vfb vncpasswd': 'VNC password.',
  'vfb sdl': 'Show the framebuffer in an SDL window.',
  'vfb display': 'X display for SDL.',
  'vfb xauthority': 'Xauthority file for SDL.',
  'vfb keymap': 'Keyboard layout, e.g. en-us.',
  'vfb opengl': 'Use OpenGL for SDL; xl still parses it though the manual no longer lists it.',
  'vdispl backend': 'Domain of the display backend; default dom0.',
  'vdispl be-alloc': 'Let the backend allocate the display buffers.',
  'vdispl connectors': 'Required: ID:WxH connectors separated by semicolons.',
  'vkb unique-id': 'Identifier of the device.',
  'vkb backend': 'Domain of the backend.',
  'vkb backend-type': 'Backend implementation: qemu or linux.',
  'vkb feature-disable-keyboard': 'Do not send keyboard events.',
  'vkb feature-disable-pointer': 'Do not send pointer events.',
  'vkb feature-abs-pointer': 'Pointer reports absolute coordinates.',
  'vkb feature-raw-pointer': 'Pointer reports raw (unscaled) coordinates.',
  'vkb feature-multi-touch': 'Add a multi-touch device.',
  'vkb multi-touch-width': 'Width of the multi-touch surface, in pixels.',
  'vkb multi-touch-height': 'Height of the multi-touch surface, in pixels.',
  'vkb multi-touch-num-contacts': 'Number of touch contacts at once.',
  'vkb width': 'Width of the pointer area, in pixels.',
  'vkb height': 'Height of the pointer area, in pixels.',
  'virtio backend': 'Domain of the virtio backend; default dom0.',
  'virtio type': 'Device tree compatible, e.g. "virtio,device" or "virtio,device26"; the value itself contains a comma.',
  'virtio transport': 'Transport; mmio is the only one.',
  'virtio grant_usage': 'Use grants for device memory; by default only when the backend is not dom0.',
  'rdm strategy': 'Only host: reserve every RDM region the host reports.',
  'rdm policy': 'strict (fail on a conflict) or relaxed (warn and go on); a pci entry\'s rdm_policy overrides it.',
  'vnuma pnode': 'Host NUMA node that backs this virtual node.',
  'vnuma size': 'Memory of this virtual node, in MiB.',
  'vnuma vcpus': 'vCPUs of this virtual node, e.g. 0-3.',
  'vnuma vdistances': 'Distance from this node to each virtual node, in node order.',
  'vsnd CARD': 'First item of a card list: backend, short-name, long-name and card-wide PCM defaults.',
  'vsnd PCM': 'Starts a PCM device of the card: name= plus PCM parameters.',
  'vsnd STREAM': 'A stream of the current PCM device: unique-id=, type=p (playback) or c (capture), plus PCM parameters.',
  'vsnd sample-rates': 'Supported sample rates, separated by semicolons.',
  'vsnd sample-formats': 'Supported sample formats such as s16_le, separated by semicolons; case-insensitive.',
  'vsnd channels-min': 'Smallest number of audio channels.',
  'vsnd channels-max': 'Largest number of audio channels.',
  'vsnd buffer-size': 'Buffer size, in bytes.',
  'arm_sci type': 'SCI mediator: none or scmi_smc; default none.',
};

// Single-token spec values that are real enumerations.
const SPEC_SINGLE_VALUE_ENUMS = new Set([
  'usbdev type',
  'virtio transport',
  'rdm strategy',
  'p9 security_model',
  'disk cdrom',
  'disk direct-io-safe',
]);

// Rows not in the TSV: the seed dialect of channel (2014 proposal).
const EXTRA_SPEC_ROWS = [
  {
    parent: 'channel',
    subkey: 'type',
    form: 'key=value',
    value_type: 'string',
    values: 'none|pty|path|socket',
    doc_section: '(2014 proposal only)',
    dialect: 'seed',
    summary:
      'The 2014 proposal\'s key for the backend kind (none, pty, path, socket). Released Xen uses connection= instead: type=pty becomes connection=pty, type=socket becomes connection=socket; none and path have no equivalent.',
  },
];

// ---------------------------------------------------------------------------

function readTsv(file) {
  const text = readFileSync(join(refDir, file), 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0].split('\t');
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    const row = {};
    header.forEach((h, i) => (row[h] = (cells[i] ?? '').trim()));
    return row;
  });
}

const ENUM_RE = /^[a-z0-9_.:-]+(\|[a-z0-9_.:-]+)+$/;

function topValues(row) {
  const o = VALUE_OVERRIDES[row.key] ?? {};
  if (o.values) return { values: o.values, open: !!o.open };
  if (ENUM_RE.test(row.values)) return { values: row.values.split('|'), open: !!o.open };
  const text = row.values || PLACEHOLDERS[row.key] || (row.value_type === 'number' ? 'NUMBER' : 'STRING');
  return { values: text, open: true };
}

function topKind(row, values) {
  if (KIND_OVERRIDES[row.key]) return KIND_OVERRIDES[row.key];
  switch (row.value_type) {
    case 'string':
    case 'string-or-number':
      return Array.isArray(values) ? 'enum' : 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'list':
      return 'list';
    case 'list-of-specs':
      return 'spec-list';
    case 'list-of-lists':
      return 'nested-list';
    case 'string-spec':
      return 'spec-string';
    case 'string-or-list':
      return 'string';
    case 'boolean-or-list':
      return 'list';
    case 'boolean-or-string':
      return 'boolean';
    default:
      throw new Error(`unknown value_type ${row.value_type} for ${row.key}`);
  }
}

function specValues(row) {
  const id = `${row.parent} ${row.subkey}`;
  if (ENUM_RE.test(row.values)) return row.values.split('|');
  if (SPEC_SINGLE_VALUE_ENUMS.has(id)) return [row.values];
  return row.values || (row.value_type === 'number' ? 'NUMBER' : 'STRING');
}

const q = (s) => JSON.stringify(s);
const arr = (a) => `[${a.map(q).join(', ')}]`;
const val = (v) => (Array.isArray(v) ? arr(v) : q(v));

function generate() {
  const keys = readTsv('xl-cfg-keys.tsv');
  const specs = readTsv('xl-cfg-spec-keys.tsv');
  const problems = [];

  const keyNames = new Set(keys.map((r) => r.key));
  for (const r of keys) if (!SUMMARY[r.key]) problems.push(`no summary for key ${r.key}`);
  for (const k of Object.keys(SUMMARY)) if (!keyNames.has(k)) problems.push(`summary for unknown key ${k}`);
  const specIds = new Set(specs.map((r) => `${r.parent} ${r.subkey}`));
  for (const id of specIds) if (!SPEC_SUMMARY[id]) problems.push(`no summary for spec key ${id}`);
  for (const id of Object.keys(SPEC_SUMMARY)) if (!specIds.has(id)) problems.push(`summary for unknown spec key ${id}`);
  if (problems.length) throw new Error(problems.join('\n'));

  const valueTypes = [...new Set(keys.map((r) => r.value_type))];
  const statuses = [...new Set(keys.flatMap((r) => (r.status ? r.status.split(',') : [])))];

  const out = [];
  out.push('// GENERATED by scripts/gen-keys.mjs from the reference tables xl-cfg-keys.tsv and');
  out.push('// xl-cfg-spec-keys.tsv. Summaries are our own words (kept in the script). Do not edit');
  out.push('// by hand: change scripts/gen-keys.mjs and run `node scripts/gen-keys.mjs`.');
  out.push('//');
  out.push('// Pure data: no imports, safe for every layer of the server.');
  out.push('');
  out.push('/** How xl reads a top-level key (value_type column of the reference table). */');
  out.push('export type KeyValueType =');
  for (const [i, t] of ['string', 'number', 'boolean', 'list', 'list-of-specs', 'list-of-lists', 'string-spec', 'string-or-list', 'string-or-number', 'boolean-or-list', 'boolean-or-string'].entries()) {
    out.push(`  ${i === 0 ? ' ' : '|'} ${q(t)}${i === 10 ? ';' : ''}`);
  }
  for (const t of valueTypes) if (!['string', 'number', 'boolean', 'list', 'list-of-specs', 'list-of-lists', 'string-spec', 'string-or-list', 'string-or-number', 'boolean-or-list', 'boolean-or-string'].includes(t)) throw new Error(`new value type ${t}`);
  out.push('');
  const allStatus = ['mandatory', 'deprecated', 'x86', 'arm', 'hvm-only', 'pv-only', 'pvh-only', 'pv-or-pvh', 'hvm-or-pvh', 'removed-from-doc'];
  for (const s of statuses) if (!allStatus.includes(s)) throw new Error(`new status ${s}`);
  out.push('/** Status flags of a key (status column of the reference table). */');
  out.push(`export type KeyStatus = ${allStatus.map(q).join(' | ')};`);
  out.push('');
  out.push(`/**
 * The form a new setting is usually written in, for completion snippets:
 * - 'string': \`key = "..."\`          - 'enum': \`key = "one-of-values"\`
 * - 'number': \`key = 42\`             - 'boolean': \`key = 1\` (0 or 1)
 * - 'list': \`key = [ "...", ... ]\`   - 'spec-list': list of "KEY=VALUE,..." strings
 * - 'nested-list': list of lists      - 'spec-string': one "KEY=VALUE,..." string
 */
export type CompletionKind = 'string' | 'enum' | 'number' | 'boolean' | 'list' | 'spec-list' | 'nested-list' | 'spec-string';

export interface KeyDoc {
  /** Setting name as written in the file. */
  key: string;
  /** How xl reads the value. */
  valueType: KeyValueType;
  /**
   * Allowed values when the key takes one of a fixed set (for lists and
   * boolean-or-list keys: the allowed list items); otherwise a short
   * placeholder describing the value (e.g. "MiB", "PATH").
   */
  values: readonly string[] | string;
  /** True when \`values\` is a list but other values (e.g. a file path) are accepted too. */
  openValues: boolean;
  /** Man page heading path(s), "A > B", several joined with "; " (as in the reference table). */
  section: string;
  /** The heading paths of \`section\`, split. */
  sections: readonly string[];
  /** First release documenting the key: "4.10", or "<=4.2" for keys older than 4.2. */
  since: string;
  /** Status flags such as "deprecated", "hvm-only", "x86". */
  status: readonly KeyStatus[];
  /** Completion form. */
  kind: CompletionKind;
  /** One or two sentences, our own words. */
  summary: string;
}

/** Sub-key value types in spec strings. */
export type SpecValueType = 'string' | 'number' | 'boolean' | 'flag';

/**
 * How a sub-key is written: \`key=value\`, a bare \`flag\`, a positional
 * parameter (\`positional-N\`), an \`@suffix\`, a vsnd \`item-prefix\` or a
 * disk \`deprecated-prefix\`.
 */
export type SpecForm = 'key=value' | 'flag' | \`positional-\${number}\` | '@suffix' | 'item-prefix' | 'deprecated-prefix';

export interface SpecKeyDoc {
  /** Top-level key whose spec strings hold this sub-key, e.g. "channel". */
  parent: string;
  /** Sub-key name; patterns end in "*" (e.g. "colo_*"), prefix groups in ":" (e.g. "PREFIX:"). */
  subkey: string;
  /** Every form the sub-key may take. */
  forms: readonly SpecForm[];
  valueType: SpecValueType;
  /** Allowed values when fixed (for flags: the flag words), else a placeholder. */
  values: readonly string[] | string;
  /** Where the sub-key is documented ("(code only)" when only the parser knows it). */
  docSection: string;
  /** 'seed' for the never-released 2014 channel proposal; 'upstream' for released channel keys. */
  dialect?: 'upstream' | 'seed';
  /** One or two sentences, our own words. */
  summary: string;
}
`);

  out.push('const KEY_DOCS: readonly KeyDoc[] = [');
  for (const r of keys) {
    const { values, open } = topValues(r);
    const kind = topKind(r, values);
    const sections = r.section.split(';').map((s) => s.trim()).filter(Boolean);
    out.push('  {');
    out.push(`    key: ${q(r.key)},`);
    out.push(`    valueType: ${q(r.value_type)},`);
    out.push(`    values: ${val(values)},`);
    out.push(`    openValues: ${open},`);
    out.push(`    section: ${q(r.section)},`);
    out.push(`    sections: ${arr(sections)},`);
    out.push(`    since: ${q(r.since)},`);
    out.push(`    status: ${arr(r.status ? r.status.split(',').map((s) => s.trim()) : [])},`);
    out.push(`    kind: ${q(kind)},`);
    out.push(`    summary: ${q(SUMMARY[r.key])},`);
    out.push('  },');
  }
  out.push('];');
  out.push('');

  const specRows = specs.map((r) => ({ ...r, summary: SPEC_SUMMARY[`${r.parent} ${r.subkey}`], dialect: r.parent === 'channel' ? 'upstream' : undefined }));
  // keep the seed row next to the other channel rows
  const lastChannel = specRows.map((r) => r.parent).lastIndexOf('channel');
  specRows.splice(lastChannel + 1, 0, ...EXTRA_SPEC_ROWS);
  out.push('const SPEC_KEY_DOCS: readonly SpecKeyDoc[] = [');
  for (const r of specRows) {
    const forms = r.form.split('|').map((f) => f.trim());
    for (const f of forms) if (!/^(key=value|flag|positional-\d+|@suffix|item-prefix|deprecated-prefix)$/.test(f)) throw new Error(`unknown form ${f}`);
    if (!['string', 'number', 'boolean', 'flag'].includes(r.value_type)) throw new Error(`unknown spec value type ${r.value_type}`);
    out.push('  {');
    out.push(`    parent: ${q(r.parent)},`);
    out.push(`    subkey: ${q(r.subkey)},`);
    out.push(`    forms: ${arr(forms)},`);
    out.push(`    valueType: ${q(r.value_type)},`);
    out.push(`    values: ${val(specValues(r))},`);
    out.push(`    docSection: ${q(r.doc_section)},`);
    if (r.dialect) out.push(`    dialect: ${q(r.dialect)},`);
    out.push(`    summary: ${q(r.summary)},`);
    out.push('  },');
  }
  out.push('];');
  out.push(`
const KEY_INDEX: ReadonlyMap<string, KeyDoc> = new Map(KEY_DOCS.map((d) => [d.key, d]));

/** The documentation record of a top-level key, or undefined for unknown keys. */
export function getKeyDoc(key: string): KeyDoc | undefined {
  return KEY_INDEX.get(key);
}

/** Every top-level key, in the order of the reference table (man page order). */
export function allKeyDocs(): readonly KeyDoc[] {
  return KEY_DOCS;
}

/** True when the key takes one of a fixed set of values (\`values\` is a list). */
export function hasEnumeratedValues(doc: KeyDoc | SpecKeyDoc): doc is (KeyDoc | SpecKeyDoc) & { values: readonly string[] } {
  return Array.isArray(doc.values);
}

/** Top-level keys that hold spec strings and have sub-key documentation. */
export function specParents(): readonly string[] {
  return [...new Set(SPEC_KEY_DOCS.map((d) => d.parent))];
}

/**
 * Sub-keys documented for a spec-string key (e.g. "channel"), including the
 * seed-dialect \`type\` for channel (marked \`dialect: 'seed'\`).
 */
export function getSpecKeyDocs(parent: string): readonly SpecKeyDoc[] {
  return SPEC_KEY_DOCS.filter((d) => d.parent === parent);
}

/**
 * The sub-key record for \`subkey\` of \`parent\`. Besides exact names this
 * resolves flag spellings (\`no-discard\` -> discard, \`untrusted\` -> trusted),
 * patterns (\`colo_sock_sec_ip\` -> colo_*) and deprecated disk prefixes
 * (\`phy:\` -> PREFIX:).
 */
export function getSpecKeyDoc(parent: string, subkey: string): SpecKeyDoc | undefined {
  const docs = getSpecKeyDocs(parent);
  const exact = docs.find((d) => d.subkey === subkey);
  if (exact) return exact;
  for (const d of docs) {
    if (Array.isArray(d.values) && (d.forms.includes('flag') || d.forms.includes('deprecated-prefix')) && d.values.includes(subkey)) return d;
  }
  for (const d of docs) {
    if (d.subkey.endsWith('*') && subkey.startsWith(d.subkey.slice(0, -1))) return d;
  }
  return undefined;
}
`);
  return out.join('\n');
}

const text = generate();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(outFile, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(`${outFile} is out of date; run node scripts/gen-keys.mjs`);
    process.exit(1);
  }
  console.log('keys.ts is up to date');
} else {
  writeFileSync(outFile, text);
  console.log(`wrote ${outFile}`);
}
