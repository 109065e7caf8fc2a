import { useEffect } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { scopedStore } from '../../session-scope';
import { errorText } from '../../ui/errors';
import { onDataChanged, touches } from './data-changes';

export interface QueryState<T> {
  value: T | null;
  error: string | null;
  loading: boolean;
}

export interface LiveQuerySlice<Args, T> {
  byKey: Record<string, QueryState<T>>;
  follow(args: Args): () => void;
  reload(args: Args): Promise<void>;
}

export interface LiveQueryOptions<Args, T> {
  /** Entity names whose change makes this answer stale ('*' always does). */
  entities: readonly string[];
  load(args: Args): Promise<T>;
  key(args: Args): string;
  /** Re-read only when the change names this patient (or names none). */
  patientOf?(args: Args): string | undefined;
}

const idle = { value: null, error: null, loading: true } as const;

/**
 * A store slice holding one core query per argument set, re-read when `sync.dataChanged`
 * names what it shows: the UI never polls. Its answers are patient data: they are forgotten
 * whenever patient data closes (lock, sign-out), never shown again to whoever opens it next.
 */
export function createLiveQuery<Args, T>(
  options: LiveQueryOptions<Args, T>,
): UseBoundStore<StoreApi<LiveQuerySlice<Args, T>>> {
  return scopedStore(
    'patient-data',
    create<LiveQuerySlice<Args, T>>((set, get) => {
      const patch = (key: string, next: Partial<QueryState<T>>): void =>
        set((s) => ({ byKey: { ...s.byKey, [key]: { ...(s.byKey[key] ?? idle), ...next } } }));
      const reload = async (args: Args): Promise<void> => {
        const key = options.key(args);
        patch(key, { loading: true });
        try {
          patch(key, { value: await options.load(args), error: null, loading: false });
        } catch (error) {
          patch(key, { error: errorText(error), loading: false });
        }
      };
      return {
        byKey: {},
        reload,
        follow(args) {
          void get().reload(args);
          const stop = onDataChanged((change) => {
            if (touches(change, options.entities, options.patientOf?.(args))) void reload(args);
          });
          return stop;
        },
      };
    }),
  );
}

/** Follow a live query while the component is mounted; returns its current state. */
export function useLiveQuery<Args, T>(
  store: UseBoundStore<StoreApi<LiveQuerySlice<Args, T>>>,
  args: Args,
  key: string,
): QueryState<T> {
  const follow = store((s) => s.follow);
  // The key stands for the arguments: re-follow only when it changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => follow(args), [follow, key]);
  return store((s) => s.byKey[key]) ?? idle;
}
