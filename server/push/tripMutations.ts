import { touchFeed } from '../sync/feed';
import { isCountryApproved } from '../http/authenticate';
import { requireFreshId } from './access';
import { type MutationContext, type MutationHandlers, Rejection, applied } from './outcome';

/** A therapist's own declaration (trip or leave) changed: its feed row, and the result. */
const declarationChanged = async (ctx: MutationContext, declarationId: string) =>
  applied(
    await touchFeed(ctx.tx, {
      entity: 'workAbroadDeclaration',
      id: declarationId,
      orgId: ctx.caller.orgId,
      patientId: null,
      therapistId: ctx.caller.userId,
    }),
  );

const todayUkOf = (now: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);

/**
 * Working abroad needs a country approved for the caller, named when it is not: checked once
 * per declaration and again on every change of dates. Each patient's local emergency contact
 * and telling each patient are the trip's checklist (its readiness), done after planning.
 */
async function requireApprovedCountry(ctx: MutationContext, country: string): Promise<void> {
  if (
    !(await isCountryApproved(ctx.tx, { id: ctx.caller.userId, orgId: ctx.caller.orgId }, country))
  )
    throw new Rejection(`${country} is not an approved country for working abroad.`);
}

/** One's own declaration, locked for the change, that has not started and is not cancelled. */
async function ownUnstartedDeclaration(ctx: MutationContext, declarationId: string, verb: string) {
  const [trip] = await ctx.tx.query<{
    from: string;
    cancelled: boolean;
    purpose: string;
    country: string | null;
  }>(
    `SELECT to_char(date_from, 'YYYY-MM-DD') AS "from", cancelled_at IS NOT NULL AS cancelled,
            purpose, country
       FROM work_abroad_declarations WHERE id = $1 AND therapist_id = $2 FOR UPDATE`,
    [declarationId, ctx.caller.userId],
  );
  // Never says whether someone else's declaration exists.
  if (!trip) throw new Rejection('There is no such planned trip of yours.');
  if (trip.cancelled) throw new Rejection('This trip has already been cancelled.');
  if (trip.from <= todayUkOf(ctx.now))
    throw new Rejection(
      `This trip started on ${trip.from}: it can no longer be ${verb}. Tell your supervisor if your plans changed.`,
    );
  return trip;
}

const insertDeclaration = async (
  ctx: MutationContext,
  row: {
    id: string;
    purpose: 'working' | 'annual_leave' | 'sick_leave';
    country: string | null;
    from: string;
    to: string;
    patientsInformed: boolean;
    emergencyContactsConfirmed: boolean;
  },
) => {
  await requireFreshId(ctx.tx, 'work_abroad_declarations', row.id);
  await ctx.tx.query(
    `INSERT INTO work_abroad_declarations (id, therapist_id, purpose, country, date_from, date_to, patients_informed, emergency_contacts_confirmed, declared_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      row.id,
      ctx.caller.userId,
      row.purpose,
      row.country,
      row.from,
      row.to,
      row.patientsInformed,
      row.emergencyContactsConfirmed,
      ctx.now.toISOString(),
    ],
  );
  return declarationChanged(ctx, row.id);
};

export const tripMutations: Pick<
  MutationHandlers,
  | 'workAbroad.declare'
  | 'workAbroad.cancel'
  | 'workAbroad.reschedule'
  | 'leave.declare'
  | 'workAbroad.told'
> = {
  /** Working abroad needs an approved country; the checklist comes after planning. */
  'workAbroad.declare': async (ctx, p) => {
    if (p.to < p.from) throw new Rejection('The end date is before the start date.');
    await requireApprovedCountry(ctx, p.country);
    return insertDeclaration(ctx, {
      id: p.declarationId,
      purpose: 'working',
      country: p.country,
      from: p.from,
      to: p.to,
      patientsInformed: p.patientsInformed ?? false,
      emergencyContactsConfirmed: p.emergencyContactsConfirmed ?? false,
    });
  },

  /** Leave pauses the caseload: any country or none, no approved list, dates in order. */
  'leave.declare': async (ctx, p) => {
    if (p.to < p.from) throw new Rejection('The end date is before the start date.');
    return insertDeclaration(ctx, {
      id: p.declarationId,
      purpose: p.purpose,
      country: p.country,
      from: p.from,
      to: p.to,
      patientsInformed: false,
      emergencyContactsConfirmed: false,
    });
  },

  /**
   * Which message told which patient of one's own working trip (its checklist), for active
   * patients of the caller's; a later message replaces the link. Told counts while the
   * message exists (a refused send left none), so the supervisor's "ready" is the device's.
   */
  'workAbroad.told': async (ctx, p) => {
    const [trip] = await ctx.tx.query<{ purpose: string }>(
      'SELECT purpose FROM work_abroad_declarations WHERE id = $1 AND therapist_id = $2 FOR UPDATE',
      [p.declarationId, ctx.caller.userId],
    );
    if (!trip || trip.purpose !== 'working')
      throw new Rejection('There is no such working trip of yours.');
    const mine = await ctx.tx.query<{ id: string }>(
      `SELECT id FROM patients WHERE id = ANY($1::uuid[]) AND therapist_id = $2 AND status = 'active'`,
      [p.told.map((t) => t.patientId), ctx.caller.userId],
    );
    // A patient no longer an active patient of the caller's is on no checklist of theirs: the
    // link is left out (never refused, which would read as the trip itself refused).
    const active = new Set(mine.map((r) => r.id));
    for (const t of p.told.filter((told) => active.has(told.patientId)))
      await ctx.tx.query(
        `INSERT INTO work_abroad_told (declaration_id, patient_id, message_id, recorded_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (declaration_id, patient_id) DO UPDATE SET message_id = EXCLUDED.message_id, recorded_at = EXCLUDED.recorded_at`,
        [p.declarationId, t.patientId, t.messageId, ctx.now.toISOString()],
      );
    return declarationChanged(ctx, p.declarationId);
  },

  /** Before its first day (UK date), a therapist may cancel their own plan; it is kept, marked. */
  'workAbroad.cancel': async (ctx, p) => {
    await ownUnstartedDeclaration(ctx, p.declarationId, 'cancelled');
    await ctx.tx.query('UPDATE work_abroad_declarations SET cancelled_at = $2 WHERE id = $1', [
      p.declarationId,
      ctx.now.toISOString(),
    ]);
    return declarationChanged(ctx, p.declarationId);
  },

  /**
   * New dates before the first day: the new first day not past, in order; a working trip is
   * checked again as when declared (the country still approved, named when not).
   */
  'workAbroad.reschedule': async (ctx, p) => {
    const trip = await ownUnstartedDeclaration(ctx, p.declarationId, 'moved');
    if (p.to < p.from) throw new Rejection('The end date is before the start date.');
    if (p.from < todayUkOf(ctx.now))
      throw new Rejection(`The new first day, ${p.from}, has already passed.`);
    if (trip.purpose === 'working') await requireApprovedCountry(ctx, trip.country ?? '');
    await ctx.tx.query(
      'UPDATE work_abroad_declarations SET date_from = $2, date_to = $3 WHERE id = $1',
      [p.declarationId, p.from, p.to],
    );
    return declarationChanged(ctx, p.declarationId);
  },
};
