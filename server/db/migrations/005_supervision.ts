/**
 * Migration 5 (issue 15): a CTS-R rating carries a note per item, and every item scored
 * 0–6 (an unscored item is refused, never stored as 0). Older ratings get empty notes.
 */
export const supervisionSchema = `
ALTER TABLE ctsr_ratings ADD COLUMN item_notes text[] NOT NULL
  DEFAULT array_fill(''::text, ARRAY[12]);
ALTER TABLE ctsr_ratings ADD CONSTRAINT ctsr_ratings_items_scored
  CHECK (cardinality(items) = 12 AND cardinality(item_notes) = 12
     AND 0 <= ALL (items) AND 6 >= ALL (items) AND total BETWEEN 0 AND 72);
`;
