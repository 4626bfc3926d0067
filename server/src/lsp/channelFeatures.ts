/**
 * Channel-aware completion, hover and outline: called by the generic
 * providers (completion.ts, hover.ts, symbols.ts) for the channel key.
 */
import { encodeString } from '../syntax/stringLiteral';
import { channelDevids } from '../render/era';
import { getSpecKeyDoc } from '../docs/keys';
import { CHANNEL_KEY_NOTES, CONNECTION_VALUES, KNOWN_CHANNEL_NAMES } from '../docs/channelDocs';
import { manSubItemMarkdown } from '../docs/manSubItems';
import { MAX_SOCKET_PATH_BYTES, suggestSocketPath } from '../check/channelRules';
import { losesFirstChannel } from '../check/releaseRules';
import type { CheckedDocument } from '../check';
import { Channel, readChannels, SEED_KEYS, UPSTREAM_KEYS } from '../model/channels';
import type { Dialect } from '../model/channelSpec';
import { domainName } from '../model/guest';
import { formatVersion } from '../model/xenVersion';
import type { ValueNode } from '../syntax/cst';
import type { PlainCompletion, ValueCompletionContext } from './completion';
import type { HoverResult, ManPageSource, StringHoverContext } from './hover';
import { code, escapeMarkdown } from './markdown';
import type { ListItemSymbol } from './symbols';

function channelSetting(checked: CheckedDocument) {
  return readChannels(checked.model, { dialect: checked.options.dialect, xen: checked.options.xen });
}

/** The dialect of the file (what a new entry should use). */
function fileDialect(checked: CheckedDocument): Dialect {
  return channelSetting(checked)?.dialect ?? (checked.options.dialect === 'seed' ? 'seed' : 'upstream');
}


// --- completion -----------------------------------------------------------------------------

interface PieceAt {
  /** Document offsets of the piece between commas. */
  start: number;
  end: number;
  /** Offset of '=' in the piece, or -1. */
  eq: number;
  /** Keys used by the other pieces of the item. */
  otherKeys: Set<string>;
  /** name= of the item, when given. */
  name?: string;
}

function pieceAt(text: string, contentStart: number, contentEnd: number, offset: number): PieceAt {
  const content = text.slice(contentStart, contentEnd);
  const rel = Math.max(0, Math.min(offset - contentStart, content.length));
  const pStart = content.lastIndexOf(',', rel - 1) + 1;
  const comma = content.indexOf(',', rel);
  const pEnd = comma < 0 ? content.length : comma;
  const otherKeys = new Set<string>();
  let name: string | undefined;
  let at = 0;
  for (const piece of content.split(',')) {
    const eq = piece.indexOf('=');
    const key = (eq >= 0 ? piece.slice(0, eq) : piece).trim();
    if (at !== pStart && key) otherKeys.add(key);
    if (key === 'name' && eq >= 0) name = piece.slice(eq + 1).trim();
    at += piece.length + 1;
  }
  const eqRel = content.slice(pStart, pEnd).indexOf('=');
  return { start: contentStart + pStart, end: contentStart + pEnd, eq: eqRel < 0 ? -1 : contentStart + pStart + eqRel, otherKeys, name };
}

function entrySnippets(ctx: ValueCompletionContext, dialect: Dialect, quoted: boolean, replace: { start: number; end: number }): PlainCompletion[] {
  const dom = domainName(ctx.checked.model);
  const kindKey = dialect === 'seed' ? 'type' : 'connection';
  const socketPath = suggestSocketPath(dom, 'agent', 0).replace(/-agent\.sock$/, '');
  const wrap = (body: string) => (quoted ? body : `"${body}"`);
  const list = (s: string) => (ctx.inList ? s : `[ ${s} ]`);
  const snippet = ctx.snippets;
  const mk = (label: string, body: string, plain: string, doc: string): PlainCompletion => ({
    label,
    icon: 'snippet',
    detail: 'channel entry',
    documentation: doc,
    insertText: snippet ? list(wrap(body)) : list(wrap(plain)),
    snippet,
    replace,
    sortText: '0',
  });
  return [
    mk(
      'socket channel',
      `name=\${1:org.example.agent.0},${kindKey}=socket,path=\${2:${socketPath}-\${3:agent}.sock}`,
      `name=org.example.agent.0,${kindKey}=socket,path=${socketPath}-agent.sock`,
      'A channel that qemu exposes as a listening Unix socket in the backend domain.',
    ),
    mk('pty channel', `name=\${1:org.example.agent.0},${kindKey}=pty`, `name=org.example.agent.0,${kindKey}=pty`, 'A channel exposed as a pseudo-terminal in the backend domain.'),
    mk('QEMU guest agent channel', `name=org.qemu.guest_agent.0,${kindKey}=socket,path=\${1:${socketPath}-qga.sock}`, `name=org.qemu.guest_agent.0,${kindKey}=socket,path=${socketPath}-qga.sock`, 'The channel the QEMU guest agent (qemu-ga) looks for.'),
  ];
}

