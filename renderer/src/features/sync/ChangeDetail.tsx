import { Fragment, useEffect, useId, useRef, useState } from 'react';
import type { ChangeInFull } from '../../../../shared/ipc';
import { Tag } from '../../ui/Feedback';
import { Time } from '../../ui/Time';
import { useChanges } from './changes-store';
import { copyToClipboard } from './clipboard';

/**
 * One refused or held-back change in full: why, when, everything it said, and the text the
 * person wrote — to copy, to edit and send again as a new change, to try again, or to
 * discard after saying so twice. Keyboard first: every action is a button, the confirmation
 * takes focus and Escape closes the dialog around it.
 */
export function ChangeDetail({ change }: { change: ChangeInFull }) {
  const { resend, discard, retry, close } = useChanges();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(change.text?.value ?? '');
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const ids = { heading: useId(), text: useId(), confirm: useId(), warning: useId() };
  const keep = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  const refused = change.state === 'refused';
  const copy = async (): Promise<void> => setCopied(await copyToClipboard(change.asPlainText));
  return (
    <article aria-labelledby={ids.heading} className="stack">
      <h3 id={ids.heading} ref={heading} tabIndex={-1}>
        {change.summary}{' '}
        <Tag tone={refused ? 'danger' : 'warn'}>{refused ? 'Refused' : 'Held back'}</Tag>
      </h3>
      <p>
        <strong>{refused ? 'Why the server refused it:' : 'Why it was held back:'}</strong>{' '}
        {change.reason}
      </p>
      <dl className="facts">
        <dt>Made</dt>
        <dd>
          <Time iso={change.createdAt} />
        </dd>
        {change.fields.map((field) => (
          <Fragment key={field.label}>
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </Fragment>
        ))}
      </dl>
      {change.text ? (
        <div className="field">
          <label htmlFor={ids.text}>
            {change.text.label}
            {editing ? ' (edit it, then send it as a new change)' : ''}
          </label>
          <textarea
            id={ids.text}
            className="note-body changes__text"
            rows={8}
            value={text}
            readOnly={!editing}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
      ) : null}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy everything
        </button>
        {refused && change.text && !editing ? (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit and send again
          </button>
        ) : null}
        {refused && !change.text ? (
          <button type="button" className="button" onClick={() => void resend(change.seq, null)}>
            Send again as a new change
          </button>
        ) : null}
        {editing ? (
          <>
            <button type="button" className="button" onClick={() => void resend(change.seq, text)}>
              Send as a new change
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setEditing(false);
                setText(change.text?.value ?? '');
              }}
            >
              Stop editing
            </button>
          </>
        ) : null}
        {!refused ? (
          <button type="button" className="button" onClick={() => void retry(change.seq)}>
            Try again
          </button>
        ) : null}
        <button
          type="button"
          className="button button--danger"
          onClick={() => setConfirming(true)}
          aria-expanded={confirming}
          aria-controls={confirming ? ids.confirm : undefined}
        >
          Discard…
        </button>
        <button type="button" className="button button--quiet" onClick={close}>
          Back to the list
        </button>
      </div>
      <p role="status" className="muted">
        {copied}
      </p>
      {confirming ? (
        <section
          id={ids.confirm}
          role="alertdialog"
          aria-modal="false"
          aria-labelledby={`${ids.confirm}-heading`}
          aria-describedby={ids.warning}
          className="notice notice--danger"
        >
          <h4 id={`${ids.confirm}-heading`}>Discard this change?</h4>
          <p id={ids.warning}>
            {refused
              ? 'What it says will be deleted from this computer and it will never be sent.'
              : 'It will never be sent.'}{' '}
            This cannot be undone: copy it first if you may need it.
          </p>
          <div className="button-row">
            <button
              type="button"
              ref={keep}
              className="button"
              onClick={() => setConfirming(false)}
            >
              Keep it
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => void discard(change)}
            >
              Discard for good
            </button>
          </div>
        </section>
      ) : null}
    </article>
  );
}
