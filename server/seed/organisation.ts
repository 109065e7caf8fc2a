import type { DemoAccount } from '../../shared/api';
import { hashPassword } from '../auth/passwords';
import type { BulkWriter } from './bulk';
import type { Prng } from './prng';
import { ADSM_THRESHOLDS } from './measures';

export interface SeedUser {
  id: string;
  role: 'pwp' | 'therapist' | 'supervisor' | 'admin';
  step: 2 | 3 | null;
  displayName: string;
  email: string;
  password: string;
  totpSecret: string;
  /** Patients to allocate to this therapist. */
  caseload: number;
}

export const DEFAULT_SERVICE_CONFIG = {
  deadlines: {
    messageReplyHours: 48,
    contactGapDays: 7,
    clinicalNoteHours: 48,
    caseReviewWeeks: 4,
    lateCancellationHours: 48,
    step2TreatmentSessionsBeforeExtension: 4,
    riskTicketHours: 24,
    step3ReviewAfterSessions: 4,
  },
  caseloadCaps: {
    newPwpCap: 15,
    newPwpCapWeeks: 2,
    pwpMinimumCaseload: 15,
    step3ValidationCap: 10,
    step3ValidationMinimum: 5,
    agencyMinimumCaseload: 10,
  },
  paidMissedSessionsPerEpisode: 2,
  dischargedRetentionDays: 30,
  offlineLeaseHours: 72,
  adsmThresholds: ADSM_THRESHOLDS,
  sessionLengths: {
    step2: { assessment: [60], treatment: [45] },
    step3: { assessment: [60], treatment: [60, 45, 30] },
  },
  halfRateOutcomes: { step2: ['dna'], step3: ['dna', 'late_cancellation'] },
  // Ofcom's numbers reserved for drama: synthetic, never a real line.
  urgentRisk: {
    officeHours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:30' }],
    officeNumber: '0113 496 0123',
    onCallHours: [
      { days: [1, 2, 3, 4, 5], from: '17:30', to: '20:00' },
      { days: [6, 7], from: '08:00', to: '20:00' },
    ],
    onCallNumber: '0161 496 0456',
    outsideHours:
      'if the patient is in immediate danger call 999; otherwise ask them to call NHS 111 (mental health option) or their local crisis line, and record what you did.',
  },
  // The demo service's own treatment-session note; the other templates are the defaults.
  noteTemplates: {
    treatmentSession: [
      'Treatment session with {patient}, {session}.',
      '',
      'Bridge from the last session:',
      'Agenda agreed:',
      'Review of homework:',
      'Measures today (PHQ-9, GAD-7, ADSM/WSAS) and change since last session:',
      'Risk (any change since last session):',
      'Intervention and what was covered:',
      'Homework agreed:',
      'Patient feedback on the session:',
      'Plan for the next session:',
    ].join('\n'),
  },
};

/** Demo therapists on an agency contract (minimum caseload 10 rather than 15). */
const AGENCY = new Set(['Tom Reeve']);

// Pence; step 3 holiday pay 12.07 %. The 2025 rows exist so effective dates matter.
const PAY_RATES: [string, 2 | 3, 'assessment' | 'treatment', 60 | 45 | 30, number, number][] = [
  ['2025-04-01', 3, 'assessment', 60, 3800, 1207],
  ['2025-04-01', 3, 'treatment', 60, 3800, 1207],
  ['2025-04-01', 3, 'treatment', 45, 2850, 1207],
  ['2025-04-01', 3, 'treatment', 30, 1900, 1207],
  ['2026-04-01', 3, 'assessment', 60, 4000, 1207],
  ['2026-04-01', 3, 'treatment', 60, 4000, 1207],
  ['2026-04-01', 3, 'treatment', 45, 3000, 1207],
  ['2026-04-01', 3, 'treatment', 30, 2000, 1207],
  ['2026-04-01', 2, 'assessment', 60, 2500, 0],
  ['2026-04-01', 2, 'treatment', 60, 2500, 0],
  ['2026-04-01', 2, 'treatment', 45, 1875, 0],
  ['2026-04-01', 2, 'treatment', 30, 1250, 0],
];

export const APPROVED_COUNTRIES = ['GB', 'IE', 'ES'];

