import { type FormEvent, useId, useState } from 'react';
import { EmergencyContactInput, type PatientDetail } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, SyncStateTag, Tag } from '../../../ui/Feedback';

type Contact = PatientDetail['emergencyContacts'][number];
type Field = 'name' | 'relationship' | 'phone' | 'localEmergencyNumber';
const FIELDS: readonly { key: Field; label: string; hint: string }[] = [
  {
    key: 'name',
    label: 'Contact’s name',
    hint: 'Someone near the patient who can help in a crisis.',
  },
  {
    key: 'relationship',
    label: 'Relationship to the patient',
    hint: 'For example partner, parent, friend.',
  },
  {
    key: 'phone',
    label: 'Contact’s phone number',
    hint: 'With the country code, e.g. +44 7700 900123.',
  },
  {
    key: 'localEmergencyNumber',
    label: 'Emergency number in the patient’s own country',
    hint: 'The number to ring for emergency services where the patient is: 999 in the UK, 112 in most of Europe.',
  },
];
const empty: Record<Field, string> = {
  name: '',
  relationship: '',
  phone: '',
  localEmergencyNumber: '',
};

/**
 * A patient's local emergency contact (needed before the therapist works abroad): shown, and
 * recorded or edited here, offline like every change. A contact the service refused stays
 * listed with its reason (and under Refused changes).
 */
export function EmergencyContactSection({
  patientId,
  contacts,
  readOnly,
}: {
  patientId: string;
  contacts: PatientDetail['emergencyContacts'];
  readOnly: boolean;
}) {
  const id = useId();
  const standing = contacts.find((c) => c.syncState !== 'rejected') ?? null;
  const [editing, setEditing] = useState<'new' | Contact | null>(null);
  const [values, setValues] = useState(empty);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const open = (contact: Contact | null): void => {
    setEditing(contact ?? 'new');
    setValues(
      contact
        ? {
            name: contact.name,
            relationship: contact.relationship,
            phone: contact.phone,
            localEmergencyNumber: contact.localEmergencyNumber,
          }
        : empty,
    );
    setProblems({});
    setError(null);
    setSaved(null);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setError(null);
    const contactId = editing && editing !== 'new' ? editing.id : null;
    const parsed = EmergencyContactInput.safeParse({ patientId, contactId, ...values });
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        found[field] ??= issue.message;
      }
      setProblems(found);
      return;
    }
    setProblems({});
    unwrap(clinician().patients.setEmergencyContact(parsed.data)).then(
      (contact) => {
        setEditing(null);
        setSaved(
          `Saved ${contact.name} as the local emergency contact on this computer; it is sent to the service when online.`,
        );
      },
      (e: unknown) => setError(errorText(e)),
    );
  };

  const problemCount = Object.keys(problems).length;
  return (
    <section className="stack" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>Local emergency contact</h4>
      {contacts.length === 0 ? (
        <p>
          <Tag tone="warn">None recorded</Tag> Needed before working abroad.
        </p>
      ) : (
        <ul className="plain-list">
          {contacts.map((c) => (
            <li key={c.id}>
              {c.name} ({c.relationship}) {c.phone} · local emergency number{' '}
              {c.localEmergencyNumber}{' '}
              <SyncStateTag syncState={c.syncState} rejectedReason={c.rejectedReason} />
            </li>
          ))}
        </ul>
      )}
      {saved ? (
        <p role="status" className="notice notice--ok">
          {saved}
        </p>
      ) : null}
      {!readOnly && editing === null ? (
        <div>
          <button type="button" onClick={() => open(standing)}>
            {standing
              ? `Edit the emergency contact (${standing.name})`
              : 'Record an emergency contact'}
          </button>
        </div>
      ) : null}
      {!readOnly && editing !== null ? (
        <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-form-heading`}>
          <h5 id={`${id}-form-heading`}>
            {editing === 'new' ? 'Record the local emergency contact' : `Edit ${editing.name}`}
          </h5>
          {problemCount > 0 ? (
            <p role="alert" className="error">
              {problemCount === 1
                ? 'One thing to put right'
                : `${problemCount} things to put right`}{' '}
              before saving: see below.
            </p>
          ) : null}
          {FIELDS.map(({ key, label, hint }) => {
            const problem = problems[key];
            const inputId = `${id}-${key}`;
            return (
              <div className="field" key={key}>
                <label htmlFor={inputId}>{label}</label>
                <input
                  id={inputId}
                  value={values[key]}
                  inputMode={key === 'localEmergencyNumber' ? 'numeric' : undefined}
                  type={key === 'phone' ? 'tel' : 'text'}
                  autoComplete="off"
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={`${inputId}-hint${problem ? ` ${inputId}-error` : ''}`}
                  onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
                />
                <span id={`${inputId}-hint`} className="hint">
                  {hint}
                </span>
                {problem ? (
                  <span id={`${inputId}-error`} className="error">
                    {problem}
                  </span>
                ) : null}
              </div>
            );
          })}
          <div className="inline-form">
            <button type="submit">Save emergency contact</button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
          <ErrorText error={error} />
        </form>
      ) : null}
    </section>
  );
}
