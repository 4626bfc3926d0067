/**
 * The preview as terminal text: the xenstore tree (one directory per block,
 * `key = "value"` lines under it), the qemu argv one argument per line, and the
 * same argv as one shell-quoted line.
 */
import type { LineIndex } from '../syntax/lineIndex';
import type { Diagnostic } from '../check/diagnostic';
import type { PreviewResult } from '../render/types';
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
  out.push('', 'xenstore:');
  for (const dir of p.xenstoreDirs) {
    out.push(`${dir.path}  ${dir.perms}  (${dir.writer})`);
    for (const k of dir.entries) {
      const e = p.xenstore[k];
      if (e.isDir) continue;
      const flags = [e.guestReadOnly ? 'read-only to the guest' : 'guest-writable', e.runtime ? 'set at run time' : ''].filter(Boolean).join(', ');
      out.push(`  ${e.key} = ${JSON.stringify(e.value)}  ${e.perms} ${flags}`);
    }
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
