/**
 * Migration 12 (issue 12): placeholders for feed rows whose position is handed out just
 * before their transaction commits (`sync/feed.ts`). Positions are unique, so a row written
 * before its position is known takes a unique negative placeholder from this sequence
 * (`nextval` takes no lock and is never rolled back). Readers never see one: the row is
 * invisible until it commits, and it is moved to its position before COMMIT.
 */
export const feedPlaceholdersSchema = `
CREATE SEQUENCE feed_placeholders;
`;
