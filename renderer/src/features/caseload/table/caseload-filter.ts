import type { CaseloadEntry } from '../../../../../shared/ipc';

/**
 * What the caseload table is narrowed to: instant search by name or case reference, and the
 * filters the therapist sets (step, status, risk, overdue). Pure, so it is tested on its own
 * and the table (TanStack Table's global filter) only calls it.
 */
export interface CaseloadFilter {
  search: string;
  step: 'any' | '2' | '3' | 'none';
  /** An episode status in words (as the rows carry it), or any. */
  status: string;
  risk: 'any' | 'flagged' | 'not_flagged';
  overdueOnly: boolean;
}

export const NO_FILTER: CaseloadFilter = {
  search: '',
  step: 'any',
  status: 'any',
  risk: 'any',
  overdueOnly: false,
};

/** Case and accents do not matter ("zoe" finds Zoë), nor spaces around the query. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('en-GB')
    .trim();
}

/** Every word typed is found in the name or the case reference (in any order). */
export function matchesSearch(
  entry: Pick<CaseloadEntry, 'name' | 'caseReference'>,
  query: string,
): boolean {
  const words = normaliseForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normaliseForSearch(`${entry.name} ${entry.caseReference}`);
  return words.every((w) => haystack.includes(w));
}

export function matchesFilter(entry: CaseloadEntry, filter: CaseloadFilter): boolean {
  if (filter.step !== 'any') {
    if (filter.step === 'none' ? entry.step !== null : String(entry.step) !== filter.step)
      return false;
  }
  if (filter.status !== 'any' && (entry.episodeStatus ?? 'no open episode') !== filter.status)
    return false;
  if (filter.risk === 'flagged' && entry.risk === null) return false;
  if (filter.risk === 'not_flagged' && entry.risk !== null) return false;
  if (filter.overdueOnly && entry.overdueDeadlines === 0) return false;
  return matchesSearch(entry, filter.search);
}

/** The statuses present, for the status filter's choices. */
export function statusChoices(entries: readonly CaseloadEntry[]): string[] {
  return [...new Set(entries.map((e) => e.episodeStatus ?? 'no open episode'))].sort();
}

export function filterIsActive(filter: CaseloadFilter): boolean {
  return (
    filter.search.trim() !== '' ||
    filter.step !== 'any' ||
    filter.status !== 'any' ||
    filter.risk !== 'any' ||
    filter.overdueOnly
  );
}
