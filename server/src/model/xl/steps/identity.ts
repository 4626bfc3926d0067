/**
 * The domain's identity, as parse_config_data reads it first: security
 * labels, the guest type (type= from 4.10, builder=), hap, the name xl
 * requires, uuid, oos, pool, and (4.10.1+) the PVH shim.
 */
import { isUuid } from '../../devices/vtpm';
import type { PortContext } from '../context';
import type { XluSetting } from '../xluConfig';

type GuestType = 'pv' | 'pvh' | 'hvm';

/** strncmp(buf, word, strlen(buf)) == 0: buf is a prefix of word ("" matches everything). */
export function isPrefixOf(buf: string, word: string): boolean {
  return word.startsWith(buf);
}

export function seclabels(c: PortContext): void {
  const init = c.cfg.getString('init_seclabel');
  if (init.ok) c.out.set(['c_info'], 'ssid_label', init.value.value, init.value.span);
  const sec = c.cfg.getString('seclabel');
  if (sec.ok) {
    if (init.ok) c.out.set(['b_info'], 'exec_ssid_label', sec.value.value, sec.value.span);
    else c.out.set(['c_info'], 'ssid_label', sec.value.value, sec.value.span);
  }
}

export function hotplug(c: PortContext): void {
  c.out.set(['c_info'], 'run_hotplug_scripts', c.globals.runHotplugScripts ? 'True' : 'False');
}

/** type= and builder= (and pvh= before 4.9). */
export function guestType(c: PortContext): void {
  let type: GuestType | undefined;
  let from: XluSetting | undefined;
  if (!c.since(4, 10)) {
    type = 'pv';
    const b = c.cfg.getString('builder');
    if (b.ok) {
      from = b.setting;
      if (isPrefixOf(b.value.value, 'hvm')) type = 'hvm';
      else if (!isPrefixOf(b.value.value, 'generic'))
        c.warnSilent('setting-invalid-value', `builder = "${b.value.value}" is neither "hvm" nor "generic": xl ${c.xen.label} reads it as a PV guest without a word (Xen 4.10 and later stop with "Invalid domain type").`, b.setting, 'read-as-pv');
    }
    setType(c, type, from);
    if (!c.since(4, 9)) {
      const pvh = c.cfg.getDefbool('pvh');
      if (pvh.ok) c.out.set(['c_info'], 'pvh', pvh.value, pvh.setting.value.span);
    }
    return;
  }
  const t = c.cfg.getString('type');
  if (t.ok) {
    const buf = t.value.value;
    from = t.setting;
    if (isPrefixOf(buf, 'hvm')) type = 'hvm';
    else if (isPrefixOf(buf, 'pv')) type = 'pv';
    else if (isPrefixOf(buf, 'pvh')) type = 'pvh';
    else c.fail('setting-invalid-value', `type = "${buf}" is not a guest type: xl stops. Use "pv", "pvh" or "hvm".`, [`Invalid domain type ${buf}.`], t.setting);
    if (buf !== type) c.warnSilent('setting-invalid-value', `type = "${buf}" is read as "${type}" (xl takes any prefix${buf === '' ? ', and an empty value is hvm' : ''}): write "${type}".`, t.setting, 'abbreviated');
  }
  const b = c.cfg.getString('builder');
  if (b.ok) {
    const buf = b.value.value;
    if (type === undefined && c.between([4, 10], [4, 11]))
      c.warn('xen-key-deprecated', 'builder= is deprecated since Xen 4.10: use type= instead (xl 4.10 says so).', ['The "builder" option is being deprecated, please use "type" instead.'], b.setting);
    let builderType: GuestType;
    if (isPrefixOf(buf, 'hvm')) builderType = 'hvm';
    else if (isPrefixOf(buf, 'generic')) builderType = 'pv';
    else c.fail('setting-invalid-value', `builder = "${buf}" is not a guest type: xl stops ("hvm" or "generic"; builder= is deprecated, use type=).`, [`Invalid domain type ${buf}.`], b.setting);
    if (type !== undefined && type !== builderType)
      c.fail('setting-invalid-value', `builder = "${buf}" contradicts type = "${t.value!.value}": xl stops. Remove builder= (deprecated since 4.10).`, ['Contradicting "builder" and "type" options specified.'], b.setting);
    type = builderType;
    from = b.setting;
  }
  setType(c, type ?? 'pv', from);
}

function setType(c: PortContext, type: GuestType, from?: XluSetting): void {
  c.state.type = type;
  c.out.set(['c_info'], 'type', type, from?.value.span);
  // libxl_domain_build_info_init_type: b_info's union member for the type.
  c.out.at(['b_info', `type.${type}`]);
  c.out.set(['b_info'], 'type', type, from?.value.span);
}

export function hap(c: PortContext): void {
  const h = c.cfg.getDefbool('hap');
  if (h.ok) c.out.set(['c_info'], 'hap', h.value, h.setting.value.span);
}

export function name(c: PortContext): void {
  const n = c.cfg.getString('name');
  if (!n.ok) {
    c.fail('setting-name-missing', n.setting ? 'name must be a single string: xl stops ("Domain name must be specified").' : 'Every domain needs a name = "...": xl stops without one.', ['Domain name must be specified.'], n.setting);
  }
  c.out.set(['c_info'], 'name', n.value.value, n.value.span);
}

export function uuid(c: PortContext): void {
  const u = c.cfg.getString('uuid');
  if (u.ok) {
    if (!isUuid(u.value.value))
      c.fail('setting-invalid-value', `uuid = "${u.value.value}" is not a UUID (8-4-4-4-12 hexadecimal digits): xl stops.`, [`Failed to parse UUID: ${u.value.value}`], u.setting);
    c.out.set(['c_info'], 'uuid', u.value.value.toLowerCase(), u.value.span);
  }
  // Otherwise xl makes a random one (libxl_uuid_generate): the caller decides what to show.
}

export function oos(c: PortContext): void {
  const o = c.cfg.getDefbool('oos');
  if (o.ok) c.out.set(['c_info'], 'oos', o.value, o.setting.value.span);
}

export function pool(c: PortContext): void {
  const p = c.cfg.getString('pool');
  if (p.ok) c.out.set(['c_info'], 'pool_name', p.value.value, p.value.span);
}

/** pvshim, pvshim_path, pvshim_cmdline, pvshim_extra (PVH guests, 4.10.1+). */
export function pvshim(c: PortContext): void {
  if (!c.since(4, 10, 1) || c.state.type !== 'pvh') return;
  const path = ['b_info', 'type.pvh'];
  const shim = c.cfg.getDefbool('pvshim');
  if (shim.ok) c.out.set(path, 'pvshim', shim.value, shim.setting.value.span);
  for (const [key, field] of [
    ['pvshim_path', 'pvshim_path'],
    ['pvshim_cmdline', 'pvshim_cmdline'],
    ['pvshim_extra', 'pvshim_extra'],
  ] as const) {
    const s = c.cfg.getString(key);
    if (s.ok) c.out.set(path, field, s.value.value, s.value.span);
  }
}

export function blkdevStart(c: PortContext): void {
  if (c.globals.blkdevStart !== undefined) c.out.set(['b_info'], 'blkdev_start', c.globals.blkdevStart);
}
