import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitySchemas } from '../../shared/api';
import { loadRecords } from '../../server/sync/loaders';
import { useBackends } from './support/backends';
import { recordsOf, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

/**
 * Issue 10 item 6 on the server: a reply keeps when it was written beside when it arrived,
 * so one written offline meets its deadline at the time it was written.
 */
describe.each(useBackends())('message.send on $name', (backend) => {
  let t: TestServer;
  let priya: Session;
  let patientId: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    priya = await signIn(t, t.account('Priya Nair'));
    patientId = (await recordsOf(t.db, await userIdOf(t.db, t.account('Priya Nair').email)))
      .patientId;
  });
  afterAll(async () => t?.close());

  const send = async (writtenAt: string | undefined) => {
    const messageId = randomUUID();
    await priya.push([
      {
        kind: 'message.send',
        payload: {
          messageId,
          patientId,
          body: 'Written offline.',
          ...(writtenAt ? { writtenAt } : {}),
        },
      },
    ]);
    return entitySchemas.message.parse(
      (await loadRecords(t.db, 'message', [messageId])).get(messageId),
    );
  };

  it('keeps the time written beside the time received, never later than received', async () => {
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const offline = await send(twoHoursAgo);
    expect(Date.parse(offline.writtenAt ?? '')).toBe(Date.parse(twoHoursAgo));
    expect(Date.parse(offline.sentAt)).toBeGreaterThan(Date.parse(twoHoursAgo));
    const future = await send(new Date(Date.now() + 3_600_000).toISOString());
    expect(future.writtenAt).toBe(future.sentAt);
    const unsaid = await send(undefined);
    expect(unsaid.writtenAt).toBe(unsaid.sentAt);
  });
});