export function channelCompletion(ctx: ValueCompletionContext): PlainCompletion[] | undefined {
  const dialect = fileDialect(ctx.checked);
  if (ctx.where === 'bare') return entrySnippets(ctx, dialect, false, ctx.word);
  const text = ctx.checked.tree.text;
  const s = ctx.string;
  const quote = s.quote;
  const contentStart = s.start + 1;
  const piece = pieceAt(text, contentStart, s.contentEnd, ctx.offset);
  // An empty string: offer whole entries inside the quotes.
  if (s.contentEnd === contentStart) return entrySnippets(ctx, dialect, true, { start: contentStart, end: contentStart });
  const keys = dialect === 'seed' ? SEED_KEYS : UPSTREAM_KEYS;
  if (piece.eq < 0 || ctx.offset <= piece.eq) {
    // Completing a key.
    let keyStart = piece.start;
    while (keyStart < ctx.offset && text[keyStart] === ' ') keyStart++;
    const keyEnd = piece.eq >= 0 ? piece.eq : piece.end;
    return keys
      .filter((k) => !piece.otherKeys.has(k))
      .map((k, i) => {
        const doc = getSpecKeyDoc('channel', k);
        return {
          label: k,
          icon: 'property' as const,
          detail: k === 'name' || k === 'connection' || k === 'type' ? 'channel key (required)' : 'channel key',
          documentation: CHANNEL_KEY_NOTES[k] ?? doc?.summary,
          insertText: piece.eq >= 0 ? k : `${k}=`,
          replace: { start: keyStart, end: keyEnd },
          sortText: String(i),
          retrigger: piece.eq < 0 && (k === 'connection' || k === 'type' || k === 'backend'),
        };
      });
  }
  // Completing a value.
  const key = text.slice(piece.start, piece.eq).trim();
  let valueStart = piece.eq + 1;
  while (valueStart < ctx.offset && text[valueStart] === ' ') valueStart++;
  const replace = { start: valueStart, end: piece.end };
  const value = (v: string, summary: string, icon: PlainCompletion['icon'] = 'enumMember', i = 0): PlainCompletion => ({
    label: v,
    icon,
    documentation: summary,
    insertText: encodeString(v, quote),
    replace,
    sortText: String(i),
  });
  if ((key === 'connection' && dialect === 'upstream') || (key === 'type' && dialect === 'seed')) {
    return CONNECTION_VALUES[dialect].map((v, i) => value(v.value, v.summary, 'enumMember', i));
  }
  if (key === 'connection' || key === 'type') {
    // The other dialect's key: offer its values anyway, with a note.
    const other: Dialect = key === 'type' ? 'seed' : 'upstream';
    return CONNECTION_VALUES[other].map((v, i) => value(v.value, `${v.summary}\n\n(${key}= belongs to the ${other === 'seed' ? '2014 proposal' : 'released Xen'} dialect; this file reads as ${dialect === 'seed' ? 'the 2014 proposal' : 'released Xen'}.)`, 'enumMember', i));
  }
  if (key === 'backend') {
    const out = [value('0', 'The toolstack domain (dom0), which is also the default.', 'value', 0), value('Domain-0', "Dom0 by name (its usual name).", 'value', 1)];
    return out;
  }
  if (key === 'path') {
    const suggestion = suggestSocketPath(domainName(ctx.checked.model), piece.name, ctx.itemIndex ?? 0);
    return [
      {
        ...value(suggestion, `A socket path built from the domain and channel names (${Buffer.byteLength(suggestion)} of at most ${MAX_SOCKET_PATH_BYTES} bytes).`, 'value', 0),
        insertText: ctx.snippets ? `\${1:${encodeString(suggestion, quote)}}` : encodeString(suggestion, quote),
        snippet: ctx.snippets,
      },
    ];
  }
  if (key === 'name') {
    return [
      ...KNOWN_CHANNEL_NAMES.map((n, i) => value(n.name, `Well-known name: ${n.summary}.`, 'value', i)),
      { ...value(`org.example.agent.0`, 'Your own name: a reverse domain you own, the application, and a version.', 'snippet', 9), insertText: ctx.snippets ? 'org.${1:example}.${2:agent}.${3:0}' : 'org.example.agent.0', snippet: ctx.snippets },
    ];
  }
  return undefined;
}

