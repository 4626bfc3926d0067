/**
 * Our own words about channel keys and values, written from the facts of
 * xl.cfg(5), xen-pv-channel(7) and the 2014 proposal (see the reference notes).
 */
import type { Dialect } from '../model/channelSpec';

export interface ChannelValueDoc {
  value: string;
  summary: string;
}

export const CONNECTION_VALUES: Record<Dialect, ChannelValueDoc[]> = {
  upstream: [
    { value: 'socket', summary: 'qemu in the backend domain creates a listening Unix socket at path= when the domain starts; a host program connects to it and exchanges bytes with the guest.' },
    { value: 'pty', summary: 'the backend opens a pseudo-terminal; xl channel-list (or the console node tty in xenstore) tells which /dev/pts device. path= is ignored.' },
  ],
  seed: [
    { value: 'none', summary: 'the channel exists in the guest but is connected to nothing: reads block and writes are discarded (the default).' },
    { value: 'pty', summary: 'the backend opens a pseudo-terminal for the channel.' },
    { value: 'path', summary: "the guest's output is appended to the file at path= (the proposal's man page calls this kind FILE, but xl only accepts 'path')." },
    { value: 'socket', summary: 'qemu creates a listening Unix socket at path=; a host program connects to it.' },
  ],
};

export const CHANNEL_KEY_NOTES: Record<string, string> = {
  name: 'The guest finds the channel by this name, so it must be unique: the usual udev rule links /dev/xen-channel/NAME to the channel\'s console device. Use a reverse domain name with a version, e.g. org.example.agent.0.',
  connection: 'How the backend exposes the channel: socket (a listening Unix socket at path=) or pty. Required; lower case only.',
  type: "The 2014 proposal's key for how the channel is connected: none, pty, path (a file) or socket. Released Xen (4.5 and later) uses connection= instead, with only pty and socket.",
  path: 'For a socket channel: where qemu creates the listening Unix socket in the backend domain (an absolute path; at most 107 bytes). Ignored for pty channels.',
  backend: 'The domain that serves the channel, by numeric id or by name; a name must belong to a running domain when the guest is created. Default: the toolstack domain (0).',
};

/** Well-known channel names (own description of what uses them). */
export const KNOWN_CHANNEL_NAMES: Array<{ name: string; summary: string }> = [
  { name: 'org.qemu.guest_agent.0', summary: 'the QEMU guest agent (qemu-ga) channel that management tools such as libvirt use' },
  { name: 'org.xenproject.guest.clipboard.0.1', summary: 'clipboard sharing with an in-guest agent (the one name in the Xen channel registry)' },
];
