/**
 * What each device reader gets from the rest of the domain, as the target's
 * xl has it when it reads that list (the pci_* values and rdm policy as far
 * as xl has read them, maxvcpus=/maxmem= for vnuma, the name for p9, the
 * vkbs made before the vkb list), for the editor, which reads every device
 * item on its own (devices/document.ts).
 *
 * The port's own steps work it out: they run in order in a mode where the
 * device steps record their readers' inputs instead of reading the lists,
 * and where a step at which xl would stop does not stop the rest (the
 * editor still wants every list's findings).
 */
import { Recorder } from '../devices/recorder';
import type { SettingsModel } from '../settings';
import { isSeed, type XenVersion } from '../xenVersion';
import { EDITOR_HOST, PortContext, STOCK_GLOBALS, type XlGlobals, type XlHost } from './context';
import { LibxlBuilder } from './libxlObject';
import { stepsFor } from './readDomain';
import { recordDeviceInputs, type DeviceInputs } from './steps/devices';
import { PortLimit } from './steps/values';
import { XlExit } from './types';
import { XluConfig } from './xluConfig';

export type { DeviceInputs } from './steps/devices';

export function deviceInputs(model: SettingsModel, xen: XenVersion, source = 'FILE', globals: XlGlobals = STOCK_GLOBALS, host: XlHost = EDITOR_HOST): DeviceInputs {
  // The seed (the 2014 proposal) has no xl of its own: nothing to work out.
  if (isSeed(xen)) return {};
  const recorder = new Recorder(xen);
  const c = new PortContext(new XluConfig(model, recorder, source), new LibxlBuilder(), globals, host);
  const inputs = recordDeviceInputs(c);
  for (const step of stepsFor(xen)) {
    try {
      step(c);
    } catch (e) {
      if (!(e instanceof XlExit || e instanceof PortLimit)) throw e;
    }
  }
  return inputs;
}
