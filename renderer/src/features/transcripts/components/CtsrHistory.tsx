import { CTSR_TOTAL_MAX } from '../../../../../shared/clinical';
import { clinician, unwrap } from '../../../bridge';
import { ErrorText, Loading, Tag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useNav } from '../../navigation/nav-store';
import { createLiveQuery, useLiveQuery } from '../../sync/live-query';
import { CtsrRatingCard } from './CtsrRatingCard';

const useHistory = createLiveQuery({
  entities: ['ctsrRating', 'transcript'],
  key: (therapistId: string) => therapistId || 'mine',
  load: (therapistId: string) =>
    unwrap(clinician().transcripts.ratingHistory(therapistId ? { therapistId } : {})),
});

/**
 * CTS-R ratings over time, oldest first: each session's total against the threshold (in
 * words and as a bar), and every item with its note one click away.
 */
export function CtsrHistory({ therapistId, title }: { therapistId: string; title: string }) {
  const go = useNav((s) => s.go);
  const query = useLiveQuery(useHistory, therapistId, therapistId || 'mine');
  const history = query.value;
  return (
    <section className="panel" aria-labelledby="ctsr-history-heading">
      <h3 id="ctsr-history-heading" className="small-heading">
        {title}
      </h3>
      <ErrorText error={query.error} />
      {!history ? (
        query.error ? null : (
          <Loading what="CTS-R ratings" />
        )
      ) : history.ratings.length === 0 ? (
        <p>No session has a CTS-R rating yet.</p>
      ) : (
        <ol className="plain-list ctsr-history">
          {history.ratings.map((r) => {
            const competent = r.total >= history.competenceThreshold;
            return (
              <li key={r.id}>
                <details>
                  <summary>
                    <Time iso={r.sessionStartedAt} format="date" /> · {r.patientName} ·{' '}
                    <strong>
                      {r.total}/{CTSR_TOTAL_MAX}
                    </strong>{' '}
                    <Tag tone={competent ? 'ok' : 'warn'}>
                      {competent ? 'competent' : 'below threshold'}
                    </Tag>
                    <span className="rate__track ctsr-history__bar" aria-hidden="true">
                      <span
                        className="rate__bar"
                        style={{ width: `${Math.round((r.total / CTSR_TOTAL_MAX) * 100)}%` }}
                      />
                    </span>
                  </summary>
                  <CtsrRatingCard rating={r} threshold={history.competenceThreshold} />
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => go({ view: 'transcripts', transcriptId: r.transcriptId })}
                  >
                    Read this session
                  </button>
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
