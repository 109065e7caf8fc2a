import { z } from 'zod';

/**
 * Every IPC call resolves to a result envelope rather than throwing: Electron flattens
 * errors thrown across ipcRenderer.invoke and contextBridge to a bare message, and a
 * therapist needs the code and the field-level reason to act on a refusal.
 */
export const ipcErrorCodes = [
  'REFUSED',
  'INVALID_REQUEST',
  'INVALID_RESPONSE',
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'CORE_UNAVAILABLE',
  'INTERNAL',
] as const;

export const IpcError = z.object({
  code: z.enum(ipcErrorCodes),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type IpcError = z.infer<typeof IpcError>;

export type IpcResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (error: IpcError): IpcResult<never> => ({ ok: false, error });

export const IpcResultEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcError }),
]);

/** Field errors a person can read: `request.email: Invalid email address`. */
export function describeIssues(
  error: z.ZodError,
  root: string,
): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: [root, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * A refusal the user can act on ("Wrong passcode: 3 attempts left", "Patient data is
 * locked"): its message is shown as is, with code REFUSED, not as an internal failure.
 */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
}
export const isRefusal = (error: unknown): error is Error =>
  error instanceof Error && error.name === 'RefusedError';
