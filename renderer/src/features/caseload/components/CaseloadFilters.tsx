import type { KeyboardEvent } from 'react';
import type { CaseloadEntry } from '../../../../../shared/ipc';
import { useCaseloadTable } from '../store/caseload-table-store';
import {
  type CaseloadFilter,
  NO_FILTER,
  filterIsActive,
  statusChoices,
} from '../table/caseload-filter';

/** Instant search by name or case reference, and the filters: step, status, risk, overdue. */
export function CaseloadFilters({
  entries,
  onLeaveSearch,
}: {
  entries: readonly CaseloadEntry[];
  /** Arrow down in the search box: on to the first row. */
  onLeaveSearch: () => void;
}) {
  const filter = useCaseloadTable((s) => s.filter);
  const setFilter = useCaseloadTable((s) => s.setFilter);
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      onLeaveSearch();
    }
  };
  return (
    <div className="caseload-filters" role="search" aria-label="Search and filter the caseload">
      <label className="caseload-filters__search">
        Search by name or case reference
        <input
          type="search"
          value={filter.search}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setFilter({ search: e.target.value })}
          onKeyDown={onSearchKey}
        />
      </label>
      <label>
        Step
        <select
          value={filter.step}
          onChange={(e) => setFilter({ step: e.target.value as CaseloadFilter['step'] })}
        >
          <option value="any">Any step</option>
          <option value="2">Step 2</option>
          <option value="3">Step 3</option>
          <option value="none">No open episode</option>
        </select>
      </label>
      <label>
        Status
        <select value={filter.status} onChange={(e) => setFilter({ status: e.target.value })}>
          <option value="any">Any status</option>
          {statusChoices(entries).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Risk
        <select
          value={filter.risk}
          onChange={(e) => setFilter({ risk: e.target.value as CaseloadFilter['risk'] })}
        >
          <option value="any">Any</option>
          <option value="flagged">Risk flagged</option>
          <option value="not_flagged">No risk flag</option>
        </select>
      </label>
      <label className="caseload-filters__check">
        <input
          type="checkbox"
          checked={filter.overdueOnly}
          onChange={(e) => setFilter({ overdueOnly: e.target.checked })}
        />
        Has overdue deadlines
      </label>
      {filterIsActive(filter) ? (
        <button type="button" className="link-button" onClick={() => setFilter(NO_FILTER)}>
          Clear search and filters
        </button>
      ) : null}
    </div>
  );
}
