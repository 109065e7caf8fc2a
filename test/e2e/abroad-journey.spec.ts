import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startReferenceServer, type ReferenceServer } from '../../server';
import { openDatabase, type Database } from '../../server/db/database';
import { touchFeed } from '../../server/sync/feed';
import { arrangingDatabase } from '../support/arranging-database';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import {
  postgresAvailability,
  startPostgresCluster,
  type PostgresCluster,
} from '../server/support/postgresCluster';
import { startPreviewHost, type RunningPreview } from './support/preview-host';
import { axe, openPatient, signInAs, waitForFirstSync } from './support/workspace';

/**
 * Issue 14, "End to end": one therapist's computer (one data directory, kept across restarts
 * of the preview host) travels. Its requests leave from loopback addresses that the
 * development GeoIP table maps to countries: 127.0.0.0/24 GB, 127.0.1.0/24 FR, 127.0.2.0/24
 * US. One reference server (on a throwaway PostgreSQL cluster, so the real admin CLI can
 * approve France while it runs) behind one fault proxy (which keeps the source address, and
 * takes the computer offline) serves every host in turn.
 *
 * At home: a working trip to France is refused, naming France, until the admin CLI approves
 * it; planned from today, it is "not ready", naming who lacks a local emergency contact and
 * who has not been told; a contact recorded and the prepared messages sent and delivered, it
 * is ready. From France: patient data opens, the 999 banner shows, and each patient screen
 * starts with the patient's local contacts. Offline on a New York clock: closed, the zone
 * named. From the United States: refused, named. Home again: it opens.
 */
const run = promisify(execFile);
const THERAPIST = { name: 'Rhys Ellis' };
const PASSCODE = 'e2e passcode';
const ADDRESS = { GB: '127.0.0.5', FR: '127.0.1.5', US: '127.0.2.5' } as const;

const availability = postgresAvailability();
let cluster: PostgresCluster;
let databaseUrl: string;
let db: Database;
let server: ReferenceServer;
let proxy: FaultProxy;
let deviceDir: string;
/** The one patient left without a local emergency contact before the computer first syncs. */
let withoutContact: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (!availability.available) {
    if (process.env['CI'] === 'true') throw new Error(`PostgreSQL is required on CI`);
    test.skip(true, `no PostgreSQL for the admin CLI: ${availability.reason}`);
    return;
  }
  cluster = await startPostgresCluster(availability);
  databaseUrl = await cluster.createDatabase();
  db = await openDatabase({ kind: 'postgres', url: databaseUrl });
  server = await startReferenceServer({
    database: { kind: 'external', database: db },
    seed: { profile: 'demo', seed: 11 },
    demoMode: true,
    logger: false,
    sweepIntervalMs: 0,
  });
  proxy = await startFaultProxy(server.url);
  deviceDir = mkdtempSync(path.join(tmpdir(), 'e2e-travelling-device-'));
  // Every active patient of the therapist has a local emergency contact but one. Arranged
  // behind the service, so through the seam that makes it render these records afresh (a
  // contact deleted here was still served as the seed rendered it).
  const arrange = arrangingDatabase(db);
  const active = await arrange.query<{ id: string; name: string; org_id: string }>(
    `SELECT p.id, p.given_name || ' ' || p.family_name AS name, p.org_id FROM patients p
       JOIN users u ON u.id = p.therapist_id
      WHERE u.display_name = $1 AND p.status = 'active' ORDER BY p.case_reference`,
    [THERAPIST.name],
  );
  const [first, ...others] = active;
  if (!first || others.length === 0) throw new Error(`${THERAPIST.name} has too few patients`);
  withoutContact = first.name;
  await arrange.query('DELETE FROM emergency_contacts WHERE patient_id = $1', [first.id]);
  for (const p of others) {
    const [added] = await arrange.query<{ id: string }>(
      `INSERT INTO emergency_contacts (id, patient_id, name, phone, relationship, local_emergency_number, updated_at)
       SELECT gen_random_uuid(), $1, 'Sam Carter', '+44 7700 900123', 'partner', '999', now()
        WHERE NOT EXISTS (SELECT 1 FROM emergency_contacts WHERE patient_id = $1)
       RETURNING id`,
      [p.id],
    );
    if (added)
      await touchFeed(arrange, {
        entity: 'emergencyContact',
        id: added.id,
        orgId: p.org_id,
        patientId: p.id,
        therapistId: null,
      });
  }
});

