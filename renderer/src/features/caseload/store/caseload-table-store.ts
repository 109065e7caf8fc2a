import { create } from 'zustand';
import { type CaseloadFilter, NO_FILTER } from '../table/caseload-filter';
import { DEFAULT_SORT, type SortState } from '../table/caseload-sort';
import { scopedStore } from '../../../session-scope';

interface CaseloadTableSlice {
  filter: CaseloadFilter;
  sort: SortState;
  setFilter(patch: Partial<CaseloadFilter>): void;
  setSort(sort: SortState): void;
}

/** The table's search, filters and order: kept while the therapist opens a patient and comes back. */
export const useCaseloadTable = scopedStore(
  'person',
  create<CaseloadTableSlice>((set) => ({
    filter: NO_FILTER,
    sort: DEFAULT_SORT,
    setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
    setSort: (sort) => set({ sort }),
  })),
);
