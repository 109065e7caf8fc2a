/**
 * The process hosting the core in the crash loop (not a test): opens the device on its data
 * directory (signing in the first time), then works in one mode until the parent SIGKILLs
 * it, printing one line per acknowledged write.
 *
 *   node --import tsx crash-host.ts '<json CrashHostConfig>'
 */
import { writeSync } from 'node:fs';
import { DemoAccount } from '../../../shared/api';
import { openDeviceAt, PASSCODE } from '../support/device-at';
import { seededRandom } from '../support/random';
import type { CrashHostConfig } from './modes';

const config = JSON.parse(process.argv[2] ?? '{}') as CrashHostConfig;
const say = (line: string): void => void writeSync(1, `${line}\n`);
const random = seededRandom(config.seed);
const device = openDeviceAt({
  dataDir: config.dataDir,
  serverUrl: config.serverUrl,
  ...(config.mode === 'drift' ? { checksumEvery: 1 } : {}),
});
const status = await device.call<{ state: string }>('session.status');
if (status.state === 'signed-out') {
  // Initial mode: the kill may land anywhere in the sign-in and the initial sync. Any other
  // mode on a device whose first sign-in was killed: sign in first (several scrypts), then
  // the mode's own window starts.
  if (config.mode === 'initial') say('ready');
  await device.signIn(DemoAccount.parse(config.account));
  say('signed-in');
  if (config.mode !== 'initial') say('ready');
} else {
  await device.call('session.unlock', { passcode: PASSCODE });
  say('ready');
}

let noteId = config.noteId;
if (config.mode === 'autosave' && noteId === null) {
  const caseload = () =>
    device.call<{ entries: { patientId: string }[] }>('caseload.list', {}).then((r) => r.entries);
  let entries = await caseload();
  while (entries.length === 0) {
    // Killed before the first sync finished: finish it first.
    await device.syncNow();
    entries = await caseload();
  }
  const note = await device.call<{ noteId: string }>('notes.create', {
    patientId: entries[0]?.patientId,
    appointmentId: null,
    kind: 'session_note',
  });
  noteId = note.noteId;
  say(`note ${noteId}`);
}

for (let n = 1; ; n += 1) {
  if (config.mode === 'autosave' && noteId) {
    const k = config.autosaveFrom + n - 1;
    const body = `autosave ${k}: ${'the patient practised the breathing exercise. '.repeat(random.int(1, 30))}`;
    await device.call('notes.autosave', { noteId, body });
    say(`autosave ${k}`);
  } else if (config.mode === 'drift') {
    // Drift: a row this device lost without a feed entry saying so; repair must bring it back.
    const store = device.store();
    const [message] = store?.records.list('message') ?? [];
    if (store && message) {
      // Said first: the parent then knows this row is missing on purpose if the kill lands here.
      say(`dropped ${message.id}`);
      store.applyInTransaction(() => store.records.remove('message', message.id));
    }
    await device.syncNow();
    say(`synced ${n}`);
  } else {
    await device.syncNow();
    say(`synced ${n}`);
  }
}
