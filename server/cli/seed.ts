import { openDatabase } from '../db/database';
import { migrate } from '../db/migrations';
import { type SeedProfile, isSeeded, seedDatabase } from '../seed/seed';
import { databaseFromEnv, parseFlags } from './env';

// npm run seed -- --profile demo|large --seed N [--reset]
// Target: DATABASE_URL, else PGlite in DATA_DIR (default .data/server).
const { flags } = parseFlags(process.argv.slice(2));
const profile = (flags.profile ?? 'demo') as SeedProfile;
if (profile !== 'demo' && profile !== 'large') throw new Error('--profile must be demo or large');
const seed = Number(flags.seed ?? 1);
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');

const db = await openDatabase(databaseFromEnv());
try {
  await migrate(db);
  if (flags.reset === true) {
    await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await migrate(db);
  } else if (await isSeeded(db)) {
    console.error('The database already holds data. Use --reset to replace it.');
    process.exitCode = 1;
  }
  if (!process.exitCode) {
    const report = await seedDatabase(db, { profile, seed });
    console.log(
      JSON.stringify(
        { profile, seed, milliseconds: report.milliseconds, counts: report.counts },
        null,
        2,
      ),
    );
  }
} finally {
  await db.close();
}
