import { useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { useSession } from './session-store';
import { unsentText } from './unsent';

/**
 * The one way to erase this device's copy: it says how many unsent changes would be lost,
 * and the core refuses unless that same number is confirmed.
 */
export function EraseDeviceButton({
  unsentChanges,
  label,
  ownerName,
}: {
  unsentChanges: number;
  label: string;
  ownerName: string | null;
}) {
  const signOut = useSession((s) => s.signOut);
  const [asking, setAsking] = useState(false);
  const eraseLabel =
    unsentChanges > 0
      ? `Erase this device's data (${unsentText(unsentChanges)})`
      : "Erase this device's data";
  return (
    <>
      <button type="button" className="button" onClick={() => setAsking(true)}>
        {label}
      </button>
      {asking ? (
        <Dialog title="Erase this device's data?" onClose={() => setAsking(false)}>
          <p>
            This removes the encrypted copy of {ownerName ? `${ownerName}'s` : 'the'} caseload,
            transcripts and drafts from this computer. Signing in again needs the internet.
          </p>
          {unsentChanges > 0 ? (
            <p className="error">
              {unsentChanges === 1
                ? '1 change has not reached the server yet and would be lost for good.'
                : `${unsentChanges} changes have not reached the server yet and would be lost for good.`}{' '}
              If you can, sign in again instead, or connect and let{' '}
              {unsentChanges === 1 ? 'it' : 'them'} send first.
            </p>
          ) : null}
          <div className="actions">
            <button type="button" className="button" onClick={() => setAsking(false)}>
              Keep the data
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setAsking(false);
                signOut(unsentChanges);
              }}
            >
              {eraseLabel}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
