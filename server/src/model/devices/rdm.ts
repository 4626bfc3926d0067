/**
 * `rdm = "strategy=host,policy=relaxed"`: libxlutil's xlu_rdm_parse. xl
 * uses the answer only when the parse succeeds, and then copies both fields
 * of a struct it never initialised: a field the string does not set is
 * whatever was on xl's stack. A failed parse is silent for xl (libxlutil's
 * messages end without a line break).
 *
 * Release decisions (rdmReader):
 *   - 4.5: no rdm= at all (xl ignores the setting);
 *   - 4.6-4.13: strategy= first, then optionally policy=, in that order;
 *   - 4.14: strategy= and policy= in any order (df04e202c9);
 *   - 4.15 and later: the policy is read with libxl's enumeration names, and
 *     the success test is inverted, so that a valid policy= makes the whole
 *     parse fail (xl then ignores rdm= entirely) and an invalid one is only
 *     a message (the parse goes on).
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { DeviceSpec, ItemContext } from './spec';

export const RDM_STRATEGIES = ['host'] as const;

export interface RdmResult {
  /** Whether xl takes the result (a successful parse). */
  used: boolean;
  /** What xl copies into b_info's rdm, when used: libxl names; a field absent here is uninitialised in xl. */
  rdm: { strategy?: string; policy?: string };
}

export function rdmSince(xen: XenVersion): boolean {
  return atLeast(xen, 4, 6);
}

class RdmReader {
  strategy?: string;
  policy?: string;

  constructor(
    private readonly c: ItemContext,
    private readonly xen: XenVersion,
  ) {}

  /** A message libxlutil prints (without a line break) before failing or going on. */
  private say(code: string, from: number, to: number, message: string, xl: string): void {
    this.c.warn(code, to > from ? this.c.span(from, to) : this.c.whole, message, [xl], true);
  }

  /** libxlutil refuses the string after saying why: xl ignores rdm= (the message said so). */
  private refused(code: string, from: number, to: number, message: string, xl: string): RdmResult {
    this.say(code, from, to, `${message} libxlutil refuses the string, and xl then ignores the whole rdm= setting.`, xl);
    return { used: false, rdm: {} };
  }

  /** libxlutil fails without a word: xl ignores rdm= silently. */
  private ignored(reason: string): RdmResult {
    this.c.warn('rdm-ignored', this.c.whole, `${reason} xl then ignores the whole rdm= setting, silently.`);
    return { used: false, rdm: {} };
  }

