import type { ReactNode } from 'react';

/** A failure the user must see: announced at once. */
export function ErrorText({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" aria-busy="true">
      Loading {what}…
    </p>
  );
}

export type Tone = 'danger' | 'warn' | 'ok' | 'info' | 'muted';

/** A state in words with a colour: the colour is never the only signal. */
export function Tag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`tag tag--${tone}`}>{children}</span>;
}

/**
 * Local writes: pending until the server has them; a refusal shows its reason (the change
 * itself stays under Refused changes until discarded there).
 */
export function SyncStateTag({
  syncState,
  rejectedReason,
}: {
  syncState: 'synced' | 'pending' | 'rejected';
  rejectedReason?: string | null;
}) {
  if (syncState === 'synced') return null;
  if (syncState === 'pending') return <Tag tone="info">Pending sync</Tag>;
  return (
    <Tag tone="danger">
      Refused by the server{rejectedReason ? `: ${rejectedReason}` : ''} (see Refused changes)
    </Tag>
  );
}
