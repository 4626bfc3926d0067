/**
 * XluValues for the device readers: from the editor's settings model (each
 * item with the exact document place of every character) and from plain
 * text (tests, the CLI). The domain port's XluConfig (model/xl/) makes its
 * own; these are what the editor rules and features use meanwhile.
 */
import type { ListNode, NumberNode, Span, StringNode, ValueNode } from '../../syntax/cst';
import { decodeString } from '../../syntax/stringLiteral';
import type { SpecText } from '../channelSpec';
import type { EffectiveSetting } from '../settings';
import type { XluList, XluString, XluValue } from '../xl/types';

/** An XluString whose characters sit at base, base + 1, ... (no escapes). */
export function plainString(value: string, base = 0): XluString {
  return { kind: 'string', value, spec: { text: value, base }, span: { start: base, end: base + value.length } };
}

/** A list of plain strings, laid out one after another (tests). */
export function plainList(items: Array<string | string[]>): XluList {
  let at = 0;
  const out: XluValue[] = [];
  for (const it of items) {
    if (typeof it === 'string') {
      out.push(plainString(it, at));
      at += it.length + 3;
    } else {
      const inner = plainList(it);
      out.push({ kind: 'list', items: inner.items, span: { start: at, end: at + 1 } });
      at += 2;
    }
  }
  return { kind: 'list', items: out, span: { start: 0, end: at } };
}

/** The spec text of one string or number node (document offsets through escapes). */
export function nodeSpec(text: string, node: StringNode | NumberNode): SpecText {
  if (node.kind === 'number') return { text: node.value, base: node.start };
  if (!node.decoded) return { text: node.value, base: node.start + 1 };
  const map: number[] = [];
  const d = decodeString(text, node.start, node.end, map);
  return { text: d.value, base: node.start + 1, map };
}

/** The value of a node as libxlu stores it (lists nest thousands deep in hostile files: no recursion). */
export function xluOfNode(text: string, node: ValueNode): XluValue {
  if (node.kind !== 'list') return { kind: 'string', value: node.value, spec: nodeSpec(text, node), span: { start: node.start, end: node.end } };
  const root: XluList = { kind: 'list', items: [], span: { start: node.start, end: node.end } };
  const stack: Array<[ListNode, XluList]> = [[node, root]];
  while (stack.length) {
    const [src, dst] = stack.pop()!;
    for (const item of src.items) {
      if (item.kind !== 'list') dst.items.push(xluOfNode(text, item));
      else {
        const child: XluList = { kind: 'list', items: [], span: { start: item.start, end: item.end } };
        dst.items.push(child);
        stack.push([item, child]);
      }
    }
  }
  return root;
}

/** Several string pieces joined by `+=` (a scalar setting): one spec text. */
function joined(text: string, parts: Array<StringNode | NumberNode>): XluString {
  if (parts.length === 1) return xluOfNode(text, parts[0]) as XluString;
  let value = '';
  const map: number[] = [];
  for (const p of parts) {
    const s = nodeSpec(text, p);
    for (let k = 0; k < s.text.length; k++) map.push(s.map ? s.map[k] : s.base + k);
    value += s.text;
  }
  const last = parts[parts.length - 1];
  const lastSpec = nodeSpec(text, last);
  map.push(lastSpec.map ? lastSpec.map[lastSpec.text.length] : lastSpec.base + lastSpec.text.length);
  const span: Span = { start: parts[0].start, end: last.end };
  return { kind: 'string', value, spec: { text: value, base: map.length ? map[0] : parts[0].start + 1, map }, span };
}

/** The value of a setting as libxlu ends up with it (after `+=`). */
export function xluOfSetting(text: string, e: EffectiveSetting): XluValue {
  if (e.kind === 'scalar') return joined(text, e.parts);
  const node = e.last.node.value;
  const span: Span = { start: e.chain[0].node.value.start, end: node.end };
  return { kind: 'list', items: e.items.map((n) => xluOfNode(text, n)), span };
}