// --- hover ------------------------------------------------------------------------------------

function channelOf(checked: CheckedDocument, node: ValueNode | undefined): Channel | undefined {
  if (!node) return undefined;
  const setting = channelSetting(checked);
  const item = setting?.items.find((i) => i.node === node);
  return item?.kind === 'channel' ? item : undefined;
}

function manText(man: ManPageSource | undefined, key: string, value?: string): string | undefined {
  const page = man?.()?.page;
  if (!page) return undefined;
  const md = value
    ? manSubItemMarkdown(page, 'channel', (item) => item.trim().toLowerCase() === value.toLowerCase(), `value:${value.toLowerCase()}`)
    : manSubItemMarkdown(page, 'channel', (item) => item.startsWith(`${key}=`), `key:${key}`);
  return md ? `**From the installed xl.cfg(5)**${page.version ? ` (Xen ${escapeMarkdown(page.version)})` : ''}, *Devices > channel*:\n\n${md}` : undefined;
}

export function channelHover(ctx: StringHoverContext & { man?: ManPageSource }): HoverResult | undefined {
  const ch = channelOf(ctx.checked, ctx.string.node);
  if (!ch) return undefined;
  const piece = ch.pieces.find((p) => ctx.offset >= p.span.start && ctx.offset <= p.span.end);
  if (!piece || !piece.key) return undefined;
  const key = piece.key.text;
  const onValue = piece.value !== undefined && ctx.offset >= piece.value.span.start && piece.value.span.end > piece.value.span.start;
  const dialect = ch.dialect;
  const parts: string[] = [];
  const xen = ctx.checked.options.xen;
  // The console number xl's channel devids give it in this release (channel i is console i on 4.11.0-4.18.4, 4.19.0-4.19.1 and 4.20.0).
  const console = channelDevids(xen, 'xl', ch.index).consoleDevid;
  const known = (dialect === 'seed' ? SEED_KEYS : UPSTREAM_KEYS) as readonly string[];
  if (!known.includes(key)) {
    parts.push(`${code(key)} is not a channel key ${dialect === 'seed' ? 'of the 2014 proposal' : 'of released Xen'}: xl prints "unknown channel parameter '${escapeMarkdown(key)}', ignoring".`);
    return { markdown: parts.join('\n\n'), start: piece.span.start, end: piece.span.end };
  }
  const doc = getSpecKeyDoc('channel', key);
  if (onValue && (key === 'connection' || key === 'type')) {
    const v = piece.value!.text;
    const vd = CONNECTION_VALUES[dialect].find((x) => x.value === v);
    const valid = CONNECTION_VALUES[dialect].map((x) => code(x.value)).join(', ');
    parts.push(vd ? `**${code(`${key}=${v}`)}**: ${escapeMarkdown(vd.summary)}` : `${code(v)} is not a value ${code(`${key}=`)} accepts here (${valid}; lower case).`);
    const fromMan = dialect === 'upstream' ? manText(ctx.man, key, v) : undefined;
    if (fromMan) parts.push(fromMan);
  } else {
    parts.push(`**${code(key)}** (channel ${ch.index}, ${dialect === 'seed' ? '2014 proposal dialect' : 'Xen 4.5+ dialect'}): ${escapeMarkdown(CHANNEL_KEY_NOTES[key] ?? doc?.summary ?? '')}`);
    const fromMan = manText(ctx.man, key);
    if (fromMan) parts.push(fromMan);
  }
  if (key === 'name' && ch.name) {
    const lost = losesFirstChannel(xen) && ch.index === 0;
    parts.push(
      lost
        ? `With Xen ${formatVersion(xen)} this first channel lands on console 0 and the guest never sees it.`
        : `In the guest this is console ${console} (${code(`/dev/hvc${console}`)} on Linux), found by its name under ${code(`/dev/xen-channel/${ch.name.text}`)} with the usual udev rule.`,
    );
  }
  if (key === 'path' && ch.path) parts.push(`${Buffer.byteLength(ch.path.text)} of at most ${MAX_SOCKET_PATH_BYTES} bytes.`);
  return { markdown: parts.join('\n\n---\n\n'), start: piece.span.start, end: piece.span.end };
}

// --- outline ------------------------------------------------------------------------------------

export function channelSymbol(item: ValueNode, index: number, _key: string, checked: CheckedDocument): ListItemSymbol | undefined {
  const ch = channelOf(checked, item);
  if (!ch) return { name: `channel ${index} (not a string)` };
  return { name: ch.name?.text || `channel ${index} (no name)`, detail: [ch.output ?? ch.kindField?.text, ch.path?.text].filter(Boolean).join(' ') };
}
