import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import type { DemoAccount } from '../../../shared/api';
import { call } from '../../server/support/client';
import { deviceRegistration } from '../../server/support/harness';
import type { ServerPool } from '../support/server-pool';
import type { Json } from './json-mutations';

/** A signed-in device's raw HTTP session against the reference server. */
export interface RawSession {
  readonly deviceId: string;
  readonly userId: string;
  token: string;
  refreshToken: string;
  seq: number;
}

const grantOf = (body: unknown) =>
  body as {
    deviceId: string;
    user: { id: string };
    tokens: { accessToken: string; refreshToken: string };
  };

export async function rawSignIn(
  url: string,
  account: DemoAccount,
): Promise<RawSession & { grant: Json }> {
  const response = await call(url, 'POST', '/auth/sign-in', {
    email: account.email,
    password: account.password,
    totp: await generate({ secret: account.totpSecret }),
    device: await deviceRegistration('Fuzz laptop'),
  });
  if (response.status !== 200) throw new Error(`sign-in: ${response.status}`);
  const grant = grantOf(response.body);
  return {
    deviceId: grant.deviceId,
    userId: grant.user.id,
    token: grant.tokens.accessToken,
    refreshToken: grant.tokens.refreshToken,
    seq: 0,
    grant: response.body as Json,
  };
}

/** A fresh access token (the fuzz runs outlive one). */
export async function rawRefresh(url: string, session: RawSession): Promise<void> {
  const response = await call(url, 'POST', '/auth/refresh', { refreshToken: session.refreshToken });
  if (response.status !== 200) throw new Error(`refresh: ${response.status}`);
  const grant = grantOf(response.body);
  session.token = grant.tokens.accessToken;
  session.refreshToken = grant.tokens.refreshToken;
}

export interface CapturedAnswers {
  /** Schema-valid answers of the real server, by route name. */
  readonly samples: {
    route: 'pull' | 'checksums' | 'push' | 'signIn' | 'me';
    query?: Record<string, string | number>;
    body: Json;
  }[];
  /** Pull pages to fill a device's cache with first. */
  readonly pages: Json[];
}

/** Real answers of the reference server for a supervisor (the widest scope of the demo). */
export async function captureAnswers(pool: ServerPool): Promise<CapturedAnswers> {
  const url = pool.urls()[0] ?? '';
  const session = await rawSignIn(url, pool.account('Dr Samuel Okafor'));
  const get = async (path: string) =>
    (await call(url, 'GET', path, undefined, { token: session.token })).body as Json;
  const pages: Json[] = [];
  for (const lane of ['core', 'transcripts'] as const) {
    let after = '0';
    for (let i = 0; i < (lane === 'core' ? 4 : 2); i += 1) {
      const page = (await get(
        `/sync/pull?lane=${lane}&after=${after}&limit=${lane === 'core' ? 30 : 1}`,
      )) as { nextCursor: string };
      pages.push(page as unknown as Json);
      after = page.nextCursor;
    }
  }
  const checksums = await get('/sync/checksums?lane=core');
  const me = await get('/me');
  const [patient] = await pool.db.query<{ id: string }>(
    `SELECT p.id FROM patients p JOIN supervision_assignments a ON a.therapist_id = p.therapist_id
      WHERE a.supervisor_id = $1 LIMIT 1`,
    [session.userId],
  );
  const [ticket] = await pool.db.query<{ id: string }>(
    `SELECT id FROM tickets WHERE patient_id = $1 LIMIT 1`,
    [patient?.id],
  );
  const push = await call(
    url,
    'POST',
    '/sync/push',
    {
      deviceId: session.deviceId,
      mutations: [
        {
          seq: 1,
          id: randomUUID(),
          kind: 'ticket.decide',
          payload: { ticketId: ticket?.id, decision: 'advice', comment: 'Fuzz sample' },
        },
      ],
    },
    { token: session.token },
  );
  return {
    pages,
    samples: [
      ...pages.map((body, i) => ({
        route: 'pull' as const,
        query: { lane: i < 4 ? 'core' : 'transcripts', after: '0', limit: 30 },
        body,
      })),
      { route: 'checksums', query: { lane: 'core' }, body: checksums },
      { route: 'push', body: push.body as Json },
      { route: 'signIn', body: session.grant },
      { route: 'me', body: me },
    ],
  };
}
