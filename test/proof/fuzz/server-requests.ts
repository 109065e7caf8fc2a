import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { call } from '../../server/support/client';
import { mutationsAgainst, recordsOf } from '../../server/support/fixtures';
import { UpstreamPool } from '../support/chaos-proxy';
import { type BackendKind, type ServerPool, startServerPool } from '../support/server-pool';
import { type RawSession, rawRefresh, rawSignIn } from './capture';
import {
  applyEdits,
  editArb,
  flatEditArb,
  encode,
  EXTREME_DATES,
  EXTREME_NUMBERS,
  type Json,
  textEditArb,
} from './json-mutations';
import { type FuzzReport, recordFinding } from './report';

const ROUTES = ['/sync/push', '/auth/sign-in', '/auth/refresh', '/sync/pull'] as const;
const QUERY_VALUES = [
  '0',
  '-1',
  '9223372036854775807',
  '99999999999999999999',
  'core',
  'x',
  '',
  '1e3',
  ...EXTREME_DATES,
  ...EXTREME_NUMBERS.map(String),
];

/**
 * Part 3b: generated push batches and request bodies against the real reference server. A
 * batch is [a mutated mutation, a valid reply]: the server may refuse the first (per
 * mutation, or the batch as a 400) but never answers 5xx, and the valid reply always
 * applies — in the batch, or sent alone after a refused batch (no stuck queue).
 */
export async function fuzzServerRequests(
  seed: number,
  runs: number,
  backend: BackendKind = 'pglite',
  /** Generate deeply nested bodies (off: leave out the known class of issue 9, item 5). */
  nesting = true,
  /** A seeded demo server to fuzz (default: one of its own on `backend`). */
  shared?: ServerPool,
  /** Stop generating cases after this instant (epoch ms). */
  deadline?: number,
): Promise<FuzzReport> {
  const started = performance.now();
  const pool = shared ?? (await startServerPool(backend, new UpstreamPool()));
  const url = pool.urls()[0] ?? '';
  const account = pool.account('Priya Nair');
  let session: RawSession = await rawSignIn(url, account);
  const records = await recordsOf(pool.db, session.userId);
  const bases = mutationsAgainst(records) as unknown as Json[];
  const report: FuzzReport = {
    name: 'server-requests',
    seed,
    cases: 0,
    planned: runs,
    accepted: 0,
    findings: [],
    seconds: 0,
  };
  const send = async (method: 'GET' | 'POST', path: string, raw?: Buffer) => {
    for (let attempt = 0; ; attempt += 1) {
      const r = await call(url, method, path, undefined, {
        token: session.token,
        ...(raw ? { raw } : {}),
      });
      if (r.status !== 401 || attempt > 0 || path.startsWith('/auth/')) return r;
      await rawRefresh(url, session);
    }
  };
  const reply = (marker: string) => ({
    seq: session.seq + 1,
    id: randomUUID(),
    kind: 'message.send',
    payload: {
      messageId: randomUUID(),
      patientId: records.patientId,
      body: `Fuzz reply ${marker}`,
    },
  });
  const applied = (body: unknown, id: string) =>
    ((body as { results?: { id: string; status: string }[] } | null)?.results ?? []).some(
      (r) => r.id === id && r.status === 'applied',
    );
  const cases = fc.sample(
    fc.record({
      route: fc.constantFrom<(typeof ROUTES)[number]>(
        '/sync/push',
        '/sync/push',
        '/sync/push',
        '/sync/push',
        ...ROUTES,
      ),
      base: fc.nat(bases.length - 1),
      edits: fc.array(nesting ? editArb : flatEditArb, { minLength: 1, maxLength: 3 }),
      text: textEditArb,
      query: fc.record({
        lane: fc.constantFrom(...QUERY_VALUES),
        after: fc.constantFrom(...QUERY_VALUES),
        limit: fc.constantFrom(...QUERY_VALUES),
      }),
    }),
    { seed, numRuns: runs },
  );
  try {
    for (const [index, c] of cases.entries()) {
      if (deadline !== undefined && Date.now() > deadline) break;
      report.cases += 1;
      // Deep nesting is its own known class (issue 9, item 5): keep it apart from the rest.
      const deep = c.edits.some((e) => e.op === 'nest' && e.depth >= 5_000)
        ? ' (deeply nested body)'
        : '';
      const finding = (what: string, detail: unknown) =>
        recordFinding(report, `${what}${deep}`, {
          index,
          route: c.route,
          base: c.base,
          edits: c.edits,
          text: c.text,
          detail,
        });
      if (c.route === '/sync/pull') {
        const r = await send(
          'GET',
          `/sync/pull?lane=${encodeURIComponent(c.query.lane)}&after=${encodeURIComponent(c.query.after)}&limit=${encodeURIComponent(c.query.limit)}`,
        );
        if (r.status >= 500) finding(`pull answered ${r.status}`, { query: c.query, body: r.body });
        else if (r.status === 200) report.accepted += 1;
        continue;
      }
      if (c.route !== '/sync/push') {
        const valid: Json =
          c.route === '/auth/refresh'
            ? { refreshToken: 'x'.repeat(40) }
            : {
                email: account.email,
                password: 'wrong',
                totp: '000000',
                device: {
                  name: 'x',
                  platform: 'linux',
                  publicKey: { kty: 'OKP', crv: 'Ed25519', x: 'x' },
                },
              };
        const r = await send('POST', c.route, encode(applyEdits(valid, c.edits), c.text));
        if (r.status >= 500) finding(`${c.route} answered ${r.status}`, r.body);
        continue;
      }
      const base = bases[c.base] as { kind: string; payload: Json };
      const mutated = applyEdits(
        { seq: session.seq + 1, id: randomUUID(), kind: base.kind, payload: base.payload },
        c.edits,
      );
      session.seq += 1;
      const marker = `s${seed}-c${index}`;
      const tail = reply(marker);
      const batch = encode({ deviceId: session.deviceId, mutations: [mutated, tail] }, c.text);
      const r = await send('POST', '/sync/push', batch);
      const last = (r.body as { lastAppliedSeq?: number } | null)?.lastAppliedSeq;
      if (typeof last === 'number') session.seq = Math.max(session.seq, last);
      if (r.status >= 500) finding(`push answered ${r.status}`, r.body);
      if (r.status === 200) {
        report.accepted += 1;
        if (!applied(r.body, tail.id))
          finding('valid mutation behind a bad one not applied', r.body);
        continue;
      }
      // The batch was refused whole: the valid change alone must go through (no stuck queue).
      const alone = reply(marker);
      const retry = await send(
        'POST',
        '/sync/push',
        Buffer.from(JSON.stringify({ deviceId: session.deviceId, mutations: [alone] })),
      );
      session.seq = Math.max(
        session.seq + 1,
        (retry.body as { lastAppliedSeq?: number } | null)?.lastAppliedSeq ?? 0,
      );
      if (retry.status !== 200 || !applied(retry.body, alone.id))
        finding('queue stuck after a refused batch', { status: retry.status, body: retry.body });
      if (session.seq > 2 ** 40) session = await rawSignIn(url, account); // a seq no device can follow
    }
  } finally {
    if (!shared) await pool.close();
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}
