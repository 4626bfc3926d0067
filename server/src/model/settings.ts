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
  /**
   * Position of its key among the file's distinct keys, in order of first
   * appearance (`effective`'s order): rules that track each key index arrays
   * with it instead of hashing the name again (a file can have 150,000 keys).
   */
  keyIndex: number;
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
  /** The key's keyIndex (see Setting). */
  readonly keyIndex: number;
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

/** The empty parts of a list and items of a scalar (shared: the model is read only). */
const NO_PARTS: Array<StringNode | NumberNode> = Object.freeze([]) as never;
const NO_ITEMS: readonly ValueNode[] = Object.freeze([]);

export function buildSettings(tree: SyntaxTree): SettingsModel {
  const settings: Setting[] = [];
  const problems: ModelProblem[] = [];
  // One effective value per key, built in the same pass (a file can have 150,000 keys: no second map, no copies).
  const effective = new Map<string, EffectiveSetting>();
  for (const st of tree.statements) {
    if (st.kind !== 'assignment') continue;
    const e = effective.get(st.name.text);
    const setting: Setting = { name: st.name.text, op: st.op, node: st, index: settings.length, keyIndex: e ? e.keyIndex : effective.size };
    settings.push(setting);
    const value = st.value;
    const kind = value.kind === 'list' ? 'list' : 'scalar';
    if (st.op === '+=' && e) {
      if (e.kind !== kind) {
        problems.push({
          code: 'append-type-mismatch',
          start: value.start,
          end: value.end,
          message: `'+=' cannot append ${kind === 'list' ? 'a list to a single value' : 'a single value to a list'}: '${setting.name}' is ${e.kind === 'list' ? 'a list' : 'a single value'} here. xl rejects the file ("can't add [list] to "string" or vice versa").`,
          related: [{ start: e.last.node.value.start, end: e.last.node.value.end, message: `'${setting.name}' gets its ${e.kind === 'list' ? 'list' : 'value'} here` }],
        });
        continue;
      }
      e.chain.push(setting);
      e.last = setting;
      if (value.kind === 'list') {
        // The head list's own array is shared until the first append.
        const head = e.chain[0].node.value;
        const building = e as { items: readonly ValueNode[] };
        if (head.kind === 'list' && e.items === head.items) building.items = e.items.slice();
        const items = building.items as ValueNode[];
        for (const item of value.items) items.push(item);
      } else e.parts.push(value);
      continue;
    }
    if (e) {
      // A key set again starts a new value, in the same object (a file may set one key 100,000 times).
      const building = e as { kind: EffectiveSetting['kind']; items: readonly ValueNode[] };
      e.chain.length = 0;
      e.chain.push(setting);
      e.last = setting;
      building.kind = kind;
      if (value.kind === 'list') {
        e.parts = NO_PARTS;
        building.items = value.items;
      } else {
        if (e.parts === NO_PARTS) e.parts = [value];
        else {
          e.parts.length = 0;
          e.parts.push(value);
        }
        building.items = NO_ITEMS;
      }
      continue;
    }
    effective.set(setting.name, {
      name: setting.name,
      chain: [setting],
      last: setting,
      kind,
      parts: value.kind === 'list' ? NO_PARTS : [value],
      items: value.kind === 'list' ? value.items : NO_ITEMS,
      keyIndex: setting.keyIndex,
    });
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
