import type { DemoAccount } from '../../../shared/api';

/** Where the crash loop kills the core (part 2 of the proof). */
export const CRASH_MODES = ['initial', 'incremental', 'autosave', 'eviction', 'drift'] as const;
export type CrashMode = (typeof CRASH_MODES)[number];
export interface CrashHostConfig {
  dataDir: string;
  serverUrl: string;
  account: DemoAccount;
  mode: CrashMode;
  seed: number;
  /** The note this device autosaves (created by the first autosave run, which prints it). */
  noteId: string | null;
  /** The number of the first autosave of this run (autosaves are numbered across runs). */
  autosaveFrom: number;
}
