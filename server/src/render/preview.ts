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

export type { PreviewResult } from './types';

/** A copy without the keys whose value is undefined (so results compare and serialise cleanly). */
function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function renderPreview(domain: RenderDomain, options: RenderOptions): PreviewResult {
  const ctx = resolveContext(domain, options);
  const xs = renderXenstore(ctx);
  const qemu = renderQemu(ctx);
  const libvirt = renderLibvirtXml(ctx);
  return {
    xenstore: xs.entries,
    xenstoreDirs: xs.dirs,
    qemu: qemu.qemu,
    notes: [...ctx.notes, ...qemu.notes, ...libvirt.notes].map(withoutUndefined),
    channels: ctx.channels.map((c) => withoutUndefined(channelView(c))),
    libvirtXml: libvirt.xml,
    udev: { rule: renderUdevRule(ctx), helper: renderUdevHelper(ctx) },
    target: targetLabel(ctx.v),
    era: eraSummary(ctx.v),
  };
}