  read(): RdmResult {
    const t = this.c.text;
    const n = t.length;
    const ch = (i: number) => (i < n ? t.charCodeAt(i) : 0);
    const any = atLeast(this.xen, 4, 14);
    const inverted = atLeast(this.xen, 4, 15);
    type State = 'type' | 'strategy' | 'policyKey' | 'policy' | 'terminal';
    let state: State = 'type';
    let tok = 0;
    for (let ptr = 0; ptr <= n; ptr++) {
      const c = ch(ptr);
      switch (state) {
        case 'type':
          if (c === 0x3d) {
            const key = t.slice(tok, ptr);
            const p = this.c.keyPiece(tok, ptr, ptr, key);
            if (key === 'strategy') state = 'strategy';
            else if (any && key === 'policy') state = 'policy';
            else {
              p.status = 'refused';
              p.name = undefined;
              return this.refused('device-unknown-key', tok, ptr, `${JSON.stringify(key)} is not an rdm option (${any ? 'strategy or policy' : 'strategy first'}).`, `Unknown RDM state option: ${key}`);
            }
            tok = ptr + 1;
          }
          break;
        case 'strategy':
          if (c === 0 || c === 0x2c) {
            this.finishPiece(tok, ptr);
            state = !any ? 'policyKey' : c === 0x2c ? 'type' : 'terminal';
            const v = t.slice(tok, ptr);
            if (v !== 'host') {
              return this.refused('device-bad-value', tok, ptr, `${JSON.stringify(v)} is not an rdm strategy (host).`, `Unknown RDM strategy option: ${v}`);
            }
            this.strategy = 'host';
            tok = ptr + 1;
          }
          break;
        case 'policyKey':
          // 4.6-4.13: after the strategy only "policy=" may follow.
          if (c === 0x3d) {
            state = 'policy';
            const key = t.slice(tok, ptr);
            const p = this.c.keyPiece(tok, ptr, ptr, key);
            if (key !== 'policy') {
              p.status = 'refused';
              p.name = undefined;
              return this.refused('device-unknown-key', tok, ptr, `${JSON.stringify(key)} is not an rdm option (after strategy=, only policy=).`, `Unknown RDM property value: ${key}`);
            }
            tok = ptr + 1;
          }
          break;
        case 'policy':
          if (c === 0 || c === 0x2c) {
            this.finishPiece(tok, ptr);
            state = !any ? 'terminal' : c === 0x2c ? 'type' : 'terminal';
            const v = t.slice(tok, ptr);
            if (inverted) {
              const known = ['strict', 'relaxed', 'invalid'].includes(v.toLowerCase());
              if (known) return this.ignored(`Because of a bug in xl ${this.xen.label}, a valid policy= makes libxlutil report failure.`);
              this.say('device-bad-value', tok, ptr, `${JSON.stringify(v)} is not an rdm policy (strict or relaxed); libxlutil says so and goes on.`, `Unknown RDM policy: ${v}`);
            } else if (v === 'strict' || v === 'relaxed') this.policy = v;
            else {
              return this.refused('device-bad-value', tok, ptr, `${JSON.stringify(v)} is not an rdm policy (strict or relaxed).`, `Unknown RDM property policy value: ${v}`);
            }
            tok = ptr + 1;
          }
          break;
        case 'terminal':
          break;
      }
    }
    // Everything up to the final NUL must have been taken (a trailing ',' leaves text behind).
    if (state !== 'terminal' || tok !== n + 1) {
      return this.ignored(!any && state === 'policyKey' && tok === n + 1 ? `xl ${this.xen.label} reads rdm= only as "strategy=host,policy=...": without policy= libxlutil fails.` : `${JSON.stringify(t)} is not a complete rdm setting (strategy=host${any ? ' and/or policy=' : ',policy=...'}).`);
    }
    return { used: true, rdm: { strategy: this.strategy, policy: this.policy } };
  }

  /** The value of the last key piece ends at `to`. */
  private finishPiece(from: number, to: number): void {
    const p = this.c.pieces[this.c.pieces.length - 1];
    if (!p) return;
    p.to = to;
    p.text = this.c.text.slice(p.from, to);
    p.span = this.c.span(p.from, to);
    p.value = this.c.part(from, to);
  }
}

/**
 * Reads the rdm= string. When the result is used, a field it does not set
 * keeps the value of xl's uninitialised struct: the event 'device-undefined'
 * says so.
 */
export function parseRdm(value: XluValue, r: XlReader, into?: DeviceSpec): RdmResult | undefined {
  if (value.kind !== 'string') return undefined;
  if (!rdmSince(r.xen)) return undefined;
  const c = new ItemContext(value, r);
  if (into) into.pieces = c.pieces;
  const res = new RdmReader(c, r.xen).read();
  if (res.used) {
    const unset = (['strategy', 'policy'] as const).filter((f) => res.rdm[f] === undefined);
    if (unset.length) c.warn('device-undefined', c.whole, `This rdm= does not set ${unset.join(' or ')}: xl copies ${unset.length > 1 ? 'them' : 'it'} from a struct it never initialised, so ${unset.length > 1 ? 'their values are' : 'its value is'} unpredictable${unset.includes('policy') ? ' (and every pci device without rdm_policy= inherits it)' : ''}.`);
  }
  if (into && res.used) into.device = res.rdm as { [field: string]: LibxlValue };
  return res;
}
