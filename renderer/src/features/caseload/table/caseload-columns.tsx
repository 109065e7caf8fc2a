import { createColumnHelper } from '@tanstack/react-table';
import type { CaseloadEntry } from '../../../../../shared/ipc';
import { Tag } from '../../../ui/Feedback';
import { MaybeTime } from '../../../ui/Time';
import { ScoreWithTrend } from '../components/Sparkline';
import type { SortKey } from './caseload-sort';

const column = createColumnHelper<CaseloadEntry>();

/** Column ids are the sort keys (caseload-sort.ts); `therapist` shows on a supervisor's list. */
export type CaseloadColumnId = SortKey | 'therapist';

function SessionsCell({ sessions }: { sessions: CaseloadEntry['sessions'] }) {
  if (!sessions) return <span className="muted">none</span>;
  const tone =
    sessions.extension === 'needed' || sessions.extension === 'declined'
      ? 'warn'
      : sessions.extension === 'requested' || sessions.extension === 'approved'
        ? 'info'
        : null;
  return tone ? <Tag tone={tone}>{sessions.words}</Tag> : <span>{sessions.words}</span>;
}

function DeadlinesCell({ e }: { e: CaseloadEntry }) {
  const open = e.openDeadlines - e.overdueDeadlines;
  if (e.openDeadlines === 0 && e.awaitingReply === 0) return <span className="muted">none</span>;
  return (
    <span className="caseload-row__tags">
      {e.overdueDeadlines > 0 ? <Tag tone="danger">{e.overdueDeadlines} overdue</Tag> : null}
      {open > 0 ? <Tag tone="warn">{open} open</Tag> : null}
      {e.awaitingReply > 0 ? <Tag tone="info">{e.awaitingReply} awaiting reply</Tag> : null}
    </span>
  );
}

/**
 * The caseload table's columns (TanStack Table column definitions): what each shows. The
 * order of rows is caseload-sort.ts's, the rows shown caseload-filter.ts's.
 */
export function caseloadColumns(open: (patientId: string) => void) {
  return [
    column.display({
      id: 'risk',
      header: 'Risk',
      cell: ({ row: { original: e } }) =>
        e.risk ? (
          <Tag tone="danger">Item 9 = {e.risk.item9}</Tag>
        ) : (
          <span className="muted">none</span>
        ),
    }),
    column.display({
      id: 'name',
      header: 'Name and case reference',
      cell: ({ row: { original: e } }) => (
        <span className="caseload-table__who">
          <button
            type="button"
            tabIndex={-1}
            className="caseload-row__open"
            onClick={() => open(e.patientId)}
          >
            <span className="caseload-row__name">{e.name}</span>
          </button>
          <span className="muted small">{e.caseReference}</span>
        </span>
      ),
    }),
    column.accessor('therapistName', {
      id: 'therapist',
      header: 'Therapist',
      cell: (c) => c.getValue() ?? <span className="muted">none</span>,
    }),
    column.display({
      id: 'deadlines',
      header: 'Deadlines',
      cell: ({ row: { original: e } }) => <DeadlinesCell e={e} />,
    }),
    column.accessor('step', {
      id: 'step',
      header: 'Step',
      cell: (c) => (c.getValue() === null ? <span className="muted">none</span> : c.getValue()),
    }),
    column.accessor('problemDescriptor', {
      id: 'problem',
      header: 'Problem',
      cell: (c) => c.getValue() ?? <span className="muted">none</span>,
    }),
    column.accessor('episodeStatus', {
      id: 'status',
      header: 'Status',
      cell: (c) => c.getValue() ?? <span className="muted">no open episode</span>,
    }),
    column.display({
      id: 'sessions',
      header: 'Treatment sessions',
      cell: ({ row: { original: e } }) => <SessionsCell sessions={e.sessions} />,
    }),
    column.display({
      id: 'nextAppointment',
      header: 'Next appointment',
      cell: ({ row: { original: e } }) => <MaybeTime iso={e.nextAppointmentAt} />,
    }),
    column.display({
      id: 'lastContact',
      header: 'Last contact',
      cell: ({ row: { original: e } }) => <MaybeTime iso={e.lastContactAt} format="date" />,
    }),
    column.display({
      id: 'phq9',
      header: 'PHQ-9',
      cell: ({ row: { original: e } }) => (
        <ScoreWithTrend measureName="PHQ-9" values={e.phq9Trend} max={27} />
      ),
    }),
    column.display({
      id: 'gad7',
      header: 'GAD-7',
      cell: ({ row: { original: e } }) => (
        <ScoreWithTrend measureName="GAD-7" values={e.gad7Trend} max={21} />
      ),
    }),
  ];
}
