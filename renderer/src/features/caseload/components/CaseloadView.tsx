import { useMemo, useState } from 'react';
import { ErrorText, Loading } from '../../../ui/Feedback';
import { ViewHeading, useViewHeadingId } from '../../../ui/ViewHeading';
import { LeaveBanner } from '../../location/LeaveBanner';
import { useLiveQuery } from '../../sync/live-query';
import { caseloadKey, useCaseloadStore } from '../store/caseload-store';
import { useCaseloadTable } from '../store/caseload-table-store';
import { matchesFilter } from '../table/caseload-filter';
import { caseloadSizeWords } from '../table/caseload-size';
import { CaseloadFilters } from './CaseloadFilters';
import { CaseloadTable } from './CaseloadTable';

/** A caseload as a table: a therapist's own, or (for a supervisor) a supervisee's. */
export function CaseloadView({ therapistId, title }: { therapistId?: string; title?: string }) {
  const args = therapistId ? { therapistId } : {};
  const query = useLiveQuery(useCaseloadStore, args, caseloadKey(args));
  const filter = useCaseloadTable((s) => s.filter);
  const [focusRequest, setFocusRequest] = useState(0);
  const headingId = useViewHeadingId();
  const entries = query.value?.entries;
  const shown = useMemo(
    () => (entries ? entries.filter((e) => matchesFilter(e, filter)).length : 0),
    [entries, filter],
  );
  return (
    <section className="view" aria-labelledby={headingId}>
      <ViewHeading>{title ?? 'Caseload'}</ViewHeading>
      {therapistId ? null : <LeaveBanner where="caseload" />}
      <ErrorText error={query.error} />
      {query.value && entries ? (
        <>
          <p className="caseload-size">
            {query.value.size
              ? caseloadSizeWords(query.value.size)
              : `${entries.length} active patients`}
          </p>
          {query.value.warnings.length > 0 ? (
            <ul className="notice-list" aria-label="Caseload warnings">
              {query.value.warnings.map((w) => (
                <li key={w.code} className="notice notice--warn">
                  {w.message}
                </li>
              ))}
            </ul>
          ) : null}
          <CaseloadFilters entries={entries} onLeaveSearch={() => setFocusRequest((n) => n + 1)} />
          <p className="muted" role="status">
            {shown === entries.length
              ? `Showing all ${entries.length}.`
              : `Showing ${shown} of ${entries.length}.`}{' '}
            Arrow keys move between rows, Enter opens the patient.
          </p>
          {shown === 0 ? (
            <p>{entries.length === 0 ? 'No active patients.' : 'No patient matches.'}</p>
          ) : (
            <CaseloadTable
              entries={entries}
              showTherapist={new Set(entries.map((e) => e.therapistId)).size > 1}
              focusRequest={focusRequest}
            />
          )}
        </>
      ) : (
        <Loading what="the caseload" />
      )}
    </section>
  );
}
