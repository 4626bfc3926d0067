/**
 * The sections of the preview: problems (the checker's findings and the
 * renderer's notes), the xenstore tree of the consoles, the devices with their
 * xenstore directories, the qemu line, the libvirt XML and the udev rule. Built from a response; what they need of the page (links that
 * reveal the source, copy buttons, the tree's remembered state) comes in `view`.
 */
import type { CopyWhat, LspRange, PreviewResponse } from '../preview/protocol';
import { badge, h, icon, pathText, placeholder, sectionHeader } from './dom';

type Preview = PreviewResponse['preview'];
type XenstoreDirectory = Preview['xenstoreDirs'][number];
type XenstoreEntry = Preview['xenstore'][number];
type DeviceView = Preview['devices']['list'][number];

/** One xenstore tree's nodes and their source ranges (the consoles', or the devices'). */
interface TreeSource {
  dirs: XenstoreDirectory[];
  entries: XenstoreEntry[];
  dirRanges: (LspRange | null)[];
  entryRanges: (LspRange | null)[];
}

function consolesTree(r: PreviewResponse): TreeSource {
  return { dirs: r.preview.xenstoreDirs, entries: r.preview.xenstore, dirRanges: r.ranges.xenstoreDirs, entryRanges: r.ranges.xenstore };
}

function devicesTree(r: PreviewResponse): TreeSource {
  const d = r.preview.devices;
  return { dirs: d.xenstoreDirs, entries: d.xenstore, dirRanges: r.ranges.deviceXenstoreDirs ?? [], entryRanges: r.ranges.deviceXenstore ?? [] };
}

/** A device's name in the panel: its setting and place, e.g. "disk 0" or "vkb (implicit)". */
export function deviceName(d: DeviceView): string {
  return d.item !== undefined ? `${d.family} ${d.item}` : `${d.family} (${d.family === 'vnc' ? 'vfb' : 'added'})`;
}

export interface View {
  /** Makes `el` reveal its source range on click (and highlight with the cursor). */
  link(el: HTMLElement, ranges: (LspRange | null | undefined)[], what: string): HTMLElement;
  copyButton(what: CopyWhat, label: string, text: () => string): HTMLButtonElement;
  /** Tree nodes the user collapsed / expanded against their default, and how to remember a change. */
  collapsed: Set<string>;
  expanded: Set<string>;
  save(): void;
  /** The user asked for every channel's xenstore nodes. */
  showAllChannels(): void;
  /** The user asked for every device. */
  showAllDevices(): void;
}

