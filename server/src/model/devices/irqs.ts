/**
 * `irqs = [ 4, "7" ]`: every item must be a string (a number is one: libxlu
 * keeps numbers as text); each a decimal IRQ. From 4.7 junk after the
 * number makes xl exit; up to 4.6 it was silently dropped.
 */
import { atLeast } from '../xenVersion';
import type { LibxlValue, XlReader, XluList } from '../xl/types';
import { hex, strtoul, UINT32_MAX } from './cnum';
import { DeviceSpec, ItemContext } from './spec';

/** `firstIndex`: the first item's index in the whole list (for xl's messages when reading a part). */
export function parseIrqs(list: XluList, r: XlReader, into?: DeviceSpec[], firstIndex = 0): LibxlValue[] {
  const out: LibxlValue[] = [];
  const strict = atLeast(r.xen, 4, 7);
  list.items.forEach((item, k) => {
    const i = firstIndex + k;
    if (item.kind !== 'string') {
      r.fail({ code: 'device-item-not-string', message: `irqs items must be numbers or strings: xl stops with "xl: Unable to get element ${i} in irq list".`, xl: [`xl: Unable to get element ${i} in irq list`], span: item.span });
    }
    const c: ItemContext = new ItemContext(item, r);
    if (into) into.push({ family: 'irqs', item, pieces: c.pieces });
    const t = c.text;
    const p = c.piece(0, t.length, 'positional');
    p.name = 'irq';
    const a = strtoul(t, 0, 10);
    if (a.end === 0 || (strict && a.end !== t.length)) c.fail('device-bad-number', c.whole, `${JSON.stringify(t)} is not a decimal IRQ number: xl stops with "Invalid argument parsing irq".`, [`xl: Invalid argument parsing irq: ${t}`]);
    if (a.end !== t.length) c.warn('device-number-junk', c.span(a.end, t.length), `${JSON.stringify(t.slice(a.end))} after the IRQ number is silently dropped by xl ${r.xen.label}.`);
    if (a.value >= UINT32_MAX) c.fail('device-bad-number', c.whole, `${JSON.stringify(t)} is beyond the 32-bit IRQ range: xl stops with "irq ... too big".`, [`xl: irq ${hex(a.value)} too big`]);
    p.field = 'irqs';
    out.push(Number(a.value));
  });
  return out;
}
