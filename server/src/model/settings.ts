/**
 * The settings of a document: every assignment in file order, and the value
 * each key ends up with (last `=` wins, `+=` appends as libxlu does).
 *
 * Two views exist. The editor view folds every well-formed assignment, even
 * after a syntax error, so that checks keep working on the rest of the file.
 * xl's view (`xl`) holds only what libxlu stores: nothing after the first error.
 */
import type { Assignment, NumberNode, Span, StringNode, SyntaxTree, ValueNode } from '../syntax/cst';
import type { XlValue } from '../syntax/values';

export interface Setting {
  name: string;
  op: '=' | '+=';
  node: Assignment;
  /** Position in `settings`. */
  index: number;
}

export interface EffectiveSetting {
  name: string;
  /** The assignments that make up the value: the last `=` and the `+=` after it. */
  chain: Setting[];
  /** The assignment that decides the value (the last one). */
  last: Setting;
  kind: 'scalar' | 'list';
  /** For a scalar: the string/number pieces concatenated by `+=`. */
  parts: Array<StringNode | NumberNode>;
  /** For a list: its items, across `+=` (may be the list node's own array: read only). */
  readonly items: readonly ValueNode[];
}

export interface ModelProblem extends Span {
  code: 'append-type-mismatch';
  message: string;
  related?: Array<Span & { message: string }>;
}

export interface SettingsModel {
  tree: SyntaxTree;
  settings: Setting[];
  effective: Map<string, EffectiveSetting>;
  problems: ModelProblem[];
}

/** The libxlu value of a node (nested lists included). */
export function valueOf(node: ValueNode): XlValue {
  if (node.kind !== 'list') return node.value;
  return node.items.map(valueOf);
}

export function effectiveValue(e: EffectiveSetting): XlValue {
  return e.kind === 'scalar' ? e.parts.map((p) => p.value).join('') : e.items.map(valueOf);
}

export function buildSettings(tree: SyntaxTree): SettingsModel {
  const settings: Setting[] = [];
  const problems: ModelProblem[] = [];
  // Per key: the assignment that starts its value (the last '=') and the '+=' after it.
  const chains = new Map<string, { kind: 'scalar' | 'list'; head: Setting; appends?: Setting[]; last: Setting }>();
  for (const st of tree.statements) {
    if (st.kind !== 'assignment') continue;
    const setting: Setting = { name: st.name.text, op: st.op, node: st, index: settings.length };
    settings.push(setting);
    const kind = st.value.kind === 'list' ? 'list' : 'scalar';
    const chain = chains.get(setting.name);
    if (st.op === '+=' && chain) {
      if (chain.kind !== kind) {
        problems.push({
          code: 'append-type-mismatch',
          start: st.value.start,
          end: st.value.end,
          message: `'+=' cannot append ${kind === 'list' ? 'a list to a single value' : 'a single value to a list'}: '${setting.name}' is ${chain.kind === 'list' ? 'a list' : 'a single value'} here. xl rejects the file ("can't add [list] to "string" or vice versa").`,
          related: [{ start: chain.last.node.value.start, end: chain.last.node.value.end, message: `'${setting.name}' gets its ${chain.kind === 'list' ? 'list' : 'value'} here` }],
        });
        continue;
      }
      (chain.appends ??= []).push(setting);
      chain.last = setting;
      continue;
    }
    if (chain) {
      chain.kind = kind;
      chain.head = setting;
      chain.appends = undefined;
      chain.last = setting;
    } else {
      chains.set(setting.name, { kind, head: setting, last: setting });
    }
  }
  // One effective value per key (objects only for the keys, not for every assignment).
  const effective = new Map<string, EffectiveSetting>();
  for (const [name, c] of chains) {
    const chain = c.appends ? [c.head, ...c.appends] : [c.head];
    const headValue = c.head.node.value;
    let parts: Array<StringNode | NumberNode> = [];
    let items: ValueNode[] = [];
    if (c.kind === 'list') {
      items = headValue.kind === 'list' ? headValue.items : [];
      if (c.appends) {
        items = items.slice();
        for (const a of c.appends) if (a.node.value.kind === 'list') for (const item of a.node.value.items) items.push(item);
      }
    } else {
      parts = chain.map((s) => s.node.value as StringNode | NumberNode);
    }
    effective.set(name, { name, chain, last: c.last, kind: c.kind, parts, items });
  }
  return { tree, settings, effective, problems };
}

/** xl's own view: the effective value of each key among the assignments libxlu stores. */
export function xlEffective(tree: SyntaxTree): Map<string, XlValue> {
  const out = new Map<string, XlValue>();
  for (const s of tree.verdict.stored) {
    out.set(s.name, s.stored);
  }
  return out;
}
