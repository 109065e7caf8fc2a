import { describe, expect, it } from 'vitest';
import {
  type PresentedRefreshToken,
  type RefreshDecision,
  judgeRefresh,
} from '../../server/auth/refresh';
import { refreshGraceFromEnv } from '../../server/cli/env';

const now = new Date('2026-06-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const live: PresentedRefreshToken = {
  expiresAt: new Date(now.getTime() + 86_400_000),
  usedAt: null,
  revokedAt: null,
  revokedReason: null,
  deviceRevokedAt: null,
  deviceSignedOutAt: null,
  userDisabledAt: null,
  hasLiveChild: false,
};
const refuse = (code: string, revokeFamily = false): RefreshDecision =>
  ({ kind: 'refuse', code, revokeFamily }) as RefreshDecision;

describe('judgeRefresh: the refresh policy', () => {
  it.each<[string, Partial<PresentedRefreshToken>, RefreshDecision]>([
    ['a live token rotates', {}, { kind: 'rotate' }],
    [
      'a revoked device is told so, whatever else holds',
      { deviceRevokedAt: ago(5), usedAt: ago(500), userDisabledAt: ago(5) },
      refuse('DEVICE_REVOKED'),
    ],
    ['a disabled account is told so', { userDisabledAt: ago(5) }, refuse('ACCOUNT_DISABLED')],
    ['a signed-out device', { deviceSignedOutAt: ago(5) }, refuse('REFRESH_TOKEN_INVALID')],
    [
      'a token of a revoked family',
      { revokedAt: ago(5), revokedReason: 'reused' },
      refuse('REFRESH_TOKEN_INVALID'),
    ],
    [
      'a superseded token (its retry got another): reuse',
      { revokedAt: ago(5), revokedReason: 'superseded' },
      refuse('REFRESH_TOKEN_REUSED', true),
    ],
    [
      'the previous token within the grace',
      { usedAt: ago(59), hasLiveChild: true },
      { kind: 'reissue' },
    ],
    [
      'the previous token at the end of the grace',
      { usedAt: ago(60), hasLiveChild: true },
      refuse('REFRESH_TOKEN_REUSED', true),
    ],
    [
      'an older token (its successor was used), at once',
      { usedAt: ago(1), hasLiveChild: false },
      refuse('REFRESH_TOKEN_REUSED', true),
    ],
    ['an expired token', { expiresAt: now }, refuse('REFRESH_TOKEN_EXPIRED')],
    [
      'an expired token of a disabled account',
      { expiresAt: ago(1), userDisabledAt: ago(5) },
      refuse('ACCOUNT_DISABLED'),
    ],
  ])('%s', (_, change, expected) => {
    expect(judgeRefresh({ ...live, ...change }, now, 60)).toEqual(expected);
  });

  it('has no grace when configured with none', () => {
    expect(judgeRefresh({ ...live, usedAt: now, hasLiveChild: true }, now, 0)).toEqual(
      refuse('REFRESH_TOKEN_REUSED', true),
    );
  });
});

describe('REFRESH_REUSE_GRACE_SECONDS', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['0', 0],
    ['90', 90],
  ])('reads %j as %j', (value, seconds) => {
    expect(
      refreshGraceFromEnv(value === undefined ? {} : { REFRESH_REUSE_GRACE_SECONDS: value }),
    ).toBe(seconds);
  });

  it.each(['-1', '1.5', 'soon', '3601'])('refuses %j with a clear error', (value) => {
    expect(() => refreshGraceFromEnv({ REFRESH_REUSE_GRACE_SECONDS: value })).toThrow(
      /REFRESH_REUSE_GRACE_SECONDS must be a whole number of seconds/,
    );
  });
});
