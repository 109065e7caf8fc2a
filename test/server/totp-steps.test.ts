import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { matchTotp, newTotpSecret } from '../../server/auth/totp';

const secret = newTotpSecret();
const now = new Date('2026-06-01T12:00:15Z');
const step = Math.floor(now.getTime() / 1000 / 30);
const codeOf = (s: number) => generate({ secret, epoch: s * 30 });

describe('matchTotp', () => {
  it.each<[string, number, number | null, boolean]>([
    ['the current step', step, null, true],
    ['one step early (a slow phone clock)', step - 1, null, true],
    ['one step late (a fast phone clock)', step + 1, null, true],
    ['two steps away', step - 2, null, false],
    ['the last accepted step again', step, step, false],
    ['a step before the last accepted one', step - 1, step, false],
    ['a step after the last accepted one', step + 1, step, true],
  ])('%s', async (_, codeStep, afterStep, ok) => {
    const match = await matchTotp(secret, await codeOf(codeStep), { afterStep, now });
    expect(match).toEqual(ok ? { ok: true, step: codeStep } : { ok: false });
  });

  it('refuses what is not a code', async () => {
    expect(await matchTotp(secret, 'abcdef', { afterStep: null, now })).toEqual({ ok: false });
  });
});
