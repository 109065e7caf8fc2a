import type { TestDevice } from '../../support/device';
import type { Random } from '../support/random';

/**
 * What clinicians do on their devices between syncs, through the real IPC contract: replies,
 * notes (created, autosaved on several devices, submitted), appointment outcomes, tickets,
 * and for the supervisor ticket decisions, utterance comments and CTS-R ratings. Every text
 * carries a unique marker so the server's copy can be counted (exactly once) at the end.
 */
export type Role = 'therapist' | 'supervisor';

export interface Edit {
  readonly device: string;
  readonly kind: string;
  readonly marker: string;
}

export interface ActorContext {
  readonly random: Random;
  /** Notes of a therapist, shared by that therapist's devices (so edits can conflict). */
  readonly notesOf: Map<string, { noteId: string; patientId: string }[]>;
  readonly marker: () => string;
  readonly edits: Edit[];
  /** An IPC call refused locally (patient left the device, locked…): counted, not a failure. */
  readonly refused: { count: number; reasons: Map<string, number> };
}

interface Entry {
  patientId: string;
}
interface Appointment {
  id: string;
  startsAt: string;
  outcome: string | null;
}

const PAST_OUTCOMES = ['attended', 'dna'] as const;

async function attempt(ctx: ActorContext, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    // A request the contract refuses is the harness's own mistake, not the app's refusal:
    // it would silently turn a kind of edit off (as outcomes were, before they carried
    // who cancelled).
    if (text.includes('INVALID_REQUEST')) throw error;
    const reason = text.replace(/[0-9a-f-]{36}/g, '<id>').slice(0, 80);
    ctx.refused.count += 1;
    ctx.refused.reasons.set(reason, (ctx.refused.reasons.get(reason) ?? 0) + 1);
    return false;
  }
}

async function therapistEdit(ctx: ActorContext, name: string, device: TestDevice): Promise<void> {
  const { random } = ctx;
  const entries = (await device.call<{ entries: Entry[] }>('caseload.list', {})).entries;
  if (entries.length === 0) return;
  const patientId = random.pick(entries).patientId;
  const marker = ctx.marker();
  const record = (kind: string) => ctx.edits.push({ device: name, kind, marker });
  const action = random.int(0, 9);
  const notes = ctx.notesOf.get(device.userId()) ?? [];
  ctx.notesOf.set(device.userId(), notes);
  if (action <= 2) {
    if (
      await attempt(ctx, () =>
        device.call('messages.reply', { patientId, body: `Reply ${marker}` }),
      )
    )
      record('reply');
  } else if (action <= 5) {
    const shared = notes.length > 0 && random.chance(0.7) ? random.pick(notes) : null;
    const note =
      shared ??
      (await device
        .call<{ noteId: string; patientId: string }>('notes.create', {
          patientId,
          appointmentId: null,
          kind: 'session_note',
        })
        .catch(() => null));
    if (!note) return;
    if (!shared) notes.push({ noteId: note.noteId, patientId: note.patientId });
    const body = `Note ${marker}: ${'patient reviewed the thought record; '.repeat(random.int(1, 4))}`;
    if (await attempt(ctx, () => device.call('notes.autosave', { noteId: note.noteId, body })))
      record('note');
    if (random.chance(0.1))
      await attempt(ctx, () => device.call('notes.submit', { noteId: note.noteId }));
  } else if (action <= 7) {
    const detail = await device
      .call<{ appointments: Appointment[] }>('patients.get', { patientId })
      .catch(() => null);
    const past = (detail?.appointments ?? []).filter((a) => a.startsAt < new Date().toISOString());
    if (past.length === 0) return;
    const appointment = random.pick(past);
    const outcome = random.pick(PAST_OUTCOMES);
    if (
      await attempt(ctx, () =>
        device.call('appointments.recordOutcome', {
          appointmentId: appointment.id,
          outcome,
          cancelledAt: null,
          cancelledBy: null,
        }),
      )
    )
      record('outcome');
  } else {
    if (
      await attempt(ctx, () =>
        device.call('tickets.raise', {
          patientId,
          type: 'non_urgent_risk',
          body: `Ticket ${marker}`,
        }),
      )
    )
      record('ticket');
  }
}

async function supervisorEdit(ctx: ActorContext, name: string, device: TestDevice): Promise<void> {
  const { random } = ctx;
  const marker = ctx.marker();
  const record = (kind: string) => ctx.edits.push({ device: name, kind, marker });
  const action = random.int(0, 2);
  if (action === 0) {
    const tickets = (
      await device.call<{ tickets: { id: string }[] }>('tickets.list', { state: 'open' })
    ).tickets;
    if (tickets.length === 0) return;
    const ticket = random.pick(tickets);
    const decision = random.pick(['approve', 'decline', 'advice'] as const);
    if (
      await attempt(ctx, () =>
        device.call('tickets.decide', {
          ticketId: ticket.id,
          decision,
          comment: `Decision ${marker}`,
        }),
      )
    )
      record('decision');
    return;
  }
  const transcripts = (
    await device.call<{ transcripts: { id: string }[] }>('transcripts.list', { limit: 50 })
  ).transcripts;
  if (transcripts.length === 0) return;
  const transcriptId = random.pick(transcripts).id;
  if (action === 1) {
    const page = await device
      .call<{ utterances: { id: string }[] }>('transcripts.page', { transcriptId, limit: 20 })
      .catch(() => null);
    if (!page || page.utterances.length === 0) return;
    const utteranceId = random.pick(page.utterances).id;
    if (
      await attempt(ctx, () =>
        device.call('transcripts.comment', {
          transcriptId,
          utteranceId,
          body: `Comment ${marker}`,
        }),
      )
    )
      record('comment');
    return;
  }
  const items = Array.from({ length: 12 }, () => random.int(0, 6));
  if (
    await attempt(ctx, () =>
      device.call('transcripts.rate', { transcriptId, items, comment: `CTS-R ${marker}` }),
    )
  )
    record('ctsr');
}

export const makeEdit = (
  ctx: ActorContext,
  role: Role,
  name: string,
  device: TestDevice,
): Promise<void> =>
  role === 'therapist' ? therapistEdit(ctx, name, device) : supervisorEdit(ctx, name, device);
