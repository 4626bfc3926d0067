/**
 * The preview of a domain's consoles and channels for one Xen release: the
 * xenstore tree libxl writes, the qemu command line, what goes wrong, and the
 * libvirt and guest-side equivalents. Plain data in, plain data out.
 */
import type { RenderDomain, RenderOptions } from './input';
import type { PreviewResult } from './types';
import { channelView, resolveContext } from './context';
import { eraSummary, targetLabel } from './era';
import { renderXenstore } from './xenstore';
import { renderQemu } from './qemuArgv';
import { renderLibvirtXml } from './libvirtXml';
import { renderUdevHelper, renderUdevRule } from './guestUdev';
import { planDevices, type PlannedDevice } from './devicePlan';
import { renderDevicesXenstore } from './devicesXenstore';
import type { DeviceView } from './types';

export type { PreviewResult } from './types';

/** A copy without the keys whose value is undefined (so results compare and serialise cleanly). */
function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** What the devices section says about a planned device. */
function deviceView(d: PlannedDevice): DeviceView {
  const { index, family, item, implicit, kind, backendKind, devid, backendDomid, label, guesses, rendered, reason, emulated, emulatedNot, span } = d;
  return withoutUndefined({ index, family, item, implicit, kind, backendKind, devid, backendDomid, label, guesses, rendered, reason, emulated, emulatedNot, span });
}

export function renderPreview(domain: RenderDomain, options: RenderOptions): PreviewResult {
  const ctx = resolveContext(domain, options);
  const xs = renderXenstore(ctx);
  const plan = planDevices(ctx);
  // The qemu line first: it says which devices are emulated.
  const qemu = renderQemu(ctx, plan.devices);
  const devXs = renderDevicesXenstore(ctx, plan.devices, options.deviceNodes);
  const libvirt = renderLibvirtXml(ctx);
  return {
    xenstore: xs.entries,
    xenstoreDirs: xs.dirs,
    devices: { list: plan.devices.map(deviceView), xenstore: devXs.entries, xenstoreDirs: devXs.dirs, notRendered: plan.notRendered },
    qemu: qemu.qemu,
    notes: [...ctx.notes, ...qemu.notes, ...libvirt.notes].map(withoutUndefined),
    channels: ctx.channels.map((c) => withoutUndefined(channelView(c))),
    libvirtXml: libvirt.xml,
    udev: { rule: renderUdevRule(ctx), helper: renderUdevHelper(ctx) },
    target: targetLabel(ctx.v),
    era: eraSummary(ctx.v),
  };
}
