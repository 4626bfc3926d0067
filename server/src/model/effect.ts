/**
 * What happens on `xl create` because of something in the file (the effect
 * of a finding, and of a note of the preview):
 * - `xl-refuses`: xl stops, the file is rejected (nothing is created);
 * - `libxl-refuses`: xl accepts the file, libxl refuses to create the domain;
 * - `qemu-fails`: the device model fails to start, so creation fails;
 * - `guest-misses`: the domain is created, but the guest does not get (a working) device or channel;
 * - `ignored`: xl warns or silently ignores what is written;
 * - `style`: nothing goes wrong; a convention or a surprise worth knowing.
 */
export type Effect = 'xl-refuses' | 'libxl-refuses' | 'qemu-fails' | 'guest-misses' | 'ignored' | 'style';

export const EFFECTS: readonly Effect[] = ['xl-refuses', 'libxl-refuses', 'qemu-fails', 'guest-misses', 'ignored', 'style'];
