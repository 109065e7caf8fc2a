/**
 * Migration 5 (issue 14): a planned period abroad can be cancelled before it starts. The
 * declaration is kept (the service keeps every declaration), marked with when it was cancelled.
 */
export const workAbroadTripsSchema = `
ALTER TABLE work_abroad_declarations ADD COLUMN cancelled_at timestamptz;
`;
