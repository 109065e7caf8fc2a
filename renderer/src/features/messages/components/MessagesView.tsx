import { ErrorText, Loading, Tag } from '../../../ui/Feedback';
import { MaybeTime } from '../../../ui/Time';
import { ViewHeading } from '../../../ui/ViewHeading';
import { caseloadKey, useCaseloadStore } from '../../caseload/store/caseload-store';
import { useNav } from '../../navigation/nav-store';
import { useLiveQuery } from '../../sync/live-query';

/** Who is waiting for a reply (48-hour rule), then everyone else, each opening their thread. */
export function MessagesView() {
  const go = useNav((s) => s.go);
  const query = useLiveQuery(useCaseloadStore, {}, caseloadKey({}));
  const entries = [...(query.value?.entries ?? [])].sort(
    (a, b) => b.awaitingReply - a.awaitingReply || a.name.localeCompare(b.name),
  );
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>Messages</ViewHeading>
      <ErrorText error={query.error} />
      {!query.value ? <Loading what="messages" /> : null}
      <ul className="plain-list">
        {entries.map((e) => (
          <li key={e.patientId}>
            <button
              type="button"
              className="link-button"
              onClick={() => go({ view: 'patient', patientId: e.patientId })}
            >
              {e.name}
            </button>{' '}
            {e.awaitingReply > 0 ? (
              <Tag tone="warn">{e.awaitingReply} awaiting reply</Tag>
            ) : (
              <Tag tone="muted">Replied</Tag>
            )}{' '}
            <span className="muted">
              last contact <MaybeTime iso={e.lastContactAt} format="date" />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
