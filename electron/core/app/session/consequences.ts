import type { SignInNeededWhy } from '../../../../shared/ipc';
import { type ApiFailure, assertNeverFailure } from '../../api/failure';

/**
 * What a failed call means for the session on this device: the one rule, decided from the
 * API client's classification of the answer, never from error names. Only an explicit
 * revocation or account deletion erases the device; a sign-in that can no longer be renewed
 * asks for an online sign-in and keeps everything; everything else is not about the session.
 */
export type SessionConsequence =
  | { readonly kind: 'erase'; readonly message: string }
  | { readonly kind: 'sign-in-needed'; readonly why: SignInNeededWhy }
  | { readonly kind: 'country-refused'; readonly country: string; readonly message: string }
  | { readonly kind: 'none' };

export function sessionConsequenceOf(failure: ApiFailure): SessionConsequence {
  switch (failure.kind) {
    case 'revoked':
      return {
        kind: 'erase',
        message:
          failure.reason === 'account-deleted'
            ? "Your account was deleted by the service, so this device's data has been erased."
            : 'This device was removed from your account, so its data has been erased.',
      };
    case 'reauthenticate':
      return {
        kind: 'sign-in-needed',
        why:
          failure.code === 'REFRESH_TOKEN_EXPIRED'
            ? 'session-expired'
            : failure.code === 'ACCOUNT_DISABLED'
              ? 'account-disabled'
              : 'session-ended',
      };
    case 'country':
      return { kind: 'country-refused', country: failure.country, message: failure.message };
    case 'network':
    case 'unavailable':
    case 'malformed':
    case 'rate-limited':
    case 'token-expired':
    case 'refused':
    case 'signed-out':
      return { kind: 'none' };
    default:
      return assertNeverFailure(failure);
  }
}

/** Why an online sign-in is needed, in words for the person (the unsent count is added). */
export const signInNeededText: Readonly<Record<SignInNeededWhy, string>> = {
  'session-expired':
    'Your sign-in on this computer has expired (it lasts 30 days without a connection). Sign in again online to continue.',
  'session-ended':
    'The service ended the sign-in on this computer (a sign-in token was refused, or an answer was lost on the way). Sign in again online to continue.',
  'account-disabled':
    'Your account is disabled. Ask your service to enable it, then sign in again online to continue.',
  'too-many-passcodes':
    'Too many wrong passcodes. Sign in again online with your password and authenticator code, and choose a new passcode.',
};
