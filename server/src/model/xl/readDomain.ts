/**
 * xl's parse_config_data, per release: reads a document's settings the way
 * the target's `xl create` does and builds the libxl domain configuration it
 * would hand to libxl (what `xl -N create` prints), with every message xl
 * prints, where it stops, and which keys it read.
 *
 * The order of the steps is xl's (it decides which error comes first); where
 * a release reads in another order the step list says so. Each step is a
 * port of one part of parse_config_data (steps/*.ts).
 */
import type { Span } from '../../syntax/cst';
import { Recorder } from '../devices/recorder';
import type { SettingsModel } from '../settings';
import type { XenVersion } from '../xenVersion';
import { atLeast, isSeed } from '../xenVersion';
import { ORACLE_HOST, PortContext, STOCK_GLOBALS, type XlGlobals, type XlHost } from './context';
import { LibxlBuilder, type LibxlObject } from './libxlObject';
import { actions } from './steps/actions';
import { deviceLists, dtdev, globalAffinityMasks, ioResources, lateDeviceLists, pci, pciDefaults, rdm, usbLists, vcpuAffinity, vnuma } from './steps/devices';
import { armSettings, cpuid, deviceModel, displays, hvmDevices, lastSwitches } from './steps/display';
import { blkdevStart, guestType, hap, hotplug, name, oos, pool, pvshim, seclabels, uuid } from './steps/identity';
import { altp2mAndVmtrace, bootSettings, e820Host, passthrough, platformNumbers, timerAndNesting, typeSpecific } from './steps/platform';
import { claimMode, grantLimits, llcColors, memory, resourceDefaults, schedParams, vcpus, vuart, xenstoreLimits } from './steps/resources';
import { PortLimit } from './steps/values';
import { XlExit, type XlEvent } from './types';
import { EINVAL, strerror, XluConfig, type KeyKind } from './xluConfig';
import { formatXlReport, XL_PYTHON_HINT } from '../../syntax/xlVerdict';

export interface DomainReadOptions {
  /** The file name xl prints in its messages (config_source). */
  source?: string;
  /**
   * A file libxlu refuses: 'stop' as xl does (its messages, exit 1: `xlcfg
   * show`), or 'read-on' through every well-formed assignment (the editor,
   * which reports the syntax problems on their own).
   */
  syntax?: 'stop' | 'read-on';
  globals?: XlGlobals;
  host?: XlHost;
}

export interface DomainReading {
  xen: XenVersion;
  /** xl's exit status (0: it prints the configuration). */
  rc: number;
  /** What xl prints, in order; when rc != 0 the last one is why it stopped. */
  events: XlEvent[];
  /** The libxl_domain_config as built (up to where xl stopped, when it stops). */
  config: LibxlObject;
  /** Where each value came from (LibxlBuilder.origins). */
  origins: Map<string, Span>;
  /** The keys the release's xl looked up for this file (the rest it never reads). */
  read: ReadonlySet<string>;
  /** The kinds of getter each key was read with. */
  readAs: ReadonlyMap<string, ReadonlySet<KeyKind>>;
  /** The port gave up (an object too large to build): no verdict past this point. */
  limit?: string;
}

export type Step = (c: PortContext) => void;

/** The steps of parse_config_data for a release, in xl's order. */
export function stepsFor(xen: XenVersion): Step[] {
  const v = (major: number, minor: number, patch = 0) => atLeast(xen, major, minor, patch);
  const steps: Step[] = [seclabels, hotplug, guestType, hap, name, uuid, oos, pool];
  if (v(4, 21)) steps.push(xenstoreLimits);
  steps.push(pvshim, blkdevStart, schedParams);
  if (v(4, 6)) steps.push(memory, llcColors, vcpus, vuart, vnuma, resourceDefaults, vcpuAffinity);
  else steps.push(vcpus, vcpuAffinity, memory);
  steps.push(grantLimits, claimMode, actions);
  // Up to 4.12 pci= and dtdev= come after the vfb list (pci_*, e820_host and rdm= just before them).
  // 4.13 moved pci= and dtdev= before shadow_memory, leaving pci_*, e820_host and rdm= after the vfb
  // list, so that pci= never saw them; 4.16.1 (and 4.15.3, 4.14.5) moved those before pci= too.
  const earlyPci = v(4, 16, 1) || (v(4, 15, 3) && !v(4, 16)) || (v(4, 14, 5) && !v(4, 15));
  const pciFirst = v(4, 13);
  if (earlyPci) steps.push(e820Host, pciDefaults, rdm);
  if (pciFirst) steps.push(pci, dtdev, passthrough);
  steps.push(platformNumbers, bootSettings, timerAndNesting, typeSpecific, altp2mAndVmtrace, ioResources, deviceLists);
  if (!pciFirst) steps.push(pciDefaults, e820Host, rdm, pci, dtdev);
  else if (!earlyPci) steps.push(pciDefaults, e820Host, rdm);
  steps.push(usbLists, cpuid, deviceModel, displays, hvmDevices, armSettings, lateDeviceLists, lastSwitches);
  // create_domain, before printing: the hard affinity against xl.conf's masks (4.12+).
  steps.push(globalAffinityMasks);
  return steps;
}

/**
 * Reads a document as the target's xl would. The seed target (the 2014
 * proposal) has no xl of its own: nothing is read.
 */
export function readDomain(model: SettingsModel, xen: XenVersion, opts: DomainReadOptions = {}): DomainReading {
  const recorder = new Recorder(xen);
  const cfg = new XluConfig(model, recorder, opts.source ?? 'FILE');
  const out = new LibxlBuilder();
  const result: DomainReading = { xen, rc: 0, events: recorder.events, config: out.root, origins: out.origins, read: cfg.read, readAs: cfg.readAs };
  if (isSeed(xen)) return result;
  // (xl's verdict only when it can stop the reading: it scans the whole file again, which the editor's reading, per keystroke, does not need.)
  const verdict = (opts.syntax ?? 'stop') === 'stop' ? model.tree.verdict : undefined;
  if (verdict && verdict.rc !== 0) {
    // xlu_cfg_readdata prints each report (and the Python hint), then xl its own line.
    const source = opts.source ?? 'FILE';
    for (const rep of verdict.reports) recorder.warn({ code: 'syntax-refused', message: rep.message, xl: [formatXlReport(source, rep)], span: { start: rep.start, end: rep.end } });
    if (verdict.pythonHint) recorder.warn({ code: 'syntax-refused', message: 'The file looks like Python.', xl: [...XL_PYTHON_HINT] });
    result.rc = verdict.crashed ? 134 : 1;
    recorder.events.push({ code: 'syntax-refused', severity: 'error', message: 'libxlu refuses the file: xl stops before reading any setting.', xl: verdict.crashed ? [] : [`Failed to parse config: ${strerror(EINVAL)}`] });
    return result;
  }
  const c = new PortContext(cfg, out, opts.globals ?? STOCK_GLOBALS, opts.host ?? ORACLE_HOST);
  try {
    for (const step of stepsFor(xen)) step(c);
  } catch (e) {
    if (e instanceof XlExit) result.rc = e.rc;
    else if (e instanceof PortLimit) result.limit = e.message;
    else throw e;
  }
  result.limit ??= c.limit;
  return result;
}
