import type { Database } from 'better-sqlite3-multiple-ciphers';
import { localCacheSchema } from './001-local-cache';
import { deviceSettingsSchema } from './002-device-settings';
import { outboxAttentionSchema } from './003-outbox-attention';
import { ctsrDraftsSchema } from './004-ctsr-drafts';
import { decisionNoticesSchema } from './005-decision-notices';
import { messageDraftsSchema } from './006-message-drafts';
import { batchedSearchIndexSchema } from './007-batched-search-index';

/** A numbered schema step. `up` runs inside the transaction that also sets user_version. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

/** The app's migrations, in order. Append only: never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'local cache', up: (db) => db.exec(localCacheSchema) },
  { version: 2, name: 'device settings', up: (db) => db.exec(deviceSettingsSchema) },
  { version: 3, name: 'outbox attention', up: (db) => db.exec(outboxAttentionSchema) },
  { version: 4, name: 'CTS-R drafts', up: (db) => db.exec(ctsrDraftsSchema) },
  { version: 5, name: 'decision notices', up: (db) => db.exec(decisionNoticesSchema) },
  { version: 6, name: 'message drafts', up: (db) => db.exec(messageDraftsSchema) },
  { version: 7, name: 'batched search index', up: (db) => db.exec(batchedSearchIndexSchema) },
];

/** A migration threw; its transaction was rolled back, user_version is unchanged. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    readonly version: number,
    cause: unknown,
  ) {
    super(
      `Migration ${version} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}

/**
 * Bring the schema to the newest version: each pending migration in its own transaction
 * together with its user_version, so a crash or a failure leaves the last good version.
 * Returns the versions applied. Refuses a database newer than this build (a downgrade).
 */
export function migrate(db: Database, steps: readonly Migration[] = migrations): number[] {
  const current = userVersion(db);
  const newest = steps.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new MigrationError(
      current,
      new Error(`the database is at version ${current}, newer than this build (${newest})`),
    );
  }
  const applied: number[] = [];
  for (const step of steps) {
    if (step.version <= current) continue;
    try {
      db.transaction(() => {
        step.up(db);
        db.pragma(`user_version = ${step.version}`);
      }).immediate();
    } catch (error) {
      throw new MigrationError(step.version, error);
    }
    applied.push(step.version);
  }
  return applied;
}

export function userVersion(db: Database): number {
  const version: unknown = db.pragma('user_version', { simple: true });
  return typeof version === 'number' ? version : 0;
}
