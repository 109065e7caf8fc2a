import { openDatabase } from '../db/database';
import { migrate } from '../db/migrations';
import {
  approveCountry,
  assignSupervisor,
  createUser,
  disableUser,
  dischargePatient,
  enableUser,
  endSupervision,
  listDevices,
  reallocatePatient,
  resolvePatient,
  resolveUser,
  revokeDevice,
  withdrawCountry,
} from '../admin/operations';
import { databaseFromEnv, parseFlags } from './env';

const usage = `npm run admin -- <command> [options]   (DATABASE_URL, or PGlite in DATA_DIR)

  create-user --email E --name "N" --role pwp|therapist|supervisor|admin [--step 2|3] --password P
  assign-supervisor --supervisor EMAIL --therapist EMAIL
  end-supervision --supervisor EMAIL --therapist EMAIL
  reallocate --patient CASE_REF_OR_ID --to EMAIL --reason "…"
  discharge --patient CASE_REF_OR_ID
  approve-country CC [--user EMAIL]
  withdraw-country CC [--user EMAIL]
  list-devices --email EMAIL
  revoke-device DEVICE_ID           the device wipes itself at its next contact
  disable-user --email EMAIL        no sign-in, refresh, lease or attestation; every device of
                                    the user is revoked (wipes at its next contact)
  enable-user --email EMAIL         the user may sign in again, as a new device
`;

const [command, ...rest] = process.argv.slice(2);
const { flags, positional } = parseFlags(rest);
const need = (name: string): string => {
  const value = flags[name];
  if (typeof value !== 'string' || value.length === 0) {
    console.error(`--${name} is required.\n\n${usage}`);
    process.exit(2);
  }
  return value;
};

if (!command || command === 'help' || flags['help']) {
  console.log(usage);
  process.exit(command ? 0 : 2);
}

// A PGlite data directory is single-process: stop `npm run server` before using it here.
const db = await openDatabase(databaseFromEnv());
try {
  await migrate(db);
  switch (command) {
    case 'create-user': {
      const role = need('role') as 'pwp' | 'therapist' | 'supervisor' | 'admin';
      if (!['pwp', 'therapist', 'supervisor', 'admin'].includes(role))
        throw new Error(`unknown role ${role}`);
      const step = flags['step']
        ? (Number(flags['step']) as 2 | 3)
        : role === 'pwp'
          ? 2
          : role === 'therapist'
            ? 3
            : null;
      const created = await createUser(db, {
        email: need('email'),
        displayName: need('name'),
        role,
        step,
        password: need('password'),
      });
      console.log(JSON.stringify(created, null, 2));
      console.log('Enrol the TOTP secret above in an authenticator app; it is not shown again.');
      break;
    }
    case 'assign-supervisor':
    case 'end-supervision': {
      const supervisor = await resolveUser(db, need('supervisor'));
      const therapist = await resolveUser(db, need('therapist'));
      if (command === 'assign-supervisor')
        console.log(`assignment ${await assignSupervisor(db, supervisor.id, therapist.id)}`);
      else {
        await endSupervision(db, supervisor.id, therapist.id);
        console.log(
          'supervision ended; the supervisor’s devices evict that caseload at their next sync',
        );
      }
      break;
    }
    case 'reallocate': {
      const patientId = await resolvePatient(db, need('patient'));
      const to = await resolveUser(db, need('to'));
      await reallocatePatient(db, patientId, to.id, need('reason'));
      console.log(
        `patient ${patientId} reallocated; the previous therapist's devices evict it at their next sync`,
      );
      break;
    }
    case 'discharge': {
      await dischargePatient(db, await resolvePatient(db, need('patient')));
      console.log('discharged');
      break;
    }
    case 'approve-country':
    case 'withdraw-country': {
      const country = positional[0];
      if (!country || !/^[A-Za-z]{2}$/.test(country))
        throw new Error('give a two-letter country code, e.g. ES');
      const user = typeof flags['user'] === 'string' ? { userEmail: flags['user'] } : {};
      if (command === 'approve-country') await approveCountry(db, country, user);
      else console.log(`${await withdrawCountry(db, country, user)} approval(s) withdrawn`);
      console.log('done');
      break;
    }
    case 'list-devices':
      console.table(await listDevices(db, need('email')));
      break;
    case 'revoke-device': {
      const id = positional[0];
      if (!id) throw new Error('give the device id (see list-devices)');
      console.log(
        (await revokeDevice(db, id))
          ? 'revoked: the device wipes itself at its next contact'
          : 'no such active device',
      );
      break;
    }
    case 'disable-user': {
      const { devices, sessions } = await disableUser(db, need('email'));
      console.log(
        `disabled: ${devices} device(s) revoked (they wipe themselves at their next contact), ${sessions} sign-in session(s) ended`,
      );
      break;
    }
    case 'enable-user':
      await enableUser(db, need('email'));
      console.log('enabled: the user may sign in again (revoked devices stay revoked)');
      break;
    default:
      console.error(`unknown command ${command}\n\n${usage}`);
      process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await db.close();
}
