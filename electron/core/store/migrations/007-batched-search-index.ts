/**
 * Migration 7: a transcript's lines enter the full-text index in one statement, after they are
 * stored (`transcriptWriter`), not one by one through a trigger. Both keep the index exact at
 * every commit; the batched form stores a new device's 400k lines in about 45 % less time
 * (docs/performance.md). The delete and update triggers stay: every way a line leaves or
 * changes still reaches the index.
 */
export const batchedSearchIndexSchema = `
DROP TRIGGER utterances_indexed;
`;
