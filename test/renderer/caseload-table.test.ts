import { describe, expect, it } from 'vitest';
import type { CaseloadEntry } from '../../shared/ipc';
import {
  matchesFilter,
  matchesSearch,
  NO_FILTER,
  normaliseForSearch,
  statusChoices,
} from '../../renderer/src/features/caseload/table/caseload-filter';
import {
  ariaSort,
  compareEntries,
  DEFAULT_SORT,
  nextSort,
} from '../../renderer/src/features/caseload/table/caseload-sort';
import { caseloadSizeWords } from '../../renderer/src/features/caseload/table/caseload-size';

/** Issue 13 item 5: the caseload table's rules, apart from the table (synthetic names). */
function entry(over: Partial<CaseloadEntry> & Pick<CaseloadEntry, 'name'>): CaseloadEntry {
  return {
    patientId: over.name,
    caseReference: 'CR-0001',
    step: 2,
    problemDescriptor: 'depression',
    episodeStatus: 'assessed, in treatment',
    therapistId: 't1',
    therapistName: null,
    nextAppointmentAt: null,
    lastContactAt: null,
    openDeadlines: 0,
    overdueDeadlines: 0,
    nextDueAt: null,
    awaitingReply: 0,
    latestPhq9: null,
    latestGad7: null,
    phq9Trend: [],
    gad7Trend: [],
    sessions: null,
    risk: null,
    ...over,
  };
}

const zoe = entry({ name: 'Zoë Ashworth', caseReference: 'TC-2026-0042' });
const sam = entry({
  name: 'Sam Carter',
  caseReference: 'TC-2026-0107',
  step: 3,
  overdueDeadlines: 2,
  openDeadlines: 3,
  latestPhq9: 14,
  nextAppointmentAt: '2026-12-03T10:00:00.000Z',
});
const alex = entry({
  name: 'Alex Moreno',
  caseReference: 'TC-2026-0007',
  risk: { measuredAt: '2026-11-30T10:00:00.000Z', item9: 1 },
  latestPhq9: 19,
  episodeStatus: 'awaiting assessment',
  nextAppointmentAt: '2026-12-02T10:00:00.000Z',
});
const jo = entry({
  name: 'Jo Bell',
  caseReference: 'TC-2026-0300',
  risk: { measuredAt: '2026-11-30T10:00:00.000Z', item9: 3 },
  latestPhq9: 6,
  step: null,
  episodeStatus: null,
});
const all = [zoe, sam, alex, jo];
const names = (xs: CaseloadEntry[]) => xs.map((x) => x.name);

describe('search by name or case reference', () => {
  it.each([
    ['zoe', true],
    ['ASHWORTH', true],
    ['  zoë ash ', true],
    ['ash zo', true],
    ['0042', true],
    ['tc-2026-0042', true],
    ['zoe 0107', false],
    ['carter', false],
    ['', true],
  ])('"%s" finds Zoë Ashworth (TC-2026-0042): %s', (query, found) => {
    expect(matchesSearch(zoe, query)).toBe(found);
  });

  it('folds case and accents only', () => {
    expect(normaliseForSearch(' Zoë O’Brien ')).toBe('zoe o’brien');
  });
});

describe('filters', () => {
  it.each([
    [{ step: '3' }, ['Sam Carter']],
    [{ step: '2' }, ['Zoë Ashworth', 'Alex Moreno']],
    [{ step: 'none' }, ['Jo Bell']],
    [{ risk: 'flagged' }, ['Alex Moreno', 'Jo Bell']],
    [{ risk: 'not_flagged' }, ['Zoë Ashworth', 'Sam Carter']],
    [{ overdueOnly: true }, ['Sam Carter']],
    [{ status: 'awaiting assessment' }, ['Alex Moreno']],
    [{ status: 'no open episode' }, ['Jo Bell']],
    [{ risk: 'flagged', search: 'bell' }, ['Jo Bell']],
  ] as const)('%j keeps %j', (patch, kept) => {
    expect(names(all.filter((e) => matchesFilter(e, { ...NO_FILTER, ...patch })))).toEqual(kept);
  });

  it('offers the statuses present, once each', () => {
    expect(statusChoices(all)).toEqual([
      'assessed, in treatment',
      'awaiting assessment',
      'no open episode',
    ]);
  });
});

describe('order', () => {
  it('risk first by default: the higher item 9 first, then the most overdue, then by name', () => {
    expect(names([...all].sort(compareEntries(DEFAULT_SORT)))).toEqual([
      'Jo Bell',
      'Alex Moreno',
      'Sam Carter',
      'Zoë Ashworth',
    ]);
  });

  it('by a column either way, rows without a value last in both directions', () => {
    const byPhq9 = nextSort(DEFAULT_SORT, 'phq9');
    expect(byPhq9).toEqual({ key: 'phq9', descending: false });
    expect(names([...all].sort(compareEntries(byPhq9)))).toEqual([
      'Jo Bell',
      'Sam Carter',
      'Alex Moreno',
      'Zoë Ashworth',
    ]);
    const down = nextSort(byPhq9, 'phq9');
    expect(names([...all].sort(compareEntries(down)))).toEqual([
      'Alex Moreno',
      'Sam Carter',
      'Jo Bell',
      'Zoë Ashworth',
    ]);
  });

  it('dates sort as instants; names in en-GB order', () => {
    const byNext = { key: 'nextAppointment', descending: false } as const;
    expect(names([...all].sort(compareEntries(byNext))).slice(0, 2)).toEqual([
      'Alex Moreno',
      'Sam Carter',
    ]);
    expect(names([...all].sort(compareEntries({ key: 'name', descending: false })))).toEqual([
      'Alex Moreno',
      'Jo Bell',
      'Sam Carter',
      'Zoë Ashworth',
    ]);
  });

  it('says the order to assistive technology on the sorted header only', () => {
    expect(ariaSort(DEFAULT_SORT, 'risk')).toBe('descending');
    expect(ariaSort(DEFAULT_SORT, 'name')).toBe('none');
    expect(ariaSort({ key: 'name', descending: false }, 'name')).toBe('ascending');
  });
});

describe('caseload size in the header', () => {
  it.each([
    [
      { patients: 14, cap: null, minimum: 15, allocationLimit: null },
      '14 active patients · no service cap · minimum 15',
    ],
    [
      { patients: 8, cap: 10, minimum: 5, allocationLimit: 10 },
      '8 active patients · cap 10 · minimum 5',
    ],
    [
      { patients: 1, cap: 15, minimum: null, allocationLimit: 12 },
      '1 active patient · cap 15 · allocation stops at 12 (the desired caseload)',
    ],
  ])('%j reads "%s"', (size, words) => {
    expect(caseloadSizeWords(size)).toBe(words);
  });
});
