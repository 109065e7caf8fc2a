import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ClinicalFactsSchema,
  defaultServiceConfig,
  EpisodeSchema,
  MeasureRecordSchema,
  ServiceConfigSchema,
} from '../../../shared/clinical';
import { episode } from './fixtures';

describe('ServiceConfig', () => {
  it('defaults are docs/domain.md numbers and parse', () => {
    expect(ServiceConfigSchema.parse(defaultServiceConfig)).toEqual(defaultServiceConfig);
    expect(defaultServiceConfig.deadlines).toMatchObject({
      messageReplyHours: 48,
      contactGapHours: 168,
      clinicalNoteHours: 48,
      caseReviewHours: 672,
    });
    expect(defaultServiceConfig.measures.phq9).toEqual({ caseness: 10, reliableChange: 6 });
    expect(defaultServiceConfig.measures.gad7).toEqual({ caseness: 8, reliableChange: 4 });
    expect(defaultServiceConfig.serviceZone).toBe('Europe/London');
  });

  it('refuses a negative deadline or a rate in pounds', () => {
    const negative = structuredClone(defaultServiceConfig);
    negative.deadlines.messageReplyHours = -1;
    expect(ServiceConfigSchema.safeParse(negative).success).toBe(false);
    const pounds = structuredClone(defaultServiceConfig);
    (pounds.pay.rates[0] as { hourlyRatePence: number }).hourlyRatePence = 40.5;
    expect(ServiceConfigSchema.safeParse(pounds).success).toBe(false);
  });
});

describe('facts schemas', () => {
  it('fill absent lists', () => {
    expect(ClinicalFactsSchema.parse({})).toEqual({
      patients: [],
      episodes: [],
      messages: [],
      appointments: [],
      notes: [],
      tickets: [],
      reviews: [],
      measures: [],
    });
  });

  it('an episode ends with a reason, or not at all', () => {
    expect(EpisodeSchema.safeParse(episode()).success).toBe(true);
    expect(
      EpisodeSchema.safeParse(episode({ endedAt: '2026-04-01T00:00:00Z', endReason: 'step_up' }))
        .success,
    ).toBe(true);
    expect(EpisodeSchema.safeParse(episode({ endedAt: '2026-04-01T00:00:00Z' })).success).toBe(
      false,
    );
  });

  it('measure records are PHQ-9/GAD-7/WSAS items or an ADSM total', () => {
    const base = {
      id: 'r',
      patientId: 'p',
      episodeId: 'e',
      appointmentId: 'a',
      takenAt: '2026-04-01T00:00:00Z',
    };
    expect(MeasureRecordSchema.safeParse({ ...base, measure: 'phq9', items: [0, 1] }).success).toBe(
      true,
    );
    expect(
      MeasureRecordSchema.safeParse({ ...base, measure: 'adsm', adsmId: 'spin', total: 20 })
        .success,
    ).toBe(true);
    expect(MeasureRecordSchema.safeParse({ ...base, measure: 'adsm', total: 20 }).success).toBe(
      false,
    );
    expect(MeasureRecordSchema.safeParse({ ...base, measure: 'hads', items: [] }).success).toBe(
      false,
    );
  });
});

describe('purity of shared/clinical', () => {
  const dir = join(import.meta.dirname, '../../../shared/clinical');
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);

  it('never reads the clock', () => {
    expect(sources.length).toBeGreaterThan(10);
    for (const [file, text] of sources) {
      expect({
        file,
        hit: /Date\.now\(|new Date\(\s*\)|DateTime\.(now|local)\(|performance\.now/.exec(text)?.[0],
      }).toEqual({ file, hit: undefined });
    }
  });

  it('imports only zod, luxon and its own modules', () => {
    for (const [file, text] of sources) {
      for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
        expect({
          file,
          spec,
          ok: spec === 'zod' || spec === 'luxon' || /^\.\/[\w-]+$/.test(spec as string),
        }).toMatchObject({ ok: true });
      }
    }
  });
});
