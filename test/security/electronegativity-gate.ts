/**
 * Electronegativity always exits 0, so `npm test` gates its SARIF output here: every
 * finding must be in the checked-in allowlist, each entry with its reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const Allowlist = z.array(
  z.object({ rule: z.string(), file: z.string(), reason: z.string().min(20) }).strict(),
);
const Sarif = z.object({
  runs: z.array(
    z.object({
      results: z.array(
        z.object({
          ruleId: z.string(),
          message: z.object({ text: z.string() }),
          locations: z.array(
            z.object({
              physicalLocation: z.object({
                artifactLocation: z.object({ uri: z.string() }),
                region: z.object({ startLine: z.number() }).partial().optional(),
              }),
            }),
          ),
        }),
      ),
    }),
  ),
});

const root = path.resolve(import.meta.dirname, '../..');
const electronVersion = (
  JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;
const sarifFile = path.join(
  mkdtempSync(path.join(tmpdir(), 'electronegativity-')),
  'results.sarif',
);

execFileSync(
  path.join(root, 'node_modules/.bin/electronegativity'),
  ['-i', path.join(root, 'out'), '-r', '-e', electronVersion, '-o', sarifFile, '-v', 'false'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);

const allowlist = Allowlist.parse(
  JSON.parse(
    readFileSync(path.join(import.meta.dirname, 'electronegativity-allowlist.json'), 'utf8'),
  ),
);
const findings = Sarif.parse(JSON.parse(readFileSync(sarifFile, 'utf8'))).runs.flatMap((run) =>
  run.results.map((r) => ({
    rule: r.ruleId,
    file: r.locations[0]?.physicalLocation.artifactLocation.uri ?? '?',
    line: r.locations[0]?.physicalLocation.region?.startLine ?? 0,
    message: r.message.text,
  })),
);

const allowed = (f: { rule: string; file: string }) =>
  allowlist.some((a) => a.rule === f.rule && a.file === f.file);
const unexpected = findings.filter((f) => !allowed(f));
const stale = allowlist.filter(
  (a) => !findings.some((f) => f.rule === a.rule && f.file === a.file),
);

for (const entry of stale)
  console.warn(
    `electronegativity: allowlist entry no longer needed: ${entry.rule} in ${entry.file}`,
  );
if (unexpected.length > 0) {
  console.error(
    'electronegativity found issues that are not in test/security/electronegativity-allowlist.json:',
  );
  for (const f of unexpected) console.error(`  ${f.rule}  out/${f.file}:${f.line}  ${f.message}`);
  process.exit(1);
}
console.log(
  `electronegativity: ${findings.length} findings, all allowlisted with a reason (${allowlist.length} entries).`,
);
