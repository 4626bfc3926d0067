/**
 * `iomem = [ "START,NUM[@GFN]" ]` (hex page numbers): every item must be a
 * string, read with sscanf("%lx,%lx@%lx"). From 4.7 anything after the
 * numbers makes xl exit; up to 4.6 it was silently dropped.
 */
import { atLeast } from '../xenVersion';
import type { LibxlValue, XlReader, XluList } from '../xl/types';
import { scanInt } from './cnum';
import { DeviceSpec, ItemContext } from './spec';

/** `firstIndex`: the first item's index in the whole list (for xl's messages when reading a part). */
export function parseIomem(list: XluList, r: XlReader, into?: DeviceSpec[], firstIndex = 0): Array<{ [field: string]: LibxlValue }> {
  const out: Array<{ [field: string]: LibxlValue }> = [];
  const strict = atLeast(r.xen, 4, 7);
  list.items.forEach((item, k) => {
    const i = firstIndex + k;
    if (item.kind !== 'string') {
      r.fail({ code: 'device-item-not-string', message: `iomem items must be strings: xl stops with "xl: Unable to get element ${i} in iomem list".`, xl: [`xl: Unable to get element ${i} in iomem list`], span: item.span });
    }
    const c: ItemContext = new ItemContext(item, r);
    if (into) into.push({ family: 'iomem', item, pieces: c.pieces });
    const t = c.text;
    const p = c.piece(0, t.length, 'positional');
    p.name = 'range';
    const bad = () => c.fail('device-bad-number', c.whole, `${JSON.stringify(t)} is not START,NUMBER[@GFN] in hex page numbers: xl stops with "Invalid argument parsing iomem".`, [`xl: Invalid argument parsing iomem: ${t}`]);
    const start = scanInt(t, 0, 16, 64);
    if (!start || t.charCodeAt(start.end) !== 0x2c) return bad();
    const number = scanInt(t, start.end + 1, 16, 64);
    if (!number) return bad();
    let used = number.end;
    let gfn: bigint | undefined;
    if (t.charCodeAt(used) === 0x40) {
      const g = scanInt(t, used + 1, 16, 64);
      if (g) {
        gfn = g.value;
        used = g.end;
      }
    }
    if (used !== t.length) {
      if (strict) return bad();
      c.warn('device-number-junk', c.span(used, t.length), `${JSON.stringify(t.slice(used))} after the numbers is silently dropped by xl ${r.xen.label}.`);
    }
    p.field = 'iomem';
    const o: { [field: string]: LibxlValue } = {};
    if (start.value) o.start = u64(start.value);
    if (number.value) o.number = u64(number.value);
    // gfn's default is "none" (all ones): given, even as 0, it is printed.
    if (gfn !== undefined && gfn !== (1n << 64n) - 1n) o.gfn = u64(gfn);
    out.push(o);
  });
  return out;
}

/** A uint64 as the libxl object holds it: a number while exact, a bigint beyond. */
function u64(v: bigint): LibxlValue {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : (v as unknown as LibxlValue);
}
