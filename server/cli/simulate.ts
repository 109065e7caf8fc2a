import { openDatabase } from '../db/database';
import { migrate } from '../db/migrations';
import { simulatePatientsOnce } from '../simulate/patients';
import { databaseFromEnv, parseFlags } from './env';

// npm run simulate -- [--every 30] [--share 0.05] [--rounds N]
// Patients act on the service so deadlines move in the demo. Needs the server's database:
// DATABASE_URL (PostgreSQL, alongside a running server) or a PGlite DATA_DIR no server holds.
const { flags } = parseFlags(process.argv.slice(2));
const everySeconds = Number(flags['every'] ?? 30);
const share = Number(flags['share'] ?? 0.05);
const rounds = flags['rounds'] ? Number(flags['rounds']) : Infinity;

const db = await openDatabase(databaseFromEnv());
await migrate(db);
let stopped = false;
process.once('SIGINT', () => (stopped = true));
process.once('SIGTERM', () => (stopped = true));
for (let round = 1; round <= rounds && !stopped; round++) {
  const tick = await simulatePatientsOnce(db, { share });
  console.log(
    `${new Date().toISOString()} round ${round}: ${tick.messages} messages, ${tick.measures} questionnaires`,
  );
  if (round < rounds) await new Promise((resolve) => setTimeout(resolve, everySeconds * 1000));
}
await db.close();
