import type { Deadline } from '../../../../../shared/clinical/deadline';
import { duringLeaveWords } from '../../../../../shared/clinical/leave';
import { useSession } from '../../session/session-store';
import { Tag, type Tone } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useNav } from '../../navigation/nav-store';

const stateTag: Record<Deadline['state'], { label: string; tone: Tone }> = {
  overdue: { label: 'Overdue', tone: 'danger' },
  due_soon: { label: 'Due soon', tone: 'warn' },
  upcoming: { label: 'Upcoming', tone: 'muted' },
  done: { label: 'Done', tone: 'ok' },
};

const kindLabel: Record<Deadline['kind'], string> = {
  message_reply: 'Reply to message',
  contact_gap: 'Contact',
  clinical_note: 'Clinical note',
  assessment_letter: 'Assessment letter',
  discharge_letter: 'Discharge letter',
  session_extension: 'Session extension',
  case_review: 'Case review',
  new_patient_ticket: 'New patient ticket',
  risk_ticket: 'Non-urgent risk ticket',
  episode_end_ticket: 'Ticket for how the episode ended',
  step3_review: 'Step 3 case-management review',
};

/**
 * Where a deadline is acted on, in the patient record, and the words of the button that goes
 * there: the reply box for a message, the new note form for a note or letter, the ticket form
 * for a ticket the therapist must raise; otherwise the top of the record.
 */
function placeOf(deadline: Deadline, name: string | undefined): { focus?: string; words: string } {
  const who = name ?? 'the patient';
  switch (deadline.kind) {
    case 'message_reply':
      return { focus: `reply-${deadline.patientId}`, words: `Reply to ${who}` };
    case 'clinical_note':
    case 'assessment_letter':
    case 'discharge_letter':
      return { focus: 'new-note-kind', words: `Write it in ${who}'s notes` };
    case 'new_patient_ticket':
    case 'risk_ticket':
    case 'episode_end_ticket':
    case 'session_extension':
      return { focus: 'ticket-type', words: `Raise it from ${who}'s record` };
    default:
      return { words: name ? `Open ${name}` : 'Open patient record' };
  }
}

const urgency: Record<Deadline['state'], number> = {
  overdue: 0,
  due_soon: 1,
  upcoming: 2,
  done: 3,
};

/** A deadline inside the therapist's leave ranks after the ones to act on now. */
const rankOf = (d: Deadline): number => (d.duringLeave ? 2.5 : urgency[d.state]);

/** Overdue first, then by due instant; those during the therapist's leave after due soon. */
export function byUrgency(a: Deadline, b: Deadline): number {
  return rankOf(a) - rankOf(b) || Date.parse(a.dueAt) - Date.parse(b.dueAt);
}

export function DeadlineList({
  deadlines,
  names,
  showPatientLink = true,
}: {
  deadlines: Deadline[];
  names?: ReadonlyMap<string, string>;
  showPatientLink?: boolean;
}) {
  const go = useNav((s) => s.go);
  // A supervisor reads another's leave: "During the therapist’s leave".
  const supervisor = useSession((s) => s.status?.user?.role === 'supervisor');
  if (deadlines.length === 0) return <p>No open deadlines.</p>;
  return (
    <ol className="deadlines">
      {[...deadlines].sort(byUrgency).map((deadline) => {
        const tag = deadline.duringLeave
          ? {
              label: duringLeaveWords(deadline.duringLeave, supervisor ? 'the therapist' : null),
              tone: 'info' as const,
            }
          : stateTag[deadline.state];
        const name = names?.get(deadline.patientId);
        const place = placeOf(deadline, name);
        return (
          <li
            key={deadline.id}
            className={`deadline deadline--${deadline.duringLeave ? 'leave' : deadline.state}`}
          >
            <div className="deadline__head">
              <Tag tone={tag.tone}>{tag.label}</Tag>
              <span className="deadline__kind">{kindLabel[deadline.kind]}</span>
              {deadline.reply === 'queued' ? (
                <Tag tone="info">Reply queued, not yet delivered</Tag>
              ) : deadline.reply === 'refused' ? (
                <Tag tone="danger">Reply refused</Tag>
              ) : null}
              <span className="muted">
                due <Time iso={deadline.dueAt} />
              </span>
            </div>
            <p className="deadline__sentence">{deadline.sentence}</p>
            {showPatientLink ? (
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  go({ view: 'patient', patientId: deadline.patientId, focus: place.focus })
                }
              >
                {place.words}
              </button>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
