import { ErrorText, Loading } from '../../../ui/Feedback';
import { ViewHeading } from '../../../ui/ViewHeading';
import { LeaveBanner } from '../../location/LeaveBanner';
import { useLiveQuery } from '../../sync/live-query';
import { caseloadKey, useCaseloadStore } from '../store/caseload-store';
import { CaseloadList } from './CaseloadList';

export function CaseloadView({ therapistId, title }: { therapistId?: string; title?: string }) {
  const args = therapistId ? { therapistId } : {};
  const query = useLiveQuery(useCaseloadStore, args, caseloadKey(args));
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>{title ?? 'Caseload'}</ViewHeading>
      {therapistId ? null : <LeaveBanner where="caseload" />}
      <ErrorText error={query.error} />
      {query.value ? (
        <>
          {query.value.warnings.length > 0 ? (
            <ul className="notice-list" aria-label="Caseload warnings">
              {query.value.warnings.map((w) => (
                <li key={w.code} className="notice notice--warn">
                  {w.message}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="muted">{query.value.entries.length} active patients, most overdue first.</p>
          <CaseloadList
            entries={query.value.entries}
            showTherapist={!therapistId && query.value.entries.some((e) => e.therapistName)}
          />
        </>
      ) : (
        <Loading what="the caseload" />
      )}
    </section>
  );
}
