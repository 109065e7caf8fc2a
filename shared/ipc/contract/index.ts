import { z } from 'zod';
import { event, method } from '../define';
import { NoArguments } from './common';
import { crisisContract } from './crisis';
import { locationContract } from './location';
import { messagesContract } from './messages';
import { sessionContract } from './session';
import { supervisionContract } from './supervision';
import { syncContract } from './sync';
import { transcriptsContract } from './transcripts';
import {
  appointmentsContract,
  caseloadContract,
  deadlinesContract,
  hoursContract,
  measuresContract,
  notesContract,
  patientsContract,
  ticketsContract,
} from './workspace';

export * from './common';
export * from './session';
export * from './sync';
export * from './workspace';
export * from './messages';
export * from './transcripts';
export * from './location';
export * from './crisis';
export * from './supervision';

export const AppInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'preview']),
  platform: z.string(),
  packaged: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const NotificationSettings = z.strictObject({
  /** Desktop notifications of supervisors' decisions (a count, never a patient). */
  desktop: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

/** What this computer holds of the service's data: for Settings, to be judged by a person. */
export const DeviceData = z.strictObject({
  /** The encrypted database file (its pages), in bytes. */
  databaseBytes: z.int().min(0),
  /** Records per kind, in the order a clinician thinks of them. */
  kinds: z.array(
    z.strictObject({
      kind: z.enum([
        'patients',
        'appointments',
        'messages',
        'notes',
        'measures',
        'tickets',
        'transcripts',
        'utterances',
        'emergencyContacts',
      ]),
      count: z.int().min(0),
    }),
  ),
});
export type DeviceData = z.infer<typeof DeviceData>;

/**
 * The IPC contract: the only definition of every method and event name, with the zod
 * schemas of what crosses the boundary. The preload, the preview shim, the main-process
 * handlers and the core's dispatcher are all generated from this table.
 */
export const clinicianContract = {
  app: {
    info: method(NoArguments, AppInfo, 'Name, version and host of the running app.'),
    notice: event(
      z.strictObject({
        level: z.enum(['info', 'warning', 'error']),
        message: z.string(),
        /**
         * Also as a desktop notification (the person's setting allows it). Only a message with
         * no patient-identifiable text may set it: the OS shows it outside the app, even on a
         * locked screen.
         */
        desktop: z.boolean().default(false),
      }),
      'Something the user should know now.',
    ),
    notificationSettings: method(
      NoArguments,
      NotificationSettings,
      "This device's notification settings (patient data open).",
    ),
    setNotificationSettings: method(
      NotificationSettings,
      NotificationSettings,
      'Turn desktop notifications on or off on this device.',
    ),
    deviceData: method(
      NoArguments,
      DeviceData,
      "What this computer's encrypted copy holds: its size and the records of each kind (patient data open).",
    ),
  },
  session: sessionContract,
  sync: syncContract,
  location: locationContract,
  crisis: crisisContract,
  caseload: caseloadContract,
  patients: patientsContract,
  appointments: appointmentsContract,
  measures: measuresContract,
  messages: messagesContract,
  notes: notesContract,
  tickets: ticketsContract,
  transcripts: transcriptsContract,
  deadlines: deadlinesContract,
  hours: hoursContract,
  supervision: supervisionContract,
} as const;

export type ClinicianContract = typeof clinicianContract;
