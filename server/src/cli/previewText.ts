/**
 * The preview as terminal text: the xenstore tree (one directory per block,
 * `key = "value"` lines under it), the qemu argv one argument per line, and the
 * same argv as one shell-quoted line.
 */
import type { LineIndex } from '../syntax/lineIndex';
import type { PreviewResult } from '../render/types';

export function previewText(p: PreviewResult, file: string, lines: LineIndex): string[] {
  const out: string[] = [];
  out.push(`# ${file}: what libxl writes and runs for ${p.target}`);
  for (const pr of p.problems) {
    const at = pr.span ? lines.positionAt(pr.span.start) : undefined;
    out.push(`${at ? `${file}:${at.line + 1}:${at.character + 1}: ` : ''}${pr.severity}: ${pr.message} [${pr.code}]`);
  }
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
    for (const a of p.qemu.argv) out.push(`  ${a.value}`);
    out.push('', 'shell:', `  ${p.qemu.shell}`);
    for (const n of p.qemu.notes) out.push(`  # ${n}`);
  }
  return out;
}
