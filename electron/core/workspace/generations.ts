/**
 * Which parts of the cache changed, for memoised reads: one counter per entity, and one for
 * changes of unknown reach ('*': a refusal, an eviction, a signed-out session). A reader asks
 * for the entities it is built from, so the case facts are not rebuilt for every page of
 * transcripts an initial sync stores (400k utterances arrive in 40 pages after the caseload).
 */
export interface Generations {
  /** Record that these entities changed ('*': anything may have). */
  bump(entities: readonly string[]): void;
  /** A number that moves whenever any of these entities (or '*') changed, and only then. */
  of(entities: readonly string[]): number;
}

export function createGenerations(): Generations {
  const counters = new Map<string, number>();
  let everything = 0;
  return {
    bump(entities) {
      if (entities.length === 0 || entities.includes('*')) {
        everything += 1;
        return;
      }
      for (const entity of new Set(entities)) counters.set(entity, (counters.get(entity) ?? 0) + 1);
    },
    of(entities) {
      // Counters only grow, so the sum moves when any one of them does.
      let sum = everything;
      for (const entity of entities) sum += counters.get(entity) ?? 0;
      return sum;
    },
  };
}