export function sections(view: View) {
  const { link, copyButton, collapsed, expanded, save } = view;

  // --- problems

  /** What each effect means for `xl create`, in a few words (the checker's vocabulary: check/rules). */
  const EFFECTS: Record<string, string> = {
    'xl-refuses': 'xl refuses the file',
    'libxl-refuses': 'libxl refuses to create the domain',
    'qemu-fails': 'qemu fails to start',
    'guest-misses': 'the guest does not get it',
    ignored: 'xl ignores it',
    style: 'nothing breaks',
  };

  function findingItem(p: { code: string; severity: string; effect: string; message: string }, range: LspRange | null, label: string): HTMLElement {
    const sev = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'info';
    const item = h(
      'li',
      { class: `problem ${sev}`, attrs: { 'data-code': p.code, 'data-effect': p.effect } },
      icon(sev, `sev-${sev}`),
      h(
        'div',
        { class: 'problem-body' },
        h('div', { class: `message${p.message.length > 400 ? ' long' : ''}`, text: p.message, title: p.message.length > 400 ? p.message : undefined }),
        h(
          'div',
          { class: 'problem-meta' },
          h('span', { class: 'problem-code', text: p.code }),
          h('span', { class: 'effect', text: EFFECTS[p.effect] ?? p.effect }),
          range ? h('span', { class: 'where', text: `Ln ${range.start.line + 1}, Col ${range.start.character + 1}` }) : null,
        ),
      ),
    );
    return link(item, [range], label);
  }

  /**
   * What xl and libxl make of the file, before what they write: xl refusing it
   * leads (then nothing below happens), then the checker's other findings
   * (gravest first), then the renderer's own notes.
   */
  function renderProblems(r: PreviewResponse): HTMLElement {
    const { findings, preview } = r;
    const section = h('section', { class: 'section problems', attrs: { id: 'problems', 'aria-label': 'Problems' } });
    section.append(sectionHeader('Problems', String(r.findingCount + preview.notes.length)));
    const refused = findings.filter((f) => f.effect === 'xl-refuses');
    if (refused.length) {
      section.append(
        h(
          'div',
          { class: 'banner error verdict', attrs: { role: 'alert', 'data-verdict': 'xl-refuses' } },
          icon('error'),
          h('span', { text: `xl refuses this file (${refused.length === 1 ? refused[0].code : `${refused.length} reasons`}): nothing below happens. The preview shows what libxl would do once it is fixed.` }),
        ),
      );
    } else if (findings.some((f) => f.severity === 'error')) {
      section.append(h('div', { class: 'banner error verdict', attrs: { role: 'alert', 'data-verdict': 'fails' } }, icon('error'), h('span', { text: 'xl accepts this file, but the domain or a device fails: see below.' })));
    } else if (!findings.length && !preview.notes.length) {
      section.append(h('p', { class: 'all-good', attrs: { 'data-verdict': 'clean' } }, icon('ok'), h('span', { text: 'xl accepts this file and xlcfg finds nothing wrong in it.' })));
      return section;
    }
    const list = h('ul', { class: 'problem-list', attrs: { role: 'list' } });
    findings.forEach((f, i) => list.append(findingItem(f, r.ranges.findings[i] ?? null, `${f.severity} ${f.code}`)));
    if (r.findingCount > findings.length) list.append(h('li', { class: 'problem more muted', text: `${r.findingCount - findings.length} more findings: see the Problems view.` }));
    preview.notes.forEach((n, i) => list.append(findingItem({ ...n, severity: 'info' }, r.ranges.notes[i], `note ${n.code}`)));
    section.append(list);
    return section;
  }

  // --- xenstore tree

  function treeNode(id: string, defaultOpen: boolean, row: HTMLElement, children: HTMLElement[], level: number): HTMLElement {
    const open = defaultOpen ? !collapsed.has(id) : expanded.has(id);
    const twistie = h('span', { class: 'twistie', attrs: { role: 'button', 'aria-label': 'Expand or collapse' } }, icon('chevron'));
    row.prepend(twistie);
    row.classList.add('row', 'has-children', `level-${level}`);
    row.setAttribute('role', 'treeitem');
    row.setAttribute('aria-level', String(level));
    row.setAttribute('aria-expanded', String(open));
    row.dataset.node = id;
    if (!row.hasAttribute('tabindex')) row.tabIndex = -1;
    const group = h('div', { class: 'children', attrs: { role: 'group' } }, ...children);
    group.hidden = !open;
    const wrapper = h('div', { class: 'node' }, row, group);
    const set = (o: boolean) => {
      row.setAttribute('aria-expanded', String(o));
      group.hidden = !o;
      if (o === defaultOpen) {
        collapsed.delete(id);
        expanded.delete(id);
      } else if (o) expanded.add(id);
      else collapsed.add(id);
      save();
    };
    const toggle = () => set(row.getAttribute('aria-expanded') !== 'true');
    twistie.addEventListener('click', (e) => {
      e.stopPropagation();
      toggle();
    });
    // A row without a source range toggles on a click anywhere.
    row.addEventListener('click', () => {
      if (!row.classList.contains('linked')) toggle();
    });
    row.addEventListener('dblclick', (e) => {
      if ((e.target as Element).closest('.twistie')) return;
      toggle();
    });
    row.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight') set(true);
      else if (e.key === 'ArrowLeft') set(false);
      else if (e.key === ' ') toggle();
      else return;
      e.preventDefault();
    });
    return wrapper;
  }

  function renderXenstore(r: PreviewResponse): HTMLElement {
    const p = r.preview;
    const section = h('section', { class: 'section xenstore', attrs: { id: 'xenstore', 'aria-label': 'Xenstore' } });
    const legend = h(
      'span',
      { class: 'legend' },
      badge('RO', 'access ro', 'Read-only to the guest'),
      h('span', { class: 'legend-text', text: 'read-only to guest' }),
      badge('RW', 'access rw', 'The guest can change it'),
      h('span', { class: 'legend-text', text: 'guest-writable' }),
      badge('runtime', 'runtime', 'Known only when the domain runs'),
    );
    section.append(sectionHeader('Xenstore', String(p.xenstore.filter((e) => !e.isDir).length), legend));
    if (p.xenstoreDirs.length === 0) {
      section.append(placeholder('No xenstore nodes.'));
      return section;
    }
    const tree = h('div', { class: 'tree', attrs: { role: 'tree', 'aria-label': 'Xenstore nodes' } });
    // Group the directories by console: console 0 first, then each channel.
    const groups = new Map<number, number[]>();
    p.xenstoreDirs.forEach((d, i) => {
      const g = groups.get(d.channelIndex) ?? [];
      g.push(i);
      groups.set(d.channelIndex, g);
    });
    const order = [...groups.keys()].sort((a, b) => a - b);
    if (r.omitted) {
      const more = h('button', { class: 'button', text: `Show all ${r.omitted.shown + r.omitted.channels} channels` });
      more.addEventListener('click', () => {
        view.showAllChannels();
      });
      section.append(h('div', { class: 'banner info' }, icon('info'), h('span', { text: `The xenstore nodes of the first ${r.omitted.shown} channels are shown; ${r.omitted.channels} more channels (${r.omitted.xenstoreEntries} nodes) are left out${r.omitted.partial ? ' (estimated)' : ''}. ` }), more));
    }
    for (const ci of order) {
      const ch = p.channels.find((c) => c.index === ci);
      const label = h('span', { class: 'group-label' });
      const row = h('div', { class: 'group-row' }, icon(ci < 0 ? 'terminal' : 'plug', 'node-icon'), label);
      if (ci < 0) {
        label.append(h('span', { class: 'group-title', text: 'Console 0' }), h('span', { class: 'muted', text: ' primary console (xenconsoled)' }));
      } else {
        label.append(h('span', { class: 'group-title', text: `Channel ${ci}` }));
        if (ch?.name !== undefined) label.append(h('span', { class: 'channel-name', text: ch.name }));
        if (ch?.kind) row.append(badge(ch.kind, 'chip'));
        if (ch?.consoleDevid !== undefined) row.append(badge(`/dev/hvc${ch.consoleDevid}`, 'chip mono', 'The console device in the guest'));
        if (ch && !ch.published) row.append(badge('not published', 'chip warn', 'Not published to the guest'));
      }
      const children = groups.get(ci)!.map((di) => renderDir(consolesTree(r), di));
      if (ci >= 0) link(row, [r.ranges.channels[p.channels.findIndex((c) => c.index === ci)]], `Channel ${ci}`);
      tree.append(treeNode(`g:${ci}`, ci >= 0, row, children, 1));
    }
    treeKeyboard(tree);
    section.append(tree);
    return section;
  }

  /** Keyboard: Up/Down move between visible rows (roving focus), Home/End to the ends. */
  function treeKeyboard(tree: HTMLElement): void {
    const rows = () => [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter((el) => el.offsetParent !== null);
    tree.addEventListener('keydown', (e) => {
      if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
      const all = rows();
      const i = all.indexOf(document.activeElement as HTMLElement);
      const j = e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : Math.max(0, Math.min(all.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)));
      all[j]?.focus();
      e.preventDefault();
    });
    tree.querySelector<HTMLElement>('[role="treeitem"]')?.setAttribute('tabindex', '0');
  }

  function renderDir(src: TreeSource, di: number): HTMLElement {
    const d = src.dirs[di];
    const row = h(
      'div',
      { class: `dir-row role-${d.role}`, title: `${d.path}\n${d.perms} — written by ${d.writer}` },
      icon('folder', 'node-icon'),
      pathText('path', d.path),
      badge(d.perms, 'perms mono', 'Permissions as xenstore-ls -p prints them'),
      h('span', { class: 'domain', text: d.domain }),
    );
    link(row, [src.dirRanges[di]], 'Directory');
    const keys: HTMLElement[] = [];
    for (const k of d.entries) {
      const e = src.entries[k];
      if (!e || e.isDir) continue;
      keys.push(renderKey(src, k));
    }
    return treeNode(`d:${d.path}`, d.role !== 'libxl', row, keys, 2);
  }

  function renderKey(src: TreeSource, k: number): HTMLElement {
    const e = src.entries[k];
    const value = pathText(`value${e.runtime ? ' is-runtime' : ''}${e.value.length > 200 ? ' long' : ''}`, e.value);
    const row = h(
      'div',
      {
        class: `row leaf level-3 key-row ${e.guestReadOnly ? 'guest-ro' : 'guest-rw'}${e.runtime ? ' runtime-row' : ''}`,
        title: `${e.path}\n${e.perms} — ${e.guestReadOnly ? 'read-only to the guest' : 'the guest can change it'}; written by ${e.writer}${e.runtimeNote ? `\n${e.runtimeNote}` : ''}${e.guess ? `\nGuessed: ${e.guess}` : ''}`,
        attrs: { role: 'treeitem', 'aria-level': '3', 'data-path': e.path },
      },
      h('span', { class: 'twistie-space' }),
      icon('key', 'node-icon'),
      h('span', { class: 'key', text: e.key }),
      h('span', { class: 'eq', text: '=' }),
      value,
      h('span', { class: 'spacer' }),
      e.runtime ? badge('runtime', 'runtime', e.runtimeNote ?? 'Set at run time') : null,
      e.guess ? badge('guess', 'guess', `Guessed: ${e.guess}`) : null,
      badge(e.perms, 'perms mono'),
      badge(e.guestReadOnly ? 'RO' : 'RW', `access ${e.guestReadOnly ? 'ro' : 'rw'}`, e.guestReadOnly ? 'Read-only to the guest' : 'The guest can change it'),
    );
    row.tabIndex = -1;
    return link(row, [src.entryRanges[k]], 'Node');
  }

  // --- devices

  const FAMILY_ICONS: Record<string, 'disk' | 'net' | 'device'> = { disk: 'disk', vif: 'net' };

  function renderDevices(r: PreviewResponse): HTMLElement {
    const devices = r.preview.devices;
    const omitted = r.omittedDevices;
    const section = h('section', { class: 'section devices', attrs: { id: 'devices', 'aria-label': 'Devices' } });
    const legend = h('span', { class: 'legend' }, badge('guess', 'guess', 'Depends on the host or on chance: the preview guesses'), h('span', { class: 'legend-text', text: 'guessed' }));
    section.append(sectionHeader('Devices', String(devices.list.length + (omitted?.devices ?? 0)), legend));
    if (!devices.list.length && !devices.notRendered.length) {
      section.append(placeholder('No devices: the file has no disk, vif, vfb or other device libxl writes to xenstore.'));
      return section;
    }
    if (omitted) {
      const more = h('button', { class: 'button', text: `Show all ${omitted.shown + omitted.devices} devices` });
      more.addEventListener('click', () => view.showAllDevices());
      section.append(
        h(
          'div',
          { class: 'banner info' },
          icon('info'),
          h('span', { text: `The first ${omitted.shown} devices are shown; ${omitted.devices} more (${omitted.xenstoreEntries} nodes, ${omitted.argv} qemu arguments, ${omitted.notes} notes) are left out${omitted.partial ? ' (estimated)' : ''}. ` }),
          more,
        ),
      );
    }
    const src = devicesTree(r);
    const byDevice = new Map<number, number[]>();
    src.dirs.forEach((d, i) => {
      if (d.deviceIndex === undefined) return;
      const g = byDevice.get(d.deviceIndex) ?? [];
      g.push(i);
      byDevice.set(d.deviceIndex, g);
    });
    const tree = h('div', { class: 'tree', attrs: { role: 'tree', 'aria-label': 'Devices and their xenstore nodes' } });
    const openByDefault = devices.list.length <= 4;
    devices.list.forEach((d, i) => {
      const label = h('span', { class: 'group-label' }, h('span', { class: 'group-title', text: deviceName(d) }), h('span', { class: 'device-label mono', text: d.label }));
      const row = h('div', { class: 'group-row device-row', attrs: { 'data-device': String(d.index), 'data-family': d.family } }, icon(FAMILY_ICONS[d.family] ?? 'device', 'node-icon'), label);
      row.append(badge(`${d.kind} ${d.devid}`, 'chip mono', `Frontend /local/domain/D/device/${d.kind}/${d.devid}`));
      row.append(badge(`${d.backendKind} in ${d.backendDomid}`, 'chip mono', `Backend /local/domain/${d.backendDomid}/backend/${d.backendKind}/D/${d.devid}`));
      if (d.emulated) row.append(badge(d.emulated, 'chip emulated', 'Emulated by qemu for the HVM guest'));
      if (d.implicit) row.append(badge('added', 'chip', d.implicit));
      if (d.guesses.length) row.append(badge('guessed', 'guess', d.guesses.join('\n')));
      if (!d.rendered) row.append(badge('not created', 'chip warn', d.reason ?? 'libxl refuses it'));
      const children: HTMLElement[] = [];
      const notes: string[] = [];
      if (!d.rendered && d.reason) notes.push(`Not created: ${d.reason}.`);
      if (d.implicit) notes.push(`Added: ${d.implicit}.`);
      if (d.emulatedNot) notes.push(`Not emulated by qemu: ${d.emulatedNot}.`);
      for (const g of d.guesses) notes.push(`Guessed: ${g}.`);
      for (const n of notes) children.push(h('div', { class: 'row leaf level-2 device-note muted', text: n }));
      for (const di of byDevice.get(d.index) ?? []) children.push(renderDir(src, di));
      link(row, [r.ranges.devices?.[i]], deviceName(d));
      tree.append(treeNode(`dev:${d.family}:${d.item ?? 'added'}:${d.kind}:${d.devid}`, openByDefault, row, children, 1));
    });
    treeKeyboard(tree);
    section.append(tree);
    if (devices.notRendered.length) {
      const list = h('ul', { class: 'notes not-rendered' });
      devices.notRendered.forEach((n, i) => {
        const li = h('li', {}, icon('info'), h('span', { text: `${n.key}=: ${n.reason}` }));
        list.append(link(li, [r.ranges.devicesNotRendered?.[i]], `${n.key}=`));
      });
      section.append(list);
    }
    return section;
  }

  // --- qemu

  function renderQemu(r: PreviewResponse): HTMLElement {
    const q = r.preview.qemu;
    const section = h('section', { class: 'section qemu', attrs: { id: 'qemu', 'aria-label': 'QEMU' } });
    if (!q.runs) {
      section.append(sectionHeader('QEMU', undefined), h('p', { class: 'qemu-reason none' }, icon('info'), h('span', { text: `No device model runs: ${q.reason}` })));
      return section;
    }
    section.append(sectionHeader('QEMU', `${q.argv.length + (r.omitted?.argv ?? 0) + (r.omittedDevices?.argv ?? 0)} args`, copyButton('argv', q.unrendered.length ? 'qemu command line (incomplete)' : 'qemu command line', () => r.preview.qemu.shell)));
    if (q.unrendered.length) {
      section.append(
        h(
          'div',
          { class: 'banner warning incomplete', attrs: { role: 'status' } },
          icon('warning'),
          h('span', { text: `Incomplete: ${q.unrendered.map((u) => u.key).join(', ')} ${q.unrendered.length === 1 ? 'adds' : 'add'} qemu arguments that are not shown (or copied) here.` }),
        ),
      );
    }
    if (r.omitted?.argv) section.append(h('p', { class: 'muted', text: `The -chardev arguments of ${r.omitted.channels} more channels are left out of the list below; ${r.omitted.partial ? 'in a list this long, the command line, the shell line, the XML and the udev rule cover only the channels shown.' : 'the copied command line and the shell line have them all.'}` }));
    if (r.omittedDevices?.argv) section.append(h('p', { class: 'muted', text: `The arguments of ${r.omittedDevices.devices} more devices are left out of the list below; ${r.omittedDevices.partial ? 'in a list this long, the shell line covers only the devices shown.' : 'the copied command line and the shell line have them all.'}` }));
    section.append(h('p', { class: 'qemu-reason', text: q.reason }));
    const env = Object.entries(q.env);
    if (env.length) {
      const envList = h('div', { class: 'env', attrs: { 'aria-label': 'Environment' } });
      for (const [k, v] of env) envList.append(h('div', { class: 'env-row mono' }, h('span', { class: 'env-key', text: k }), h('span', { class: 'eq', text: '=' }), h('span', { class: 'value', text: v })));
      section.append(envList);
    }
    if (q.argv.length) {
      const list = h('ol', { class: 'argv', attrs: { 'aria-label': 'qemu arguments', start: '0' } });
      q.argv.forEach((a, i) => {
        const isFlag = a.value.startsWith('-') && i > 0;
        const dev = a.deviceIndex !== undefined ? r.preview.devices.list[a.deviceIndex] : undefined;
        const origin =
          a.origin === 'channel' && a.channelIndex !== undefined
            ? `channel ${a.channelIndex}`
            : dev
              ? `${deviceName(dev)}${a.guess ? ' (guessed)' : ''}`
              : a.source === 'default'
                ? `${a.origin}: libxl default, not in the file`
                : a.origin;
        const row = h(
          'li',
          { class: `arg${isFlag ? ' flag' : i === 0 ? ' binary' : ' operand'} origin-${a.origin}${a.source === 'default' ? ' default' : ''}`, attrs: { 'data-index': String(i), ...(a.source ? { 'data-source': a.source } : {}) } },
          h('span', { class: 'arg-index', text: String(i) }),
          h('span', { class: `arg-value mono${a.value.length > 200 ? ' long' : ''}`, text: a.value, title: a.guess ? `Guessed: ${a.guess}` : undefined }),
          h('span', { class: 'origin', text: origin }),
        );
        list.append(link(row, [r.ranges.argv[i], ...(r.ranges.argvAll[i] ?? [])], `Argument ${i}`));
      });
      section.append(list);
    }
    section.append(h('div', { class: 'shell-label', text: 'As one shell command' }), h('pre', { class: 'code shell', text: q.shell }));
    if (q.notes.length) {
      const notes = h('ul', { class: 'notes' });
      for (const n of q.notes) notes.append(h('li', {}, icon('info'), h('span', { text: n })));
      section.append(notes);
    }
    return section;
  }

  // --- libxl

  /** The libxl domain configuration xl builds (what `xlcfg show` prints), as an indented list; each value links to its text. */
  function renderLibxl(r: PreviewResponse): HTMLElement {
    const x = r.preview.libxl;
    const section = h('section', { class: 'section libxl', attrs: { id: 'libxl', 'aria-label': 'libxl domain configuration' } });
    if (!x) {
      section.append(sectionHeader('libxl domain configuration', undefined), placeholder('The 2014 channel proposal has no xl of its own: choose a Xen release.'));
      return section;
    }
    section.append(sectionHeader('libxl domain configuration', x.rc === 0 ? `${x.rows.length + x.omittedRows} rows` : `xl stops (exit ${x.rc})`, copyButton('libxl', 'libxl configuration', () => libxlText(x))));
    if (x.rc !== 0 && x.stop) {
      const stop = h('div', { class: 'banner error', attrs: { role: 'status' } }, icon('error'), h('span', { text: `xl stops here: ${x.stop.message} What follows is what it had built until then.` }));
      section.append(link(stop, [r.ranges.libxlStop], 'Where xl stops'));
    }
    if (x.unavailable) section.append(h('p', { class: 'muted', text: x.unavailable }));
    if (x.stderr.length) section.append(h('div', { class: 'shell-label', text: 'xl prints' }), h('pre', { class: 'code stderr', text: x.stderr.join('\n') }));
    const list = h('ul', { class: 'libxl-rows mono', attrs: { 'aria-label': 'libxl fields' } });
    x.rows.forEach((row, i) => {
      const li = h(
        'li',
        { class: `libxl-row${row.value === undefined ? ' container' : ''}`, attrs: { 'data-depth': String(row.depth) } },
        h('span', { class: 'libxl-key', text: row.label }),
        row.value !== undefined ? h('span', { class: 'value', text: `: ${row.value}` }) : h('span', { class: 'muted', text: row.size ? '' : ': {}' }),
      );
      // (The CSP allows no style attribute: the indentation is set through the CSSOM.)
      li.style.paddingLeft = `${0.6 + row.depth * 1.2}em`;
      list.append(link(li, [r.ranges.libxlRows?.[i]], row.path || row.label));
    });
    section.append(list);
    if (x.omittedRows) section.append(h('p', { class: 'muted', text: `${x.omittedRows} more rows are left out here; xlcfg show prints them all.` }));
    return section;
  }

  /** The rows as text (for the copy button). */
  function libxlText(x: NonNullable<Preview['libxl']>): string {
    return x.rows.map((row) => `${'  '.repeat(row.depth)}${row.label}${row.value !== undefined ? `: ${row.value}` : row.size ? '' : ': {}'}`).join('\n');
  }

  // --- libvirt, udev

  function renderLibvirt(r: PreviewResponse): HTMLElement {
    const section = h('section', { class: 'section libvirt' });
    section.append(
      sectionHeader('libvirt <channel> devices', undefined, copyButton('libvirt', 'libvirt XML', () => r.preview.libvirtXml)),
      h('p', { class: 'hint', text: 'The same channels in a libvirt domain definition (virsh edit), for hosts managed through libvirt.' }),
      h('pre', { class: 'code xml', attrs: { id: 'libvirt-xml' }, text: r.preview.libvirtXml }),
    );
    return section;
  }

  function renderUdev(r: PreviewResponse): HTMLElement {
    const section = h('section', { class: 'section udev' });
    section.append(
      sectionHeader('udev rule', undefined, copyButton('udev-rule', 'udev rule', () => r.preview.udev.rule)),
      h('p', { class: 'hint', text: 'In the guest, as /etc/udev/rules.d/90-xen-channel.rules: links /dev/xen-channel/NAME to the channel’s /dev/hvcN.' }),
      h('pre', { class: 'code', attrs: { id: 'udev-rule' }, text: r.preview.udev.rule }),
      sectionHeader('Helper script', undefined, copyButton('udev-helper', 'udev helper script', () => r.preview.udev.helper)),
      h('p', { class: 'hint', text: 'In the guest, as /usr/local/sbin/xen-channel-link (called by the rule).' }),
      h('pre', { class: 'code', attrs: { id: 'udev-helper' }, text: r.preview.udev.helper }),
    );
    return section;
  }

  return { renderLibxl, renderProblems, renderXenstore, renderDevices, renderQemu, renderLibvirt, renderUdev };
}
