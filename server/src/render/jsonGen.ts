/**
 * The JSON text of the two generators libxl prints with, byte for byte:
 *
 * yajl 2 with yajl_gen_beautify (libxl_yajl_gen_alloc), what libxl uses up
 * to 4.20 and from 4.21 when json-c is missing: 4 spaces per level,
 * `"key": value`, an empty map as "{", a line break, an empty line, the
 * indentation and "}", a final line break; strings escape '"', '\\', \b \f \n
 * \r \t and the other bytes below 0x20 as \u00XX (upper-case hex), nothing
 * else ('/' and bytes from 0x7f on are written as they are).
 *
 * json-c's json_object_to_json_string_ext(JSON_C_TO_STRING_PRETTY), what
 * libxl prefers from 4.21: 2 spaces per level, `"key":value`, no final line
 * break; strings escape '/' too (as \/), the others below 0x20 as \u00xx
 * (lower-case hex). Empty maps and arrays are "{}" and "[]" from json-c 0.17
 * on; 0.15 and 0.16 put a line break and the indentation between the braces.
 */

/** A JSON value in the order it is printed; integers exact. */
export type JsonNode =
  | { t: 'map'; entries: Array<[string, JsonNode]> }
  | { t: 'array'; items: JsonNode[] }
  | { t: 'string'; s: string }
  | { t: 'int'; n: bigint }
  | { t: 'bool'; b: boolean }
  | { t: 'null' };

/** 'json-c': json-c 0.17 or later; 'json-c-0.16': json-c 0.15 or 0.16 (empty maps and arrays over two lines). */
export type JsonLibrary = 'yajl' | 'json-c' | 'json-c-0.16';

const HEX_UPPER = '0123456789ABCDEF';
const HEX_LOWER = '0123456789abcdef';

/** A string as yajl_string_encode writes it (without the quotes). */
export function yajlEscape(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let e: string | undefined;
    if (c === 0x22) e = '\\"';
    else if (c === 0x5c) e = '\\\\';
    else if (c < 0x20) {
      if (c === 0x0d) e = '\\r';
      else if (c === 0x0a) e = '\\n';
      else if (c === 0x0c) e = '\\f';
      else if (c === 0x08) e = '\\b';
      else if (c === 0x09) e = '\\t';
      else e = '\\u00' + HEX_UPPER[c >> 4] + HEX_UPPER[c & 15];
    }
    if (e !== undefined) {
      out += s.slice(from, i) + e;
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/** A string as json-c's json_escape_str writes it (without the quotes). */
export function jsoncEscape(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let e: string | undefined;
    if (c === 0x22) e = '\\"';
    else if (c === 0x5c) e = '\\\\';
    else if (c === 0x2f) e = '\\/';
    else if (c < 0x20) {
      if (c === 0x0d) e = '\\r';
      else if (c === 0x0a) e = '\\n';
      else if (c === 0x0c) e = '\\f';
      else if (c === 0x08) e = '\\b';
      else if (c === 0x09) e = '\\t';
      else e = '\\u00' + HEX_LOWER[c >> 4] + HEX_LOWER[c & 15];
    }
    if (e !== undefined) {
      out += s.slice(from, i) + e;
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

function atom(n: JsonNode, escape: (s: string) => string): string {
  switch (n.t) {
    case 'string':
      return `"${escape(n.s)}"`;
    case 'int':
      return n.n.toString();
    case 'bool':
      return n.b ? 'true' : 'false';
    case 'null':
      return 'null';
    default:
      throw new Error('not an atom');
  }
}

/** The text of a value, without recursion (depth is bounded by libxl's types, but a hostile value must not overflow the stack). */
export function jsonText(root: JsonNode, library: JsonLibrary): string {
  const yajl = library === 'yajl';
  const unit = yajl ? '    ' : '  ';
  const escape = yajl ? yajlEscape : jsoncEscape;
  const colon = yajl ? ': ' : ':';
  const parts: string[] = [];
  // A frame prints one container's children; `next` is the index of the next one.
  type Frame = { node: JsonNode & { t: 'map' | 'array' }; depth: number; next: number };
  const stack: Frame[] = [];
  const open = (node: JsonNode, depth: number) => {
    if (node.t !== 'map' && node.t !== 'array') {
      parts.push(atom(node, escape));
      return;
    }
    const size = node.t === 'map' ? node.entries.length : node.items.length;
    const [o, c] = node.t === 'map' ? ['{', '}'] : ['[', ']'];
    if (size === 0) {
      if (yajl) parts.push(`${o}\n\n${unit.repeat(depth)}${c}`);
      else if (library === 'json-c-0.16') parts.push(`${o}\n${unit.repeat(depth)}${c}`);
      else parts.push(o + c);
      return;
    }
    parts.push(o);
    stack.push({ node, depth, next: 0 });
  };
  open(root, 0);
  while (stack.length) {
    const f = stack[stack.length - 1];
    const size = f.node.t === 'map' ? f.node.entries.length : f.node.items.length;
    if (f.next === size) {
      stack.pop();
      parts.push(`\n${unit.repeat(f.depth)}${f.node.t === 'map' ? '}' : ']'}`);
      continue;
    }
    const i = f.next++;
    parts.push(i === 0 ? '\n' : ',\n');
    parts.push(unit.repeat(f.depth + 1));
    if (f.node.t === 'map') {
      const [k, v] = f.node.entries[i];
      parts.push(`"${escape(k)}"${colon}`);
      open(v, f.depth + 1);
    } else open(f.node.items[i], f.depth + 1);
  }
  if (yajl) parts.push('\n');
  return parts.join('');
}
