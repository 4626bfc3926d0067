/**
 * Reads the JSON xl prints back into the object form render/libxlJson.ts
 * prints from (LibxlValue): keys kept in their order, integers exact (a
 * bigint beyond 2^53), strings as JS strings of the text's characters. A map
 * whose keys look like array indices (JS would reorder them) becomes an
 * array of [key, value] pairs, the form a key-value list may take.
 *
 * Strict JSON only; throws on anything else (trailing text included).
 */
import type { LibxlValue } from '../server/src/model/xl/types';

export function readLibxlJson(text: string): LibxlValue {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
  };
  const string = (): string => {
    if (text[i] !== '"') fail('expected a string');
    i++;
    let out = '';
    while (true) {
      const c = text[i];
      if (c === undefined) fail('unterminated string');
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('bad escape');
      } else {
        if (c.charCodeAt(0) < 0x20) fail('control character in a string');
        out += c;
        i++;
      }
    }
  };
  // Iterative over containers: a value is parsed into the innermost open container.
  type Open = { kind: 'map'; entries: Array<[string, LibxlValue]>; key?: string } | { kind: 'array'; items: LibxlValue[] };
  const stack: Open[] = [];
  let result: LibxlValue | undefined;
  let done = false;
  const close = (o: Open): LibxlValue => {
    if (o.kind === 'array') return o.items;
    if (o.entries.some(([k]) => /^(0|[1-9]\d*)$/.test(k))) return o.entries.map(([k, v]) => [k, v]);
    const obj: { [k: string]: LibxlValue } = {};
    for (const [k, v] of o.entries) {
      if (Object.prototype.hasOwnProperty.call(obj, k)) fail(`duplicate key ${k}`);
      obj[k] = v;
    }
    return obj;
  };
  const put = (v: LibxlValue) => {
    const top = stack[stack.length - 1];
    if (!top) {
      result = v;
      done = true;
    } else if (top.kind === 'array') top.items.push(v);
    else {
      top.entries.push([top.key!, v]);
      top.key = undefined;
    }
  };
  while (!done) {
    ws();
    const top = stack[stack.length - 1];
    // Separators and closers of the current container.
    if (top) {
      const count = top.kind === 'array' ? top.items.length : top.entries.length;
      if (top.kind === 'map' && top.key === undefined) {
        if (text[i] === '}') {
          i++;
          stack.pop();
          put(close(top));
          continue;
        }
        if (count > 0) {
          if (text[i] !== ',') fail('expected , or }');
          i++;
          ws();
        }
        top.key = string();
        ws();
        if (text[i] !== ':') fail('expected :');
        i++;
        continue;
      }
      if (top.kind === 'array') {
        if (text[i] === ']') {
          i++;
          stack.pop();
          put(close(top));
          continue;
        }
        if (count > 0) {
          if (text[i] !== ',') fail('expected , or ]');
          i++;
          ws();
        }
      }
    }
    const c = text[i];
    if (c === '{') {
      i++;
      stack.push({ kind: 'map', entries: [] });
    } else if (c === '[') {
      i++;
      stack.push({ kind: 'array', items: [] });
    } else if (c === '"') put(string());
    else if (text.startsWith('true', i)) {
      i += 4;
      put(true);
    } else if (text.startsWith('false', i)) {
      i += 5;
      put(false);
    } else if (text.startsWith('null', i)) {
      i += 4;
      put(null);
    } else {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail('expected a value');
      if (m![2] || m![3]) fail('not an integer');
      const n = BigInt(m![0]);
      put(n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n);
      i += m![0].length;
    }
  }
  ws();
  if (i !== text.length) fail('text after the value');
  return result!;
}