test.afterAll(async () => {
  await proxy?.close();
  await server?.close();
  await db?.close();
  await cluster?.stop();
  if (deviceDir) rmSync(deviceDir, { recursive: true, force: true });
});

/** The computer, started again on its own data directory, somewhere. */
async function openComputer(
  browser: Browser,
  where: { address: string; zone: string },
): Promise<{ page: Page; host: RunningPreview; close: () => Promise<void> }> {
  const host = await startPreviewHost({
    demoServer: proxy.url,
    dataDir: deviceDir,
    localAddress: where.address,
    deviceZone: where.zone,
  });
  const context = await browser.newContext({ timezoneId: where.zone, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(host.url);
  return {
    page,
    host,
    close: async () => {
      await context.close();
      await host.stop();
    },
  };
}

async function unlock(page: Page) {
  await page.getByLabel('Passcode', { exact: true }).fill(PASSCODE);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** Nothing left to send: the computer can be shut down without anything waiting. */
async function settled(page: Page) {
  await expect
    .poll(
      async () =>
        page.evaluate(async () => {
          const status = await window.clinician.sync.status({});
          return status.ok && status.value.pendingChanges === 0 && status.value.phase === 'idle';
        }),
      { timeout: 60_000 },
    )
    .toBe(true);
}

const shot = async (page: Page, name: string) =>
  page.screenshot({ path: path.join('test-results', 'abroad-journey', name), fullPage: true });

const ukDay = (offsetDays: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

test('a working trip to France: refused until approved, ready once the checklist is done, then working from France, refused from the US, closed offline on a US clock, open again at home', async ({
  browser,
}) => {
  test.setTimeout(600_000); // six starts of the host on a shared two-core machine

  await test.step('at home (GB): France is refused, named, until the admin CLI approves it', async () => {
    const { page, close } = await openComputer(browser, {
      address: ADDRESS.GB,
      zone: 'Europe/London',
    });
    await signInAs(page, THERAPIST.name, PASSCODE);
    await waitForFirstSync(page);
    await page.getByRole('button', { name: 'Working abroad' }).click();
    const plan = async () => {
      await page.getByLabel('Why you are away').selectOption({ label: 'Working abroad' });
      await page.getByLabel('Country (two-letter code)').fill('FR');
      await page.getByLabel('First day', { exact: true }).fill(ukDay(0));
      await page.getByLabel('Last day', { exact: true }).fill(ukDay(6));
      await page.getByRole('button', { name: 'Plan this trip' }).click();
    };
    await plan();
    await expect(
      page.getByText(/France \(FR\) is not an approved country for you to work from/),
    ).toBeVisible();
    await expect(page.getByText('Nothing planned.')).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await shot(page, '1-gb-france-refused.png');

    // The service's administrator approves France, with the real CLI (for the organisation:
    // an approval for one user does not reach the device's cached list, see the report).
    const cli = await run('npm', ['run', '--silent', 'admin', '--', 'approve-country', 'FR'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    expect(cli.stdout).toMatch(/done/);
    await page.evaluate(async () => {
      await window.clinician.sync.now({});
    });
    await expect(page.getByText(/^Approved for you: .*France \(FR\)/)).toBeVisible({
      timeout: 30_000,
    });

    await plan();
    await expect(page.getByText(/^Planned: working from France \(FR\)/)).toBeVisible();
    const trip = page.getByRole('listitem').filter({ hasText: /^Working from France \(FR\), / });
    await expect(trip.getByText('Confirmed by the service')).toBeVisible({ timeout: 30_000 });
    await expect(trip.getByText(/^Not ready$/)).toBeVisible();
    await trip.locator('summary', { hasText: 'Who is missing what' }).click();
    const todo = trip.getByRole('list', { name: /^Still to do before: Working from France/ });
    await expect(
      todo.getByText(`${withoutContact}: no local emergency contact; not told yet`),
    ).toBeVisible();
    await expect(todo.getByRole('listitem').filter({ hasText: /: not told yet$/ })).not.toHaveCount(
      0,
    );
    expect(await axe(page)).toEqual([]);
    await shot(page, '2-gb-trip-not-ready.png');

    // The checklist: the missing contact recorded from the patient screen...
    await page
      .getByRole('list', { name: 'Active patients with no local emergency contact' })
      .getByRole('button', { name: `Open ${withoutContact}` })
      .click();
    await page.getByRole('button', { name: 'Record an emergency contact' }).click();
    await page.getByLabel('Contact’s name').fill('Amélie Durand');
    await page.getByLabel('Relationship to the patient').fill('sister');
    await page.getByLabel('Contact’s phone number').fill('+33 6 12 34 56 78');
    await page.getByLabel('Emergency number in the patient’s own country').fill('112');
    await page.getByRole('button', { name: 'Save emergency contact' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: /^Saved Amélie Durand/ }),
    ).toBeVisible();

    // ...and every patient told by the prepared message, delivered.
    await page.getByRole('button', { name: 'Working abroad' }).click();
    await trip.getByRole('button', { name: /^Messages to your patients: / }).click();
    const messages = page.getByRole('list', { name: 'Prepared messages' });
    await expect(messages.getByRole('listitem').first()).toBeVisible();
    const count = await messages.getByRole('listitem').count();
    await expect(messages.getByRole('textbox').first()).toHaveValue(
      /I will be working from France\./,
    );
    await page.getByRole('button', { name: `Send all not yet sent (${count})` }).click();
    await expect(messages.getByText('Delivered', { exact: true })).toHaveCount(count, {
      timeout: 60_000,
    });
    await expect(trip.getByText(/^Ready$/)).toBeVisible({ timeout: 30_000 });
    await expect(
      trip.getByText(
        /Each of your \d+ active patients has a local emergency contact and has received your message/,
      ),
    ).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await shot(page, '3-gb-trip-ready.png');
    await settled(page);
    await close();
  });

  await test.step('from France on the trip’s dates: patient data opens, 999 banner, local contacts', async () => {
    const { page, close } = await openComputer(browser, {
      address: ADDRESS.FR,
      zone: 'Europe/Paris',
    });
    await unlock(page);
    await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
      timeout: 60_000,
    });
    const banner = page.getByRole('note', { name: 'Working abroad' });
    await expect(banner).toContainText(
      'You are working from France (FR): 999 cannot be dialled from abroad.',
      { timeout: 30_000 },
    );
    await expect(banner).toContainText('Your working trip:');
    expect(await axe(page)).toEqual([]);
    await shot(page, '4-fr-working.png');

    await openPatient(page, withoutContact);
    const top = page.getByRole('region', {
      name: new RegExp(`^In an emergency for ${withoutContact} \\(you are abroad`),
    });
    await expect(
      top
        .getByRole('list', { name: `Local emergency contacts of ${withoutContact}` })
        .getByText(/Amélie Durand/),
    ).toBeVisible();
    await expect(top.locator('dd', { hasText: '0161 496 0456' })).toBeVisible({ timeout: 30_000 });
    expect(await axe(page)).toEqual([]);
    await shot(page, '5-fr-patient-contacts.png');
    await settled(page);
    await close();
  });

  await test.step('offline, the computer’s clock set to New York: patient data closes, the zone named', async () => {
    proxy.offline = true;
    const { page, close } = await openComputer(browser, {
      address: ADDRESS.FR,
      zone: 'America/New_York',
    });
    try {
      await unlock(page);
      await expect(
        page.getByRole('heading', { name: 'Your time zone does not fit your country' }),
      ).toBeVisible({ timeout: 60_000 });
      await expect(
        page.getByText(/America\/New_York, which does not fit France \(FR\)/),
      ).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Workspace' })).toHaveCount(0);
      expect(await axe(page)).toEqual([]);
      await shot(page, '6-offline-us-zone.png');
    } finally {
      await close();
      proxy.offline = false;
    }
  });

  await test.step('from the United States: refused, the country named', async () => {
    const { page, close } = await openComputer(browser, {
      address: ADDRESS.US,
      zone: 'America/New_York',
    });
    await unlock(page);
    await expect(
      page.getByRole('heading', {
        name: 'United States (US) is not approved for working with patients',
      }),
    ).toBeVisible({ timeout: 60_000 });
    await expect(
      page.getByText(/saw this computer connect from United States \(US\)/),
    ).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Workspace' })).toHaveCount(0);
    expect(await axe(page)).toEqual([]);
    await shot(page, '7-us-refused.png');
    await close();
  });

  await test.step('home again (GB): patient data opens, no abroad banner', async () => {
    const { page, close } = await openComputer(browser, {
      address: ADDRESS.GB,
      zone: 'Europe/London',
    });
    await unlock(page);
    await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByRole('note', { name: 'Working abroad' })).toHaveCount(0);
    expect(await axe(page)).toEqual([]);
    await shot(page, '8-gb-home.png');
    await close();
  });
});
