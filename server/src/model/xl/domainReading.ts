/**
 * The editor's reading of a document by the port of parse_config_data: once
 * per settings model and release (rules, hover and the preview share it),
 * reading on past syntax errors, for a host any guest fits.
 */
import type { SettingsModel } from '../settings';
import type { XenVersion } from '../xenVersion';
import { EDITOR_HOST } from './context';
import { readDomain, type DomainReading } from './readDomain';

const cache = new WeakMap<SettingsModel, Map<string, DomainReading>>();

export function domainReading(model: SettingsModel, xen: XenVersion): DomainReading {
  const key = `${xen.kind} ${xen.major}.${xen.minor}.${xen.patch ?? 'x'}`;
  let per = cache.get(model);
  if (!per) cache.set(model, (per = new Map()));
  let r = per.get(key);
  if (!r) per.set(key, (r = readDomain(model, xen, { syntax: 'read-on', host: EDITOR_HOST })));
  return r;
}
