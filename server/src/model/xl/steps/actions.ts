/**
 * on_poweroff, on_reboot, on_watchdog, on_crash and (4.7+) on_soft_reset:
 * what xl does when the guest stops for that reason. xl compares the value
 * with its own names exactly (case and all) and stops on anything else.
 */
import type { PortContext } from '../context';

/** xl's names for the actions, in libxl's order (soft-reset from 4.7). */
export function shutdownActions(c: PortContext): string[] {
  const names = ['destroy', 'restart', 'rename-restart', 'preserve', 'coredump-destroy', 'coredump-restart'];
  if (c.since(4, 7)) names.push('soft-reset');
  return names;
}

/** libxl's names of the same actions (libxl_action_on_shutdown), as its JSON writes them: xl's "rename-restart" is RESTART_RENAME. */
const LIBXL_ACTIONS = ['destroy', 'restart', 'restart_rename', 'preserve', 'coredump_destroy', 'coredump_restart', 'soft_reset'];

/** The keys, their defaults and the first release reading them. */
export const ACTION_KEYS: ReadonlyArray<[key: string, dflt: string, since: [number, number]]> = [
  ['on_poweroff', 'destroy', [4, 2]],
  ['on_reboot', 'restart', [4, 2]],
  ['on_watchdog', 'destroy', [4, 2]],
  ['on_crash', 'destroy', [4, 2]],
  ['on_soft_reset', 'soft-reset', [4, 7]],
];

export function actions(c: PortContext): void {
  const names = shutdownActions(c);
  for (const [key, dflt, since] of ACTION_KEYS) {
    if (!c.since(...since)) continue;
    const s = c.cfg.getString(key);
    const buf = s.ok ? s.value.value : dflt;
    if (!names.includes(buf)) {
      const near = names.find((n) => n.toLowerCase() === buf.toLowerCase().trim().replace(/_/g, '-'));
      c.fail(
        'setting-invalid-value',
        `${key} = "${buf}" is not an action xl knows: xl stops.${near ? ` Did you mean "${near}"?` : ''} One of: ${names.join(', ')}.`,
        [`Unknown ${key} action "${buf}" specified`],
        s.setting,
      );
    }
    c.out.set([], key, LIBXL_ACTIONS[names.indexOf(buf)], s.setting?.value.span);
  }
}
