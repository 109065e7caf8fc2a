import { placeOfDeadline } from '../../../../../shared/clinical';
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

/** The words of the button that opens the place a deadline is acted on (shared placeOfDeadline). */
function placeWords(deadline: Deadline, name: string | undefined): string {
  const who = name ?? 'the patient';
  const place = placeOfDeadline(deadline);
  switch (place.to) {
    case 'reply':
      return `Reply to ${who}`;
    case 'note':
      return place.noteKind === 'session_note'
        ? `Write ${who}'s session note`
        : `Write ${who}'s ${place.noteKind === 'assessment_letter' ? 'assessment' : 'discharge'} letter`;
    case 'ticket':
      return `Raise the ticket for ${who}`;
    case 'appointment':
    case 'record':
      return name ? `Open ${name}` : 'Open patient record';
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
  ordered = false,
  empty = 'No open deadlines.',
}: {
  deadlines: readonly Deadline[];
  names?: ReadonlyMap<string, string>;
  showPatientLink?: boolean;
  /** Already in the order to show (Today's sections): kept as given. */
  ordered?: boolean;
  empty?: string;
}) {
  const go = useNav((s) => s.go);
  // A supervisor reads another's leave: "During the therapist’s leave".
  const supervisor = useSession((s) => s.status?.user?.role === 'supervisor');
  if (deadlines.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="deadlines">
      {(ordered ? deadlines : [...deadlines].sort(byUrgency)).map((deadline) => {
        const tag = deadline.duringLeave
          ? {
              label: duringLeaveWords(deadline.duringLeave, supervisor ? 'the therapist' : null),
              tone: 'info' as const,
            }
          : stateTag[deadline.state];
        const name = names?.get(deadline.patientId);
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
            <p className="deadline__sentence" id={`sentence-${deadline.id}`}>
              {deadline.sentence}
            </p>
            {showPatientLink ? (
              <button
                type="button"
                className="link-button"
                // Two notes of one patient share the words: the sentence names the session.
                aria-describedby={`sentence-${deadline.id}`}
                onClick={() =>
                  go({
                    view: 'patient',
                    patientId: deadline.patientId,
                    place: placeOfDeadline(deadline),
                  })
                }
              >
                {placeWords(deadline, name)}
              </button>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
