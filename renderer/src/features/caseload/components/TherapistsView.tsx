import { ErrorText, Loading } from '../../../ui/Feedback';
import { ViewHeading } from '../../../ui/ViewHeading';
import { useNav } from '../../navigation/nav-store';
import { useLiveQuery } from '../../sync/live-query';
import { useTherapistsStore } from '../store/caseload-store';
import { CaseloadView } from './CaseloadView';

/** Supervisors: the therapists assigned to them, and each one's caseload. */
export function TherapistsView({ therapistId }: { therapistId: string | undefined }) {
  const go = useNav((s) => s.go);
  const query = useLiveQuery(useTherapistsStore, undefined, 'supervisees');
  const chosen = query.value?.therapists.find((t) => t.id === therapistId);
  if (chosen)
    return <CaseloadView therapistId={chosen.id} title={`${chosen.displayName}’s caseload`} />;
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>My therapists</ViewHeading>
      <ErrorText error={query.error} />
      {!query.value ? <Loading what="your therapists" /> : null}
      <ul className="plain-list">
        {query.value?.therapists.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              className="link-button"
              onClick={() => go({ view: 'therapists', therapistId: t.id })}
            >
              {t.displayName}
            </button>{' '}
            <span className="muted">
              {t.role === 'pwp' ? 'PWP (step 2)' : 'Therapist (step 3)'} · {t.activePatients} active
              patients
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
