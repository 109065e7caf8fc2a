import type { DemoAccount } from '../../shared/api';
import type { Database } from '../db/database';
import { BulkWriter } from './bulk';
import { type CaseloadShape, writePatient } from './caseload';
import { SeedCalendar } from './calendar';
import { planTherapistDay } from './day';
import {
  DEFAULT_SERVICE_CONFIG,
  demoAccountsOf,
  staffFor,
  writeOrganisation,
} from './organisation';
import { Prng } from './prng';
import { publishSeededRecords } from './publish';

export type SeedProfile = 'demo' | 'large';

export interface SeedOptions {
  profile: SeedProfile;
  seed: number;
  /** The instant the data is relative to (deadlines stay live). Defaults to now. */
  now?: Date;
  /** Multiplies every caseload (scaling curves: 0.25× … 2× the large profile). Default 1. */
  scale?: number;
}

export interface SeedReport {
  profile: SeedProfile;
  seed: number;
  milliseconds: number;
  counts: Record<string, number>;
  accounts: DemoAccount[];
}

/** `large` is the largest realistic device in docs/domain.md: 250 patients, 2,000 sessions, 400k utterances, 20k messages. */
const SHAPES: Record<SeedProfile, CaseloadShape> = {
  demo: {
    treatmentSessions: [0, 7],
    utterances: [80, 150],
    messages: [2, 9],
    dischargedShare: 0.12,
  },
  large: {
    treatmentSessions: [7, 7],
    utterances: [150, 250],
    messages: [70, 90],
    dischargedShare: 0,
  },
};

export const isSeeded = async (db: Database) =>
  (await db.query('SELECT 1 FROM organisations LIMIT 1')).length > 0;

/**
 * Deterministic synthetic data: the same profile, seed and `now` give the same records (ids,
 * names, scores, transcripts), laid out as a working day at `now` (server/README.md, "A demo
 * day"). One transaction.
 */
export const seedDatabase = async (db: Database, options: SeedOptions): Promise<SeedReport> => {
  const started = performance.now();
  const prng = new Prng(options.seed);
  const now = Math.floor((options.now ?? new Date()).getTime() / 60_000) * 60_000;
  const staff = staffFor(prng, options.profile);
  const counts = await db.transaction(async (tx) => {
    const out = new BulkWriter(tx);
    const orgId = await writeOrganisation(out, prng, staff, new Date(now));
    const supervisorIds = staff.filter((u) => u.role === 'supervisor').map((u) => u.id);
    // The service's own office hours: the seeded configuration's.
    const calendar = new SeedCalendar(DEFAULT_SERVICE_CONFIG.urgentRisk.officeHours);
    const ctx = { out, prng, now, orgId, supervisorIds, shape: SHAPES[options.profile], calendar };
    let caseNumber = 10_000 + prng.int(0, 50_000);
    // The service's one overdue case review sits with the first step 3 therapist (every
    // supervisor oversees them); everyone else's reviews are in time.
    const overdueReviewer = staff.find((u) => u.step === 3 && u.caseload > 0);
    for (const therapist of staff) {
      const caseload = Math.round(therapist.caseload * (options.scale ?? 1));
      const plans = planTherapistDay(prng, caseload, {
        overdueReview: therapist === overdueReviewer,
        now,
        dischargedShare: SHAPES[options.profile].dischargedShare,
        calendar,
      });
      for (const plan of plans)
        await writePatient(
          ctx,
          therapist,
          `NTT-${new Date(now).getUTCFullYear()}-${caseNumber++}`,
          plan,
        );
    }
    await out.flushAll();
    await publishSeededRecords(tx);
    return { ...out.counts } as Record<string, number>;
  });
  return {
    profile: options.profile,
    seed: options.seed,
    milliseconds: Math.round(performance.now() - started),
    counts,
    accounts: demoAccountsOf(staff),
  };
};

export const demoAccounts = async (db: Database): Promise<DemoAccount[]> =>
  db.query<DemoAccount>(
    `SELECT u.email, c.password, u.role, u.display_name AS "displayName", u.totp_secret AS "totpSecret"
       FROM demo_credentials c JOIN users u ON u.id = c.user_id ORDER BY u.role, u.email`,
  );
