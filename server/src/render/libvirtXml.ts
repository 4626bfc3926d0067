/**
 * The libvirt domain XML equivalent of the channels, in the form libvirt's
 * xl.cfg converter uses for Xen channels (tests/xlconfigdata/test-channel-*.xml):
 *
 *   <channel type='pty'>
 *     <target type='xen' name='NAME'/>
 *   </channel>
 *   <channel type='unix'>
 *     <source mode='bind' path='PATH'/>
 *     <target type='xen' name='NAME'/>
 *   </channel>
 */
import type { RenderNote } from './types';
import type { PlannedChannel, RenderContext } from './context';

/**
 * Text for an XML 1.0 attribute value in single or double quotes. Characters
 * XML 1.0 cannot carry at all (most C0 controls, U+FFFE/U+FFFF, lone
 * surrogates) become U+FFFD; tab and line breaks become character references
 * so that attribute-value normalisation keeps them.
 */
export function xmlEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    switch (ch) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case "'": out += '&apos;'; break;
      case '"': out += '&quot;'; break;
      case '\t': out += '&#9;'; break;
      case '\n': out += '&#10;'; break;
      case '\r': out += '&#13;'; break;
      default:
        out += xmlAllowed(cp) ? ch : '\uFFFD';
    }
  }
  return out;
}

/** The XML 1.0 Char production. */
export function xmlAllowed(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function hasUnrepresentable(text: string | undefined): boolean {
  if (text === undefined) return false;
  for (const ch of text) if (!xmlAllowed(ch.codePointAt(0) as number)) return true;
  return false;
}

export interface LibvirtRender {
  xml: string;
  notes: RenderNote[];
}

function channelXml(c: PlannedChannel, indent: string): string[] {
  const target = `${indent}  <target type='xen'${c.name !== undefined ? ` name='${xmlEscape(c.name)}'` : ''}/>`;
  if (c.kind === 'pty') return [`${indent}<channel type='pty'>`, target, `${indent}</channel>`];
  return [
    `${indent}<channel type='unix'>`,
    `${indent}  <source mode='bind' path='${xmlEscape(c.path ?? '')}'/>`,
    target,
    `${indent}</channel>`,
  ];
}

export function renderLibvirtXml(ctx: RenderContext): LibvirtRender {
  const notes: RenderNote[] = [];
  const lines = ['<devices>'];
  for (const c of ctx.channels) {
    if (!c.renders) {
      lines.push(`  <!-- channel ${c.index}: not created (see the findings) -->`);
      continue;
    }
    if (c.kind !== 'pty' && c.kind !== 'socket') {
      // Seed-only kinds: libvirt's libxl driver builds Xen channels from pty and unix only.
      lines.push(`  <!-- channel ${c.index}: type=${c.kind === 'file' ? 'path' : c.kind} has no libvirt equivalent for Xen -->`);
      continue;
    }
    if (!c.local) {
      lines.push(`  <!-- channel ${c.index}: libvirt has no equivalent of backend=; the backend domain is not expressed -->`);
    }
    if (hasUnrepresentable(c.name) || hasUnrepresentable(c.path)) {
      notes.push({
        code: 'xml-unrepresentable',
        effect: 'style',
        message: `Channel ${c.index} has characters XML 1.0 cannot carry (control characters); they are shown as U+FFFD in the libvirt XML.`,
        span: c.src.span,
        channelIndex: c.index,
      });
    }
    lines.push(...channelXml(c, '  '));
  }
  if (ctx.channels.length === 0) lines.push('  <!-- no channels -->');
  lines.push('</devices>');
  return { xml: lines.join('\n') + '\n', notes };
}
