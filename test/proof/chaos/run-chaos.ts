import { startDevice, type TestDevice } from '../../support/device';
import { patientSendsMessage } from '../../support/patient-actions';
import {
  assignSupervisor,
  endSupervision,
  reallocatePatient,
} from '../../../server/admin/operations';
import {
  FAULTS,
  newPlan,
  startChaosProxy,
  UpstreamPool,
  type ChaosProxy,
  type Fault,
} from '../support/chaos-proxy';
import { seededRandom } from '../support/random';
import { startServerPool, type BackendKind, type ServerPool } from '../support/server-pool';
import { makeEdit, type ActorContext, type Role } from './actors';
import {
  checkDuplicates,
  checkOutbox,
  checkScopeEquality,
  type Observed,
  type Violation,
} from './invariants';

export interface ChaosOptions {
  seed: number;
  rounds: number;
  faultRate: number;
  backend: BackendKind;
  /** Rounds [from, to) run on two API instances behind the round-robin hop (PostgreSQL). */
  twoInstances?: { from: number; to: number } | null;
  /** The faults to inject (default: every kind). */
  faults?: readonly Fault[];
  /** Stop starting rounds after this instant (epoch ms): the report says how many ran. */
  deadline?: number;
  /** Give two devices a wrong clock (default true). */
  clockSkew?: boolean;
  log?: (line: string) => void;
}

export interface ChaosReport {
  seed: number;
  rounds: number;
  plannedRounds: number;
  faultRate: number;
  backend: BackendKind;
  twoInstanceRounds: number;
  seconds: number;
  edits: Record<string, number>;
  refusedLocally: number;
  mutationsObserved: number;
  requests: number;
  faults: Record<string, number>;
  events: Record<string, number>;
  violations: Violation[];
}

interface Actor {
  name: string;
  account: string;
  role: Role;
  skewMs: number;
  device: TestDevice;
  proxy: ChaosProxy;
  /** Times this device lost its session (erased, or asked to sign in again). */
  signOuts: number;
  /** Taken out of the run after three erasures: each costs a whole initial sync. */
  retired: boolean;
}

const CAST: Omit<Actor, 'device' | 'proxy' | 'signOuts' | 'retired'>[] = [
  { name: 'priya-laptop', account: 'Priya Nair', role: 'therapist', skewMs: 0 },
  { name: 'priya-desktop', account: 'Priya Nair', role: 'therapist', skewMs: 0 },
  // A laptop whose clock is 47 minutes fast: deadlines and leases use the server's time.
  { name: 'priya-tablet', account: 'Priya Nair', role: 'therapist', skewMs: 47 * 60_000 },
  { name: 'rhys-laptop', account: 'Rhys Ellis', role: 'therapist', skewMs: -4 * 60_000 },
  { name: 'okafor-laptop', account: 'Dr Samuel Okafor', role: 'supervisor', skewMs: 0 },
];
const PASSCODE = 'correct horse battery';

