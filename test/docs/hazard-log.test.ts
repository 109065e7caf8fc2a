import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The hazard log (docs/clinical-safety/hazard-log.md) claims that each mitigation is
 * implemented in a source file and proved by a test. This keeps the claims honest: every
 * file named must exist, and every test title named («…» after a test file) must occur in
 * that test file. A renamed or deleted test fails here until the log is updated.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const LOG = 'docs/clinical-safety/hazard-log.md';

interface TestClaim {
  readonly mitigation: string;
  readonly file: string;
  readonly title: string;
}
interface LogClaims {
  readonly mitigations: readonly string[];
  readonly sources: readonly { mitigation: string; file: string }[];
  readonly tests: readonly TestClaim[];
  /** Malformed claims: a title with no test file before it, a mitigation with no test. */
  readonly problems: readonly string[];
}

const TEST_FILE = /^test\/.+\.(test|spec)\.ts$/;
/** A backticked path, or a «title». */
const TOKEN = /`([^`\s]+)`|«([^»]+)»/g;

/** Every claim of every mitigation bullet ("- **M01.1** …" up to the next bullet or heading). */
function parseHazardLog(text: string): LogClaims {
  const mitigations: string[] = [];
  const sources: { mitigation: string; file: string }[] = [];
  const tests: TestClaim[] = [];
  const problems: string[] = [];
  const bullets = text.split(/\n(?=- \*\*|#|\n)/);
  for (const bullet of bullets) {
    const id = /^- \*\*(M\d+\.\d+)\*\*/.exec(bullet)?.[1];
    if (!id) continue;
    mitigations.push(id);
    let testFile: string | null = null;
    let titles = 0;
    for (const m of bullet.matchAll(TOKEN)) {
      const [, path, title] = m;
      if (path !== undefined) {
        if (TEST_FILE.test(path)) testFile = path;
        else if (/^(electron|shared|server|renderer)\//.test(path))
          sources.push({ mitigation: id, file: path });
        continue;
      }
      const words = (title ?? '').replace(/\s+/g, ' ').trim();
      if (testFile === null) problems.push(`${id}: «${words}» names no test file before it`);
      else tests.push({ mitigation: id, file: testFile, title: words });
      titles += 1;
    }
    if (titles === 0) problems.push(`${id}: names no test`);
    if (!sources.some((s) => s.mitigation === id)) problems.push(`${id}: names no source file`);
  }
  return { mitigations, sources, tests, problems };
}

/** What is wrong with the claims against the files under `root`: one line per problem. */
function checkClaims(claims: LogClaims, root: string): string[] {
  const problems = [...claims.problems];
  for (const { mitigation, file } of claims.sources)
    if (!existsSync(join(root, file))) problems.push(`${mitigation}: no source file ${file}`);
  for (const { mitigation, file, title } of claims.tests) {
    const path = join(root, file);
    if (!existsSync(path)) {
      problems.push(`${mitigation}: no test file ${file}`);
      continue;
    }
    // Titles are compared with whitespace collapsed: the log wraps long lines.
    const source = readFileSync(path, 'utf8').replace(/\s+/g, ' ');
    if (!source.includes(title)) problems.push(`${mitigation}: no test «${title}» in ${file}`);
  }
  return problems;
}

describe('the hazard log', () => {
  const claims = parseHazardLog(readFileSync(join(ROOT, LOG), 'utf8'));

  it('names, for every mitigation, a source file and a test that exist', () => {
    expect(claims.mitigations.length).toBeGreaterThanOrEqual(30);
    expect(checkClaims(claims, ROOT)).toEqual([]);
  });

  it('covers at least the hazards the safety case requires, each with a residual risk', () => {
    const log = readFileSync(join(ROOT, LOG), 'utf8');
    const hazards = [...log.matchAll(/^## (H\d\d) — /gm)].map((m) => m[1]);
    expect(hazards).toEqual(
      Array.from({ length: hazards.length }, (_, i) => `H${String(i + 1).padStart(2, '0')}`),
    );
    expect(hazards.length).toBeGreaterThanOrEqual(10);
    for (const section of log.split(/^## (?=H\d\d)/m).slice(1)) {
      expect(section, section.slice(0, 60)).toMatch(/\*\*Initial risk:\*\*.*→ \*\*\d\*\*/s);
      expect(section, section.slice(0, 60)).toMatch(/\*\*Residual risk:\*\*.*→ \*\*\d\*\*/s);
    }
  });
});

describe('the hazard log check itself', () => {
  const log = [
    '- **M01.1** Something. Source: `shared/clinical/measures.ts`. Test:',
    '  `test/shared/clinical/measures.test.ts` «flags item 9 above 0 as a risk, whatever the',
    '  total».',
    '- **M01.2** A test that was renamed. Source: `shared/clinical/measures.ts`. Test:',
    '  `test/shared/clinical/measures.test.ts` «scores item 9 however it likes».',
    '- **M01.3** A file that is gone. Source: `shared/clinical/nowhere.ts`. Test:',
    '  `test/shared/clinical/nowhere.test.ts` «anything».',
    '- **M01.4** A title with no file. Source: `shared/clinical/measures.ts`. Test: «orphan».',
  ].join('\n');

  it('fails on a missing test title, a missing file and a title with no file, and passes the rest', () => {
    const problems = checkClaims(parseHazardLog(log), ROOT);
    expect(problems).toEqual([
      'M01.4: «orphan» names no test file before it',
      'M01.3: no source file shared/clinical/nowhere.ts',
      'M01.2: no test «scores item 9 however it likes» in test/shared/clinical/measures.test.ts',
      'M01.3: no test file test/shared/clinical/nowhere.test.ts',
    ]);
  });
});
