import { z } from 'zod';
import { event, method } from '../define';

/** Requests that carry nothing are still parsed: a renderer cannot smuggle fields in. */
const NoArguments = z.object({}).strict();

export const Role = z.enum(['pwp', 'therapist', 'supervisor', 'admin']);

export const AppInfo = z
  .object({
    name: z.string(),
    version: z.string(),
    host: z.enum(['electron', 'preview']),
    platform: z.string(),
    packaged: z.boolean(),
  })
  .strict();
export type AppInfo = z.infer<typeof AppInfo>;

export const SessionState = z.enum(['signed-out', 'locked', 'location-check-needed', 'unlocked']);

export const SessionStatus = z
  .object({
    state: SessionState,
    user: z.object({ id: z.string(), displayName: z.string(), role: Role }).strict().nullable(),
    /** ISO-8601 UTC instant of the last change. */
    changedAt: z.iso.datetime(),
  })
  .strict();
export type SessionStatus = z.infer<typeof SessionStatus>;

/**
 * The IPC contract: the only definition of every method and event name, with the zod
 * schemas of what crosses the boundary. The preload, the preview shim, the main-process
 * handlers and the core's dispatcher are all generated from this table.
 */
export const clinicianContract = {
  app: {
    info: method(NoArguments, AppInfo, 'Name, version and host of the running app.'),
  },
  session: {
    status: method(
      NoArguments,
      SessionStatus,
      'Who is signed in and whether patient data is open.',
    ),
    changed: event(SessionStatus, 'The session status changed (sign-in, lock, unlock, wipe).'),
  },
} as const;

export type ClinicianContract = typeof clinicianContract;