/**
 * Part 1 of the proof: five devices (three of one therapist, a second therapist, their
 * supervisor) edit offline and sync through fault-injecting hops for N rounds while the
 * service reallocates patients, ends and restores supervision, restarts, and (for part of
 * the run) answers from two instances on one PostgreSQL. Then the network heals and every
 * promise is checked.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const upstreams = new UpstreamPool();
  const plan = newPlan(random.fork('faults'), 0, 0.03, options.faults ?? FAULTS);
  const pool: ServerPool = await startServerPool(options.backend, upstreams);
  const events: Record<string, number> = {};
  const count = (e: string) => void (events[e] = (events[e] ?? 0) + 1);
  const actors: Actor[] = [];
  const observed = new Map<string, Observed>();
  const ctx: ActorContext = {
    random: random.fork('edits'),
    notesOf: new Map(),
    marker: (() => {
      let n = 0;
      return () => `s${options.seed}-m${(n += 1)}`;
    })(),
    edits: [],
    refused: { count: 0, reasons: new Map() },
  };
  const ids = async (name: string) =>
    (await pool.db.query<{ id: string }>(`SELECT id FROM users WHERE display_name = $1`, [name]))[0]
      ?.id ?? '';
  const priyaId = await ids('Priya Nair');
  const rhysId = await ids('Rhys Ellis');
  const okaforId = await ids('Dr Samuel Okafor');
  let supervising = true;

  const reallocateOne = async () => {
    const [from, to] = random.chance(0.5) ? [priyaId, rhysId] : [rhysId, priyaId];
    const patients = await pool.db.query<{ id: string }>(
      `SELECT id FROM patients WHERE therapist_id = $1 AND status = 'active' ORDER BY id`,
      [from],
    );
    if (patients.length < 3) return;
    await reallocatePatient(pool.db, random.pick(patients).id, to, 'chaos: caseload balance');
    count('reallocation');
  };
  const toggleSupervision = async () => {
    if (supervising) await endSupervision(pool.db, okaforId, rhysId);
    else await assignSupervisor(pool.db, okaforId, rhysId);
    supervising = !supervising;
    count(supervising ? 'supervision-restored' : 'supervision-ended');
  };
  plan.midPull = () => (random.chance(0.7) ? reallocateOne() : toggleSupervision());

  const observe = (actor: Actor) => {
    const store = actor.device.store();
    if (!store) return;
    for (const e of store.outbox.listUnsettled())
      if (!observed.has(e.mutationId))
        observed.set(e.mutationId, { device: actor.name, kind: e.kind, payload: e.payload });
  };
  const signInFailures: Violation[] = [];
  const ensureOpen = async (actor: Actor) => {
    const status = await actor.device.call<{ state: string; reason: string | null }>(
      'session.status',
    );
    if (status.state === 'unlocked') return;
    if (status.state === 'locked') {
      await actor.device.call('session.unlock', { passcode: PASSCODE }).catch(() => undefined);
      count('unlock');
      return;
    }
    count(`session-${status.state}`);
    actor.signOuts += 1;
    if (actor.signOuts > 3) {
      actor.retired = true;
      count('device-retired');
      log(`[chaos] ${actor.name} retired after ${actor.signOuts - 1} lost sessions`);
      return;
    }
    log(`[chaos] ${actor.name} is ${status.state}: ${status.reason ?? ''}; signing in again`);
    const rate = plan.rate;
    const offline = actor.proxy.offline;
    plan.rate = 0;
    actor.proxy.offline = false;
    try {
      // As the therapist would: "Sign in again" keeps the device's data and unsent work;
      // a device whose data was erased starts over with a first sign-in.
      if (status.state === 'sign-in-needed')
        await actor.device.reauthenticate(pool.account(actor.account));
      else await actor.device.signIn(pool.account(actor.account), PASSCODE);
    } catch (error) {
      // With the faults off this must work: a broken promise, reported with the others (the
      // run goes on without this device rather than ending without a report).
      signInFailures.push({
        invariant: 'signs-in-again',
        device: actor.name,
        detail: `${status.state}: ${error instanceof Error ? error.message : String(error)}`,
      });
      actor.retired = true;
    } finally {
      plan.rate = rate;
      actor.proxy.offline = offline;
    }
  };

  try {
    for (const c of CAST) {
      const proxy = await startChaosProxy(upstreams, plan);
      const device = await startDevice({
        serverUrl: proxy.url,
        ...(c.skewMs !== 0 && options.clockSkew !== false
          ? { now: () => Date.now() + c.skewMs }
          : {}),
      });
      await device.signIn(pool.account(c.account), PASSCODE);
      await device.synced();
      actors.push({ ...c, device, proxy, signOuts: 0, retired: false });
    }
    plan.rate = options.faultRate;
    log(
      `[chaos] seed ${options.seed}: ${options.rounds} rounds at ${options.faultRate * 100}% faults on ${options.backend}`,
    );
    let roundsRun = 0;
    for (let round = 0; round < options.rounds; round += 1) {
      if (options.deadline !== undefined && Date.now() > options.deadline) break;
      roundsRun += 1;
      const two = options.twoInstances;
      const wantTwo = two ? round >= two.from && round < two.to : false;
      if (wantTwo !== (pool.instances() === 2)) {
        await pool.scale(wantTwo ? 2 : 1);
        count(wantTwo ? 'scale-to-two' : 'scale-to-one');
      }
      if (random.chance(0.01)) {
        await pool.restart();
        count('server-restart');
      }
      if (random.chance(0.02)) await reallocateOne();
      if (random.chance(0.006)) await toggleSupervision();
      if (random.chance(0.1)) {
        const [p] = await pool.db.query<{ id: string }>(
          `SELECT id FROM patients WHERE therapist_id = ANY($1::uuid[]) AND status = 'active' ORDER BY random() LIMIT 1`,
          [[priyaId, rhysId]],
        );
        if (p) await patientSendsMessage(pool.db, p.id, `Patient message in round ${round}`);
        count('patient-message');
      }
      for (const actor of actors) actor.proxy.offline = random.chance(0.15);
      for (const actor of actors.filter((a) => !a.retired)) {
        await ensureOpen(actor);
        if (actor.retired) continue;
        if (random.chance(0.45)) await makeEdit(ctx, actor.role, actor.name, actor.device);
        observe(actor);
      }
      await Promise.all(
        actors
          .filter(() => random.chance(0.5))
          .map((a) => a.device.syncNow().then(() => observe(a))),
      );
      if ((round + 1) % (options.rounds > 100 ? 50 : 5) === 0)
        log(
          `[chaos] round ${round + 1}/${options.rounds} at ${Math.round((performance.now() - started) / 1000)} s: ${ctx.edits.length} edits, ${JSON.stringify(plan.injected)}`,
        );
    }
    // The network heals: one instance, no faults, everyone online; sync until quiet.
    plan.rate = 0;
    plan.midPull = null;
    await pool.scale(1);
    for (const actor of actors) actor.proxy.offline = false;
    for (let pass = 0; pass < 3; pass += 1)
      for (const actor of actors.filter((a) => !a.retired)) {
        await ensureOpen(actor);
        if (actor.retired) continue;
        await actor.device.syncNow();
        observe(actor);
      }
    const violations: Violation[] = [...signInFailures];
    for (const actor of actors) {
      violations.push(...(await checkOutbox(pool.db, actor.name, actor.device, observed)));
      if (!actor.retired)
        violations.push(...(await checkScopeEquality(pool.db, actor.name, actor.device)));
    }
    violations.push(...(await checkDuplicates(pool.db)));
    const edits: Record<string, number> = {};
    for (const e of ctx.edits) edits[e.kind] = (edits[e.kind] ?? 0) + 1;
    return {
      seed: options.seed,
      rounds: roundsRun,
      plannedRounds: options.rounds,
      faultRate: options.faultRate,
      backend: options.backend,
      twoInstanceRounds: options.twoInstances
        ? Math.max(0, Math.min(roundsRun, options.twoInstances.to) - options.twoInstances.from)
        : 0,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      edits,
      refusedLocally: ctx.refused.count,
      mutationsObserved: observed.size,
      requests: actors.reduce((n, a) => n + a.proxy.count('/'), 0),
      faults: { ...plan.injected },
      events,
      violations,
    };
  } finally {
    for (const actor of actors) {
      await actor.device.close().catch(() => undefined);
      await actor.proxy.close().catch(() => undefined);
    }
    await pool.close();
  }
}
