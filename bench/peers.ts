/**
 * The language servers people use for other config files, run through the
 * same client on a document of the same size and shape: the xl.cfg
 * document's channel items and other lines as a YAML or JSON document
 * (one item per line), typed in at the same items.
 */
import { join } from 'node:path';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import type { ServerCommand } from './lspClient';

export type Format = 'xl' | 'yaml' | 'json';

export function peerServers(root: string): Array<ServerCommand & { format: Format }> {
  return [
    // Debounces (from their sources): yaml-language-server validates 200 ms after a change, the JSON server 500 ms.
    { name: 'yaml-language-server', args: [join(root, 'node_modules/yaml-language-server/out/src/server.js'), '--stdio'], languageId: 'yaml', debounceMs: 200, format: 'yaml' },
    { name: 'vscode-json-language-server', args: [join(root, 'node_modules/vscode-langservers-extracted/lib/json-language-server/node/jsonServerMain.js'), '--stdio'], languageId: 'json', debounceMs: 500, format: 'json' },
  ];
}

/** An xl.cfg document's lines in another format, with where its channel items and other lines went. */
export interface ShapedDocument {
  text: string;
  /** Line of each channel item. */
  itemLines: number[];
  /** Line of each other line of the xl.cfg document (after the channel list). */
  otherLines: number[];
  /** A line like the others, to insert. */
  newLine: string;
}

/** `xl` (an xl.cfg document whose channel list is `channel = [` ... `]`, one item per line) as `format`. */
export function shaped(xl: string, format: Format): ShapedDocument {
  const lines = xl.replace(/\n$/, '').split('\n');
  if (format === 'xl') {
    const itemLines = lines.flatMap((l, i) => (l.includes('"name=') ? [i] : []));
    const close = lines.indexOf(']');
    return { text: xl, itemLines, otherLines: lines.flatMap((_, i) => (i > close ? [i] : [])), newLine: 'vcpus = 4\n' };
  }
  const open = lines.indexOf('channel = [');
  const close = lines.indexOf(']');
  const items = lines.slice(open + 1, close).map((l) => l.trim().replace(/,$/, '').slice(1, -1));
  const others = [...lines.slice(0, open), ...lines.slice(close + 1)];
  const out: string[] = [];
  const itemLines: number[] = [];
  const otherLines: number[] = [];
  if (format === 'yaml') {
    out.push('channel:');
    for (const it of items) itemLines.push(out.push(`  - "${it}"`) - 1);
    out.push('settings:');
    for (const o of others) otherLines.push(out.push(o.startsWith('#') ? `  ${o}` : `  - ${JSON.stringify(o)}`) - 1);
    return { text: out.join('\n') + '\n', itemLines, otherLines, newLine: '  - "vcpus = 4"\n' };
  }
  out.push('{', '  "channel": [');
  items.forEach((it, k) => itemLines.push(out.push(`    "${it}"${k < items.length - 1 ? ',' : ''}`) - 1));
  out.push('  ],', '  "settings": [');
  others.forEach((o, k) => otherLines.push(out.push(`    ${JSON.stringify(o)}${k < others.length - 1 ? ',' : ''}`) - 1));
  out.push('  ]', '}');
  return { text: out.join('\n') + '\n', itemLines, otherLines, newLine: '    "vcpus = 4",\n' };
}

/** One keystroke of the plan: type into channel item `item`, or add / remove a line among the other lines. */
export type Keystroke = { type: number } | { addLineAt: number } | { removeLineAt: number };

/**
 * The plan as changes for one shaped document. A line is added and then
 * removed at the same place (the channel items, before it, never move).
 */
export function changesFor(doc: ShapedDocument, plan: Keystroke[]): TextDocumentContentChangeEvent[] {
  const lines = doc.text.split('\n');
  return plan.map((k) => {
    if ('type' in k) {
      const line = doc.itemLines[k.type % doc.itemLines.length];
      const character = lines[line].indexOf('"name=') + 6;
      return { range: { start: { line, character }, end: { line, character } }, text: 'x' };
    }
    if ('addLineAt' in k) {
      const line = doc.otherLines[k.addLineAt];
      return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: doc.newLine };
    }
    const line = doc.otherLines[k.removeLineAt];
    return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' };
  });
}
