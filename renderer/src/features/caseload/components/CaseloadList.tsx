import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { CaseloadEntry } from '../../../../../shared/ipc';
import { Tag } from '../../../ui/Feedback';
import { MaybeTime } from '../../../ui/Time';
import { useNav } from '../../navigation/nav-store';

/** A first guess; each row is measured once rendered (names and tags wrap). */
const ROW_ESTIMATE = 104;

/** The caseload, virtualised: 250 patients scroll without 250 rows in the DOM. */
export function CaseloadList({
  entries,
  showTherapist,
}: {
  entries: readonly CaseloadEntry[];
  showTherapist: boolean;
}) {
  const go = useNav((s) => s.go);
  const parent = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: entries.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
  });
  if (entries.length === 0) return <p>No active patients.</p>;
  return (
    <div
      ref={parent}
      className="virtual-list"
      role="region"
      aria-label={`Caseload, ${entries.length} patients`}
      tabIndex={0}
    >
      <ul className="virtual-list__inner" style={{ height: rows.getTotalSize() }}>
        {rows.getVirtualItems().map((row) => {
          const e = entries[row.index] as CaseloadEntry;
          return (
            <li
              key={e.patientId}
              ref={rows.measureElement}
              data-index={row.index}
              className="caseload-row"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <button
                type="button"
                className="caseload-row__open"
                onClick={() => go({ view: 'patient', patientId: e.patientId })}
              >
                <span className="caseload-row__name">{e.name}</span>{' '}
                <span className="muted">{e.caseReference}</span>
              </button>
              <span className="caseload-row__facts">
                {e.step ? `Step ${e.step}` : 'No open episode'} · {e.problemDescriptor ?? '—'}
                {showTherapist && e.therapistName ? ` · ${e.therapistName}` : ''}
              </span>
              <span className="caseload-row__facts">
                Next appointment <MaybeTime iso={e.nextAppointmentAt} /> · Last contact{' '}
                <MaybeTime iso={e.lastContactAt} format="date" />
              </span>
              <span className="caseload-row__tags">
                {e.risk ? <Tag tone="danger">Risk: PHQ-9 item 9 = {e.risk.item9}</Tag> : null}
                {e.overdueDeadlines > 0 ? (
                  <Tag tone="danger">{e.overdueDeadlines} overdue</Tag>
                ) : null}
                {e.openDeadlines - e.overdueDeadlines > 0 ? (
                  <Tag tone="warn">{e.openDeadlines - e.overdueDeadlines} open</Tag>
                ) : null}
                {e.awaitingReply > 0 ? (
                  <Tag tone="info">{e.awaitingReply} awaiting reply</Tag>
                ) : null}
                {e.latestPhq9 !== null ? <Tag tone="muted">PHQ-9 {e.latestPhq9}</Tag> : null}
                {e.latestGad7 !== null ? <Tag tone="muted">GAD-7 {e.latestGad7}</Tag> : null}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
