import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_WINDOW,
  buildOpenApiDocument,
  Cursor,
  IsoDate,
  IsoDateTime,
  PullQuery,
  mutationPayloads,
  offsetMinutesOf,
} from '../../shared/api';

// The contract admits only values the database can hold and the server can send back.

describe('the API calendar (shared/api/common)', () => {
  it('refuses instants the database cannot hold or could not send back, and offsets beyond ±14:00', () => {
    for (const bad of [
      '0000-01-01T00:00:00Z', // no year 0 in PostgreSQL
      '0001-01-01T00:00:00+01:00', // a BC instant in UTC
      '9999-12-31T23:59:59-12:00', // year 10000 in UTC
      '1899-12-31T23:59:59.999Z',
      '1900-01-01T00:00:00+14:00', // 1899 in UTC
      '2200-01-01T00:00:00Z',
      '2199-12-31T23:00:00-01:00', // 2200 in UTC
      '2026-01-01T00:00:00+23:59',
      '2026-01-01T00:00:00-14:01',
      '2026-01-01T00:00:00.1234567Z', // PostgreSQL would round it
    ]) {
      expect(IsoDateTime.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('accepts the window edges, every real offset and microsecond precision', () => {
    for (const good of [
      '1900-01-01T00:00:00Z',
      '1900-01-01T00:00:00-12:00',
      '2199-12-31T23:59:59.999999Z',
      '2199-12-31T23:59:59+14:00',
      '2026-06-01T09:30:00.123456+05:45',
      '2026-01-01T00:00:00-14:00',
      new Date().toISOString(),
    ]) {
      expect(IsoDateTime.safeParse(good).success, good).toBe(true);
    }
    expect(offsetMinutesOf('2026-06-01T09:30:00+05:45')).toBe(345);
    expect(offsetMinutesOf('2026-06-01T09:30:00-03:30')).toBe(-210);
    expect(offsetMinutesOf('2026-06-01T09:30:00Z')).toBe(0);
  });

  it('refuses dates outside the window and impossible dates', () => {
    for (const bad of ['0000-01-01', '1899-12-31', '2200-01-01', '2027-02-29'])
      expect(IsoDate.safeParse(bad).success, bad).toBe(false);
    for (const good of [CALENDAR_WINDOW.firstDate, CALENDAR_WINDOW.lastDate, '2028-02-29'])
      expect(IsoDate.safeParse(good).success, good).toBe(true);
  });
});

describe('integers and cursors within their column types', () => {
  it('takes a cursor up to 2^63-1 (bigint) and refuses the next one', () => {
    expect(Cursor.safeParse('9223372036854775807').success).toBe(true);
    expect(Cursor.safeParse('9223372036854775808').success).toBe(false);
    expect(Cursor.safeParse('9999999999999999999').success).toBe(false);
    expect(PullQuery.safeParse({ lane: 'core', after: '9223372036854775808' }).success).toBe(false);
  });

  it('refuses a base version beyond a PostgreSQL integer', () => {
    const save = (baseVersion: number) =>
      mutationPayloads['note.save'].safeParse({
        noteId: randomUUID(),
        patientId: randomUUID(),
        appointmentId: null,
        kind: 'session_note',
        body: 'x',
        baseVersion,
      }).success;
    expect(save(2 ** 31 - 1)).toBe(true);
    expect(save(2 ** 31)).toBe(false);
    expect(
      mutationPayloads['note.submit'].safeParse({ noteId: randomUUID(), baseVersion: 2 ** 53 })
        .success,
    ).toBe(false);
  });

  it('refuses text the database would silently alter (an unpaired surrogate)', () => {
    const message = (body: string) =>
      mutationPayloads['message.send'].safeParse({
        messageId: randomUUID(),
        patientId: randomUUID(),
        body,
      }).success;
    expect(message('fine 👍')).toBe(true);
    expect(message('broken \uD83D here')).toBe(false);
    expect(message('\uDC4D')).toBe(false);
  });
});

describe('the published OpenAPI document', () => {
  it('states the calendar window, the offset range and the cursor range', () => {
    const doc = JSON.stringify(buildOpenApiDocument({ title: 't', version: '1' }));
    expect(doc).toContain(`from ${CALENDAR_WINDOW.firstDate}T00:00:00Z`);
    expect(doc).toContain('within ±14:00');
    expect(doc).toContain('9223372036854775807');
    expect(doc).toContain('"maximum":2147483647');
  });
});
