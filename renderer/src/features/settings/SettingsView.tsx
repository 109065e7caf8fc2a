import { useEffect, useState } from 'react';
import type { DeviceData, SessionStatus } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';
import { ErrorText, Loading } from '../../ui/Feedback';
import { type ThemeChoice, useTheme } from '../../ui/theme';
import { ViewHeading } from '../../ui/ViewHeading';
import { NotificationSetting } from '../notices/NotificationSetting';
import { EraseDeviceButton } from '../session/EraseDeviceButton';
import { useSession } from '../session/session-store';
import { unsentText } from '../session/unsent';
import { LastFullSync } from '../sync/DataFreshness';

/** The inactivity lock delays offered (the core accepts 1–60 minutes). */
const LOCK_CHOICES = [2, 5, 10, 15, 30, 60] as const;

const KIND_WORDS: Record<DeviceData['kinds'][number]['kind'], string> = {
  patients: 'Patients',
  appointments: 'Appointments',
  messages: 'Messages',
  notes: 'Clinical notes',
  measures: 'Measures (PHQ-9, GAD-7 and others)',
  tickets: 'Tickets',
  transcripts: 'Session transcripts',
  utterances: 'Lines of transcript',
  emergencyContacts: 'Local emergency contacts',
};

const PROTECTION_WORDS: Record<NonNullable<SessionStatus['keyProtection']>, string> = {
  'os-protected':
    "The database key is sealed by this computer's secure key store (the OS keychain), and your passcode opens it.",
  unprotected:
    'This computer has no secure key store: your passcode alone seals the database key. Choose a long passcode.',
  'test-seam':
    'Test key storage (no OS keychain here): the database key is sealed with your passcode only. Never use this build with real patients.',
};

const megabytes = (bytes: number): string =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

function LockSetting({ status }: { status: SessionStatus }) {
  const setLockAfter = useSession((s) => s.setLockAfter);
  const actionError = useSession((s) => s.actionError);
  const minutes = status.lockAfterMinutes;
  const choices = LOCK_CHOICES.includes(minutes as (typeof LOCK_CHOICES)[number])
    ? LOCK_CHOICES
    : [...LOCK_CHOICES, minutes].sort((a, b) => a - b);
  return (
    <section className="panel" aria-labelledby="settings-lock">
      <h3 id="settings-lock" className="small-heading">
        Locking
      </h3>
      <div className="inline-form">
        <label htmlFor="lock-after">Lock this computer&rsquo;s patient data after</label>
        <select
          id="lock-after"
          value={minutes}
          onChange={(e) => void setLockAfter(Number(e.target.value))}
        >
          {choices.map((m) => (
            <option key={m} value={m}>
              {m} minutes without activity
            </option>
          ))}
        </select>
      </div>
      <p className="muted small">
        Unlocking asks for your passcode. Drafts and unsent changes are kept while locked.
      </p>
      <ErrorText error={actionError} />
    </section>
  );
}

const THEMES: readonly { choice: ThemeChoice; words: string }[] = [
  { choice: 'system', words: 'The same as this computer' },
  { choice: 'light', words: 'Light' },
  { choice: 'dark', words: 'Dark' },
];

function Appearance() {
  const choice = useTheme((s) => s.choice);
  const choose = useTheme((s) => s.choose);
  return (
    <fieldset className="panel">
      <legend className="small-heading">Appearance</legend>
      {THEMES.map((t) => (
        <label key={t.choice} className="choice">
          <input
            type="radio"
            name="theme"
            value={t.choice}
            checked={choice === t.choice}
            onChange={() => choose(t.choice)}
          />{' '}
          {t.words}
        </label>
      ))}
    </fieldset>
  );
}

function DataHeld({ unsentChanges }: { unsentChanges: number }) {
  const [data, setData] = useState<DeviceData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    unwrap(clinician().app.deviceData({})).then(setData, (e: unknown) => setError(errorText(e)));
  }, []);
  return (
    <section className="panel" aria-labelledby="settings-data">
      <h3 id="settings-data" className="small-heading">
        Data held on this computer
      </h3>
      <ErrorText error={error} />
      {data ? (
        <>
          <p>
            An encrypted copy of {megabytes(data.databaseBytes)}
            {unsentChanges > 0
              ? `, and ${unsentText(unsentChanges)}`
              : ', with nothing waiting to be sent'}
            .
          </p>
          <LastFullSync />
          <table className="table">
            <caption className="muted small">Records of each kind in the copy</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Held
                </th>
              </tr>
            </thead>
            <tbody>
              {data.kinds.map((k) => (
                <tr key={k.kind}>
                  <th scope="row">{KIND_WORDS[k.kind]}</th>
                  <td className="num">{k.count.toLocaleString('en-GB')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : error ? null : (
        <Loading what="what this computer holds" />
      )}
    </section>
  );
}

/**
 * This computer's settings: the inactivity lock, light or dark, notifications, what the encrypted copy holds
 * and how its key is protected, and — last, behind a question — erasing it.
 */
export function SettingsView() {
  const status = useSession((s) => s.status);
  if (!status) return null;
  return (
    <section aria-labelledby="view-heading" className="view">
      <ViewHeading>Settings for this computer</ViewHeading>
      <LockSetting status={status} />
      <Appearance />
      <NotificationSetting />
      <DataHeld unsentChanges={status.unsentChanges ?? 0} />
      <section className="panel" aria-labelledby="settings-key">
        <h3 id="settings-key" className="small-heading">
          Key protection
        </h3>
        <p>{status.keyProtection ? PROTECTION_WORDS[status.keyProtection] : 'Not known yet.'}</p>
      </section>
      <section className="panel" aria-labelledby="settings-erase">
        <h3 id="settings-erase" className="small-heading">
          Sign out and erase
        </h3>
        <p>
          Signing out erases this computer&rsquo;s copy. Anything not yet sent is named before it
          goes.
        </p>
        <EraseDeviceButton
          label="Sign out and erase this computer’s data…"
          unsentChanges={status.unsentChanges ?? 0}
          ownerName={status.user?.displayName ?? null}
        />
      </section>
    </section>
  );
}
