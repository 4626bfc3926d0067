/**
 * The preview as terminal text: the xenstore tree of the consoles (one
 * directory per block, `key = "value"` lines under it), each device with its
 * xenstore directories, the qemu argv one argument per line, and the same
 * argv as one shell-quoted line.
 */
import type { LineIndex } from '../syntax/lineIndex';
import type { Diagnostic } from '../check/diagnostic';
import type { PreviewResult, XenstoreDirectory, XenstoreEntry } from '../render/types';
import { gravestFirst } from '../check/order';

export function previewText(p: PreviewResult, findings: readonly Diagnostic[], file: string, lines: LineIndex): string[] {
  const out: string[] = [];
  const where = (start: number | undefined) => {
    if (start === undefined) return '';
    const at = lines.positionAt(start);
    return `${file}:${at.line + 1}:${at.character + 1}: `;
  };
  const refused = findings.filter((d) => d.effect === 'xl-refuses');
  // What xl does comes first: when it refuses the file, nothing below happens.
  if (refused.length) out.push(`# ${file}: xl ${p.target.replace(/^Xen /, '')} refuses this file, so nothing below happens; it shows what libxl would do once the file is fixed.`);
  out.push(`# ${file}: what libxl writes and runs for ${p.target}`);
  for (const d of gravestFirst(findings)) out.push(`${where(d.start)}${d.severity}: ${d.message} [${d.code}]`);
  for (const n of p.notes) out.push(`${where(n.span?.start)}note: ${n.message} [${n.code}]`);
  const tree = (dirs: XenstoreDirectory[], entries: XenstoreEntry[], indent: string) => {
    for (const dir of dirs) {
      out.push(`${indent}${dir.path}  ${dir.perms}  (${dir.writer})`);
      for (const k of dir.entries) {
        const e = entries[k];
        if (e.isDir) continue;
        const flags = [e.guestReadOnly ? 'read-only to the guest' : 'guest-writable', e.runtime ? 'set at run time' : '', e.guess ? `guessed: ${e.guess}` : ''].filter(Boolean).join(', ');
        out.push(`${indent}  ${e.key} = ${JSON.stringify(e.value)}  ${e.perms} ${flags}`);
      }
    }
  };
  out.push('', 'xenstore:');
  tree(p.xenstoreDirs, p.xenstore, '');
  const devs = p.devices;
  if (devs.list.length || devs.notRendered.length) {
    out.push('', 'devices:');
    const dirsOf = new Map<number, XenstoreDirectory[]>();
    for (const d of devs.xenstoreDirs) {
      if (d.deviceIndex === undefined) continue;
      const g = dirsOf.get(d.deviceIndex) ?? [];
      g.push(d);
      dirsOf.set(d.deviceIndex, g);
    }
    for (const d of devs.list) {
      const head = `${d.family}${d.item !== undefined ? `[${d.item}]` : ''} ${d.label}: ${d.kind} ${d.devid}, backend ${d.backendKind} in domain ${d.backendDomid}`;
      out.push(`${where(d.span?.start)}${head}${d.implicit ? ` (${d.implicit})` : ''}`);
      if (!d.rendered) out.push(`  not created: ${d.reason}`);
      if (d.emulated) out.push(`  emulated by qemu: ${d.emulated}`);
      else if (d.emulatedNot) out.push(`  not emulated: ${d.emulatedNot}`);
      for (const g of d.guesses) out.push(`  guessed: ${g}`);
      tree(dirsOf.get(d.index) ?? [], devs.xenstore, '  ');
    }
    for (const n of devs.notRendered) out.push(`${where(n.span.start)}${n.key}: ${n.reason}`);
  }
  out.push('', 'qemu:');
  if (!p.qemu.runs) {
    out.push(`  no device model runs: ${p.qemu.reason}`);
  } else {
    out.push(`  ${p.qemu.reason}`);
    for (const [k, v] of Object.entries(p.qemu.env)) out.push(`  env ${k}=${v}`);
    for (const a of p.qemu.argv) out.push(`  ${a.value}${a.source === 'default' ? '    # libxl default: not set in the file' : ''}`);
    out.push('', 'shell:', `  ${p.qemu.shell}`);
    if (p.qemu.unrendered.length) out.push(`  # incomplete: ${p.qemu.unrendered.map((u) => u.key).join(', ')} add arguments not shown here`);
    for (const n of p.qemu.notes) out.push(`  # ${n}`);
  }
  return out;
}
