import type { CaseloadEntry } from '../../../../../shared/ipc';

/**
 * How the caseload is ordered. By default risk first: a PHQ-9 item 9 flag (the higher item 9
 * the higher), then the most overdue deadlines, then the name. A header click sorts by that
 * column; rows with no value (no score, no appointment) stay last in either direction.
 */
export type SortKey =
  | 'risk'
  | 'caseReference'
  | 'name'
  | 'step'
  | 'problem'
  | 'status'
  | 'sessions'
  | 'nextAppointment'
  | 'lastContact'
  | 'phq9'
  | 'gad7'
  | 'deadlines';

export interface SortState {
  key: SortKey;
  descending: boolean;
}

export const DEFAULT_SORT: SortState = { key: 'risk', descending: true };

/** The value a column sorts by; undefined = nothing to sort by (always last). */
export function sortValue(entry: CaseloadEntry, key: SortKey): string | number | undefined {
  switch (key) {
    case 'risk':
      return entry.risk?.item9 ?? 0;
    case 'caseReference':
      return entry.caseReference;
    case 'name':
      return entry.name;
    case 'step':
      return entry.step ?? undefined;
    case 'problem':
      return entry.problemDescriptor ?? undefined;
    case 'status':
      return entry.episodeStatus ?? undefined;
    case 'sessions':
      return entry.sessions ? entry.sessions.used + entry.sessions.booked : undefined;
    case 'nextAppointment':
      return entry.nextAppointmentAt ?? undefined;
    case 'lastContact':
      return entry.lastContactAt ?? undefined;
    case 'phq9':
      return entry.latestPhq9 ?? undefined;
    case 'gad7':
      return entry.latestGad7 ?? undefined;
    case 'deadlines':
      // Overdue outweighs any number of open ones.
      return entry.overdueDeadlines * 1000 + entry.openDeadlines;
  }
}

const compareValues = (a: string | number, b: string | number): number =>
  typeof a === 'number' && typeof b === 'number'
    ? a - b
    : String(a).localeCompare(String(b), 'en-GB', { numeric: true, sensitivity: 'base' });

/** Ties within a column: the risk-first order, so equal rows never shuffle. */
export function riskFirst(a: CaseloadEntry, b: CaseloadEntry): number {
  return (
    (b.risk?.item9 ?? 0) - (a.risk?.item9 ?? 0) ||
    b.overdueDeadlines - a.overdueDeadlines ||
    a.name.localeCompare(b.name, 'en-GB') ||
    a.caseReference.localeCompare(b.caseReference, 'en-GB')
  );
}

/** A comparator for a sort state: missing values last, then ties broken risk first. */
export function compareEntries(sort: SortState): (a: CaseloadEntry, b: CaseloadEntry) => number {
  return (a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === undefined || y === undefined) {
      if (x !== y) return x === undefined ? 1 : -1;
      return riskFirst(a, b);
    }
    const order = compareValues(x, y);
    return (sort.descending ? -order : order) || riskFirst(a, b);
  };
}

/** The next state after a header is chosen: a new column starts in its natural order. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, descending: !current.descending };
  // Risk, deadlines and scores read most-first; names, dates and references ascending.
  return { key, descending: key === 'risk' || key === 'deadlines' };
}

export function ariaSort(current: SortState, key: SortKey): 'ascending' | 'descending' | 'none' {
  return current.key !== key ? 'none' : current.descending ? 'descending' : 'ascending';
}
