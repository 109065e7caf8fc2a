import { describe, expect, it } from 'vitest';
import {
  commandMatch,
  neighbourPatient,
  paletteCommands,
  viewShortcut,
} from '../../renderer/src/features/palette/commands';
import {
  ariaShortcut,
  isMac,
  SHORTCUTS,
  shortcutText,
  type ShortcutId,
} from '../../renderer/src/features/palette/shortcuts';
import { NAV_ITEMS } from '../../renderer/src/features/navigation/nav-items';

/** Issue 13 item 2: the command palette's commands and the shortcut table (synthetic names). */
const patients = [
  { patientId: 'p1', name: 'Ada Example', caseReference: 'TC-0001' },
  { patientId: 'p2', name: 'Ben Sample', caseReference: 'TC-0002' },
];

describe('paletteCommands', () => {
  it('offers every view, the actions and each patient by name and case reference', () => {
    const commands = paletteCommands({ supervisor: false, route: { view: 'today' }, patients });
    const views = commands.filter((c) => c.group === 'Go to').map((c) => c.label);
    expect(views).toContain('Caseload');
    expect(views).not.toContain('My therapists');
    expect(commands.filter((c) => c.group === 'Actions').map((c) => c.label)).toEqual([
      'Search in this view',
      'Sync now',
      'Lock now',
      'Crisis numbers',
    ]);
    const ben = commands.find((c) => c.id === 'patient:p2');
    expect(ben).toMatchObject({ label: 'Ben Sample', keywords: ['TC-0002'] });
    expect(ben?.action).toEqual({ kind: 'go', route: { view: 'patient', patientId: 'p2' } });
    // Nothing patient-specific when no patient is open.
    expect(commands.some((c) => c.group === 'This patient')).toBe(false);
  });

  it('never offers signing out or wiping: those ask on their own screen', () => {
    for (const supervisor of [false, true]) {
      const labels = paletteCommands({ supervisor, route: { view: 'today' }, patients }).map((c) =>
        c.label.toLowerCase(),
      );
      expect(labels.filter((l) => /wipe|erase|sign out/.test(l))).toEqual([]);
    }
  });

  it('on a patient, reply and new note land on the exact control, named for the patient', () => {
    const commands = paletteCommands({
      supervisor: false,
      route: { view: 'patient', patientId: 'p1' },
      patients,
    });
    const here = commands.filter((c) => c.group === 'This patient');
    expect(here.map((c) => [c.label, c.action])).toEqual([
      [
        'Reply to Ada Example',
        { kind: 'go', route: { view: 'patient', patientId: 'p1', focus: 'reply-p1' } },
      ],
      [
        'Start a note for Ada Example',
        { kind: 'go', route: { view: 'patient', patientId: 'p1', focus: 'new-note-kind' } },
      ],
    ]);
    // First with nothing typed: the likeliest next move.
    expect(commands[0]?.group).toBe('This patient');
  });

  it('a supervisor gets their own views and no reply or new note (they read, not write)', () => {
    const commands = paletteCommands({
      supervisor: true,
      route: { view: 'patient', patientId: 'p1' },
      patients,
    });
    expect(commands.some((c) => c.group === 'This patient')).toBe(false);
    const views = commands.filter((c) => c.group === 'Go to').map((c) => c.label);
    expect(views).toEqual(expect.arrayContaining(['Supervision this week', 'My therapists']));
  });

  it('ids are unique (cmdk needs that) and every view command carries its shortcut', () => {
    const commands = paletteCommands({
      supervisor: true,
      route: { view: 'patient', patientId: 'p1' },
      patients,
    });
    expect(new Set(commands.map((c) => c.id)).size).toBe(commands.length);
    for (const item of NAV_ITEMS) {
      const command = commands.find((c) => c.id === `view:${item.route.view}`);
      expect(command?.shortcut).toBe(viewShortcut(item.route.view));
    }
  });
});

describe('neighbourPatient', () => {
  const order = ['a', 'b', 'c'];
  it.each([
    ['b', 1, 'c'],
    ['b', -1, 'a'],
    ['c', 1, null],
    ['a', -1, null],
    [null, 1, 'a'],
    [null, -1, 'c'],
    ['gone', 1, 'a'],
  ] as const)('from %s, step %i → %s', (from, step, to) => {
    expect(neighbourPatient(order, from, step)).toBe(to);
  });
  it('an empty caseload goes nowhere', () => {
    expect(neighbourPatient([], null, 1)).toBeNull();
  });
});

describe('the shortcut table', () => {
  it('no two shortcuts share keys', () => {
    const keys = Object.values(SHORTCUTS).map((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('no single key is global: a global one would eat what a clinician types', () => {
    for (const s of Object.values(SHORTCUTS)) {
      if (s.global) expect(s.keys).toMatch(/\$mod\+/);
    }
  });
  it.each([
    ['palette', false, 'Ctrl K', 'Control+K'],
    ['palette', true, '⌘ K', 'Meta+K'],
    ['syncNow', false, 'Ctrl Shift S', 'Control+Shift+S'],
    ['goCaseload', false, 'G then C', 'G C'],
    ['search', false, '/', '/'],
  ] as [ShortcutId, boolean, string, string][])('%s (mac %s) reads %s', (id, mac, text, aria) => {
    expect(shortcutText(id, mac)).toBe(text);
    expect(ariaShortcut(id, mac)).toBe(aria);
  });
  it('knows a Mac', () => {
    expect(isMac('macOS')).toBe(true);
    expect(isMac('MacIntel')).toBe(true);
    expect(isMac('Win32')).toBe(false);
    expect(isMac('Linux x86_64')).toBe(false);
  });
});

describe('commandMatch', () => {
  const harriet = ['Harriet Mitchell', 'TC-0042'];
  it.each([
    [harriet, '', 1],
    [harriet, 'harriet', 1],
    [harriet, 'Harriet Mitchell', 1],
    [harriet, 'mitchell harriet', 0.7],
    [harriet, 'tc-0042', 0.7],
    [harriet, 'itche', 0.4],
    [['Zoë Brontë', 'TC-7'], 'zoe bronte', 1],
    [['Hours', 'hours'], 'harriet', 0],
    [['Supervision this week', 'today'], 'Harriet Mitchell', 0],
    [['Sync now', 'send'], 's.n', 0],
  ] as [string[], string, number][])('%j for %j → %d', (words, typed, score) => {
    expect(commandMatch(words, typed)).toBe(score);
  });
});