const person = (
  prng: Prng,
  role: SeedUser['role'],
  step: SeedUser['step'],
  name: string,
  caseload: number,
): SeedUser => {
  const [first = 'user', last = 'demo'] = name.replace(/^Dr /, '').split(' ');
  return {
    id: prng.uuid(),
    role,
    step,
    displayName: name,
    email: `${first}.${last}@northvale.example`.toLowerCase(),
    password: `demo-${first.toLowerCase()}-${prng.int(1000, 9999)}`,
    totpSecret: prng.base32(20),
    caseload,
  };
};

/** Who works in the service for each profile. */
export const staffFor = (prng: Prng, profile: 'demo' | 'large'): SeedUser[] =>
  profile === 'demo'
    ? [
        person(prng, 'admin', null, 'Alex Morgan', 0),
        person(prng, 'supervisor', null, 'Dr Helen Marsh', 0),
        person(prng, 'supervisor', null, 'Dr Samuel Okafor', 0),
        person(prng, 'pwp', 2, 'Amelia Hart', 16),
        person(prng, 'pwp', 2, 'Tom Reeve', 16),
        person(prng, 'therapist', 3, 'Priya Nair', 10),
        person(prng, 'therapist', 3, 'Rhys Ellis', 10),
      ]
    : [
        person(prng, 'admin', null, 'Alex Morgan', 0),
        person(prng, 'supervisor', null, 'Dr Helen Marsh', 0),
        person(prng, 'therapist', 3, 'Jordan Blake', 250),
      ];

export const writeOrganisation = async (
  out: BulkWriter,
  prng: Prng,
  staff: SeedUser[],
  now: Date,
) => {
  const orgId = prng.uuid();
  await out.add('organisations', { id: orgId, name: 'Northvale Talking Therapies (synthetic)' });
  await out.add('service_config', {
    id: prng.uuid(),
    org_id: orgId,
    config: DEFAULT_SERVICE_CONFIG,
  });
  for (const [effective_from, step, kind, duration, rate, holiday] of PAY_RATES) {
    await out.add('pay_rates', {
      id: prng.uuid(),
      org_id: orgId,
      effective_from,
      step,
      appointment_kind: kind,
      duration_minutes: duration,
      rate_pence: rate,
      holiday_pay_basis_points: holiday,
    });
  }
  for (const country of APPROVED_COUNTRIES)
    await out.add('approved_countries', { id: prng.uuid(), org_id: orgId, country, user_id: null });
  const day = (offset: number) =>
    new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  // scrypt is deliberately slow; hash on the thread pool in parallel.
  const hashes = await Promise.all(staff.map((user) => hashPassword(user.password)));
  for (const [i, user] of staff.entries()) {
    const newStarter = user.step === 3 && i === staff.length - 1 && staff.length > 3;
    await out.add('users', {
      id: user.id,
      org_id: orgId,
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      step: user.step,
      password_hash: hashes[i] ?? '',
      totp_secret: user.totpSecret,
      service_start_date: newStarter ? day(-40) : day(-prng.int(400, 2000)),
      validation_ends_on: newStarter ? day(50) : null,
      desired_caseload: user.caseload > 0 ? user.caseload + prng.int(0, 4) : null,
      contract_type: AGENCY.has(user.displayName) ? 'agency' : 'employed',
    });
    await out.add('demo_credentials', { user_id: user.id, password: user.password });
  }
  const supervisors = staff.filter((u) => u.role === 'supervisor');
  const therapists = staff.filter((u) => u.role === 'pwp' || u.role === 'therapist');
  const since = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  for (const [i, therapist] of therapists.entries()) {
    // The first supervisor oversees everyone; the second shares the step 3 therapists.
    const mine = supervisors.filter(
      (_, j) =>
        j === 0 ||
        (therapist.step === 3 && j === 1) ||
        (i === 0 && j === 1 && therapists.length === 1),
    );
    for (const supervisor of mine) {
      await out.add('supervision_assignments', {
        id: prng.uuid(),
        supervisor_id: supervisor.id,
        therapist_id: therapist.id,
        valid_from: since,
        valid_to: null,
      });
    }
  }
  return orgId;
};

export const demoAccountsOf = (staff: SeedUser[]): DemoAccount[] =>
  staff.map((u) => ({
    email: u.email,
    password: u.password,
    role: u.role,
    displayName: u.displayName,
    totpSecret: u.totpSecret,
  }));
