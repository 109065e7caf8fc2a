import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseloadEntry } from '../../../../../shared/ipc';
import { useNav } from '../../navigation/nav-store';
import { useCaseloadTable } from '../store/caseload-table-store';
import { caseloadColumns, type CaseloadColumnId } from '../table/caseload-columns';
import { matchesFilter } from '../table/caseload-filter';
import { ariaSort, compareEntries, nextSort, type SortKey } from '../table/caseload-sort';
import '../caseload.css';

/** A first guess; each row is measured once rendered (tags may wrap). */
const ROW_ESTIMATE = 44;

const sortKeys: ReadonlySet<string> = new Set<SortKey>([
  'risk',
  'caseReference',
  'name',
  'step',
  'problem',
  'status',
  'sessions',
  'nextAppointment',
  'lastContact',
  'phq9',
  'gad7',
  'deadlines',
]);

/**
 * Every patient of a caseload as a table: TanStack Table for the columns and header state,
 * TanStack Virtual for the rows (250 patients without 250 rows in the DOM). The rows shown
 * and their order are caseload-filter.ts's and caseload-sort.ts's (manual mode), so the
 * rules are tested on their own. Keyboard: one tab stop for the rows; arrow up/down move
 * between rows, Home/End to the ends, Enter opens the patient.
 */
export function CaseloadTable({
  entries,
  showTherapist,
  focusRequest,
}: {
  entries: readonly CaseloadEntry[];
  showTherapist: boolean;
  /** Bumped (e.g. arrow down in the search box) to move focus to the first row. */
  focusRequest: number;
}) {
  const go = useNav((s) => s.go);
  // The patient open beside the list (or whose note is open) reads as the current row.
  const openPatientId = useNav((s) =>
    s.route.view === 'patient' || s.route.view === 'note' ? s.route.patientId : null,
  );
  const filter = useCaseloadTable((s) => s.filter);
  const sort = useCaseloadTable((s) => s.sort);
  const setSort = useCaseloadTable((s) => s.setSort);
  const rows = useMemo(
    () => entries.filter((e) => matchesFilter(e, filter)).sort(compareEntries(sort)),
    [entries, filter, sort],
  );
  const open = useMemo(() => (patientId: string) => go({ view: 'patient', patientId }), [go]);
  const columns = useMemo(() => caseloadColumns(open), [open]);
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (e) => e.patientId,
    manualSorting: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    state: {
      sorting: [{ id: sort.key, desc: sort.descending }],
      columnVisibility: { therapist: showTherapist },
    },
  });
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 10,
  });
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    focusPending.current = true;
    virtual.scrollToIndex(next, { align: 'auto' });
  };
  useEffect(() => {
    if (focusRequest === 0) return;
    moveTo(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when asked
  }, [focusRequest]);
  useEffect(() => {
    if (!focusPending.current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (row) {
      focusPending.current = false;
      row.focus();
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number, patientId: string) => {
    // Keys on the row itself: the name's button handles its own Enter (no second opening).
    if (event.target !== event.currentTarget) return;
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(patientId);
    }
  };

  const visible = table.getVisibleLeafColumns().map((c) => c.id);
  const gridClass = `caseload-table${showTherapist ? ' caseload-table--therapist' : ''}`;
  const bodyRows = table.getRowModel().rows;
  const drawn = virtual.getVirtualItems();
  // One tab stop for the rows: the active row, or the first one drawn when it is scrolled away.
  const tabStop = drawn.some((i) => i.index === activeIndex) ? activeIndex : drawn[0]?.index;
  return (
    <div
      ref={scroller}
      className="caseload-table__scroll"
      role="table"
      aria-label="Caseload"
      aria-rowcount={rows.length + 1}
      aria-colcount={visible.length}
    >
      <div role="rowgroup" className={`${gridClass} caseload-table__head`}>
        {table.getHeaderGroups().map((group) => (
          <div role="row" aria-rowindex={1} key={group.id} className="caseload-table__row">
            {group.headers.map((header) => {
              const id = header.column.id as CaseloadColumnId;
              const label = flexRender(header.column.columnDef.header, header.getContext());
              if (!sortKeys.has(id))
                return (
                  <div role="columnheader" key={header.id} className="caseload-table__th">
                    {label}
                  </div>
                );
              const key = id as SortKey;
              const state = ariaSort(sort, key);
              return (
                <div
                  role="columnheader"
                  key={header.id}
                  aria-sort={state}
                  className="caseload-table__th"
                >
                  <button
                    type="button"
                    className="caseload-table__sort"
                    onClick={() => setSort(nextSort(sort, key))}
                  >
                    {label}
                    <span aria-hidden="true" className="caseload-table__arrow">
                      {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : ''}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div
        role="rowgroup"
        className={`${gridClass} caseload-table__body`}
        style={{ height: virtual.getTotalSize() }}
      >
        {drawn.map((item) => {
          const row = bodyRows[item.index];
          if (!row) return null;
          return (
            <div
              role="row"
              key={row.id}
              ref={virtual.measureElement}
              data-index={item.index}
              aria-rowindex={item.index + 2}
              tabIndex={item.index === tabStop ? 0 : -1}
              aria-current={row.original.patientId === openPatientId ? 'true' : undefined}
              className={`caseload-table__row caseload-row${row.original.risk ? ' caseload-row--risk' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
              onKeyDown={(event) => onKeyDown(event, item.index, row.original.patientId)}
              onFocus={() => setActive(item.index)}
            >
              {row.getVisibleCells().map((cell) => (
                <div role="cell" key={cell.id} className="caseload-table__td">
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
