import fc from 'fast-check';
import { clinicianContract, createDispatcher } from '../../../shared/ipc';
import { resolveHandler } from '../../../electron/core/app/resolve-handler';
import { entityTables } from '../../../electron/core/store/entity-tables';
import type { EntityName } from '../../../shared/api';
import { startDevice } from '../../support/device';
import { newPlan, startChaosProxy, UpstreamPool } from '../support/chaos-proxy';
import { seededRandom } from '../support/random';
import { type ServerPool, startServerPool } from '../support/server-pool';
import { applyEdits, editArb, type Json } from './json-mutations';
import { type FuzzReport, recordFinding } from './report';

/** Channels that end the session or spend its passcode attempts: not fuzzed. */
const SKIPPED = new Set(['session.signOut', 'session.lock', 'session.signIn', 'session.unlock']);
const CLEAR_CODES = new Set(['INVALID_REQUEST', 'UNKNOWN_CHANNEL', 'REFUSED', 'NOT_FOUND']);

/**
 * Part 3c: malformed IPC payloads through the real validating dispatcher into a signed-in
 * core (offline, so nothing leaves the device): every one gets a clear error, none reaches a
 * handler's internals (no INTERNAL), the core keeps answering, and the cache is unchanged.
 */
export async function fuzzIpcPayloads(
  seed: number,
  runs: number,
  /** A seeded demo server to sign in to (default: one of its own). */
  shared?: ServerPool,
  /** Stop generating cases after this instant (epoch ms). */
  deadline?: number,
): Promise<FuzzReport> {
  const started = performance.now();
  const upstreams = new UpstreamPool();
  const pool = shared ?? (await startServerPool('pglite', upstreams));
  upstreams.set(pool.urls());
  const proxy = await startChaosProxy(upstreams, newPlan(seededRandom(seed), 0));
  const device = await startDevice({ serverUrl: proxy.url });
  const report: FuzzReport = {
    name: 'ipc-payloads',
    seed,
    cases: 0,
    planned: runs,
    accepted: 0,
    findings: [],
    seconds: 0,
  };
  try {
    await device.signIn(pool.account('Priya Nair'));
    await device.synced();
    proxy.offline = true;
    // No sync rounds in the background (a retry after backoff drains the audit queue into
    // the outbox): whatever changes the cache from here on is the payload's doing.
    device.core.syncEngine()?.stop();
    const internal: unknown[] = [];
    const dispatcher = createDispatcher(
      clinicianContract,
      (channel) => resolveHandler(device.core.handlers, channel),
      (channel, error) => internal.push({ channel, error: String(error).slice(0, 200) }),
    );
    const ids = await idsOnDevice(device.call.bind(device));
    const templates = templatesFor(ids);
    const channels = [...dispatcher.channels].filter((c) => !SKIPPED.has(c));
    const store = device.store();
    if (!store) throw new Error('no store');
    const fingerprint = () =>
      JSON.stringify([
        Object.keys(entityTables).map((e) => store.records.count(e as EntityName)),
        store.outbox.highestSeq(),
        store.outbox.listUnsettled().length,
        store.cursors.get('core'),
        store.cursors.get('transcripts'),
        store.noteDrafts.countNotesInConflict(),
      ]);
    let baseline = fingerprint();
    const cases = fc.sample(
      fc.record({
        channel: fc.oneof(
          { weight: 9, arbitrary: fc.constantFrom(...channels) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              'session.__proto__',
              'constructor',
              'notes',
              '',
              'sync.now.now',
            ),
          },
        ),
        edits: fc.array(editArb, { minLength: 1, maxLength: 3 }),
        whole: fc.option(fc.constantFrom<Json>(null, 0, 'x', [], true, 'x'.repeat(2_000_000)), {
          freq: 8,
        }),
      }),
      { seed, numRuns: runs },
    );
    for (const [index, c] of cases.entries()) {
      if (deadline !== undefined && Date.now() > deadline) break;
      report.cases += 1;
      const template = Object.hasOwn(templates, c.channel) ? templates[c.channel] : undefined;
      const payload = c.whole ?? applyEdits(template ?? {}, c.edits);
      const finding = (what: string, detail: unknown) =>
        recordFinding(report, what, {
          index,
          channel: c.channel,
          edits: c.whole === null ? c.edits : undefined,
          whole: c.whole === null ? undefined : String(c.whole).slice(0, 20),
          detail,
        });
      internal.length = 0;
      let result: Awaited<ReturnType<typeof dispatcher.dispatch>>;
      try {
        result = await dispatcher.dispatch(c.channel, payload);
      } catch (error) {
        finding('dispatcher threw', String(error).slice(0, 300));
        continue;
      }
      if (result.ok) {
        report.accepted += 1;
        baseline = fingerprint();
        continue;
      }
      // An offline device cannot reach the server: that is not the payload's doing.
      const offline = internal.some((e) =>
        String((e as { error: string }).error).startsWith('ApiCallError'),
      );
      if (!offline && (!CLEAR_CODES.has(result.error.code) || internal.length > 0))
        finding(`answered ${result.error.code}`, {
          message: result.error.message,
          internal: internal.slice(0, 1),
        });
      if (result.error.message.trim().length < 5)
        finding('unclear error message', result.error.message);
      if (fingerprint() !== baseline) finding('cache changed by a refused payload', result.error);
      if (index % 500 === 0) {
        const alive = await dispatcher.dispatch('session.status', {});
        if (!alive.ok) finding('core stopped answering', alive.error);
      }
    }
    if (store.integrityCheck() !== 'ok') recordFinding(report, 'integrity', store.integrityCheck());
  } finally {
    await device.close();
    await proxy.close();
    if (!shared) await pool.close();
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

interface Ids {
  patientId: string;
  appointmentId: string;
  noteId: string;
  ticketId: string;
  transcriptId: string;
  utteranceId: string;
}

async function idsOnDevice(
  call: <T>(channel: string, request?: unknown) => Promise<T>,
): Promise<Ids> {
  const { entries } = await call<{ entries: { patientId: string }[] }>('caseload.list', {});
  const patientId = entries[0]?.patientId ?? '';
  const detail = await call<{
    appointments: { id: string }[];
    notes: { noteId: string }[];
    tickets: { id: string }[];
  }>('patients.get', { patientId });
  const { transcripts } = await call<{ transcripts: { id: string }[] }>('transcripts.list', {});
  const transcriptId = transcripts[0]?.id ?? '';
  const page = await call<{ utterances: { id: string }[] }>('transcripts.page', { transcriptId });
  return {
    patientId,
    appointmentId: detail.appointments[0]?.id ?? '',
    noteId: detail.notes[0]?.noteId ?? '',
    ticketId: detail.tickets[0]?.id ?? '',
    transcriptId,
    utteranceId: page.utterances[0]?.id ?? '',
  };
}

/** A valid request per channel, to be mutated (channels not listed start from {}). */
function templatesFor(ids: Ids): Record<string, Json> {
  const { patientId, appointmentId, noteId, ticketId, transcriptId, utteranceId } = ids;
  return {
    'caseload.list': {},
    'patients.get': { patientId },
    'patients.setEmergencyContact': {
      patientId,
      contactId: null,
      name: 'Amélie Durand',
      relationship: 'sister',
      phone: '+33 6 12 34 56 78',
      localEmergencyNumber: '112',
    },
    'appointments.upcoming': { from: '2026-01-01T00:00:00.000Z', to: '2026-12-31T00:00:00.000Z' },
    'appointments.recordOutcome': { appointmentId, outcome: 'dna', cancelledAt: null },
    'messages.thread': { patientId, before: null, limit: 50 },
    'messages.reply': { patientId, body: 'Thank you, see you on Thursday.' },
    'notes.open': { noteId },
    'notes.create': { patientId, appointmentId: null, kind: 'session_note' },
    'notes.autosave': { noteId, body: 'Reviewed the thought record.' },
    'notes.submit': { noteId },
    'notes.resolveConflict': { noteId, body: 'Merged.' },
    'tickets.list': { state: 'open' },
    'tickets.raise': { patientId, type: 'non_urgent_risk', body: 'PHQ-9 item 9 scored 1.' },
    'tickets.decide': { ticketId, decision: 'approve', comment: '' },
    'tickets.unseenDecisions': {},
    'app.notificationSettings': {},
    'app.setNotificationSettings': { desktop: true },
    'app.deviceData': {},
    'tickets.markDecisionsSeen': { ticketIds: [ticketId] },
    'transcripts.list': { patientId, limit: 20 },
    'transcripts.page': { transcriptId, afterSeq: -1, limit: 20 },
    'transcripts.search': { text: 'sleep', limit: 20 },
    'transcripts.comment': { transcriptId, utteranceId, body: 'Good use of guided discovery.' },
    'transcripts.rate': { transcriptId, items: Array<Json>(12).fill(3), comment: '' },
    'deadlines.list': { patientId, includeDone: false },
    'hours.statement': { year: 2026, month: 11 },
    'hours.exported': { year: 2026, month: 11 },
    'sync.dismissRejected': { seq: 1 },
    'session.setLockAfter': { minutes: 5 },
  };
}
