/**
 * Migration 8 (issue 14): a declaration has a purpose — working abroad, or leave (annual leave
 * or sickness, when the caseload pauses). Leave need not be abroad, so the country may be
 * empty for leave only. Every declaration before this one was working abroad.
 */
export const tripPurposeSchema = `
ALTER TABLE work_abroad_declarations
  ADD COLUMN purpose text NOT NULL DEFAULT 'working'
    CHECK (purpose IN ('working', 'annual_leave', 'sick_leave'));
ALTER TABLE work_abroad_declarations ALTER COLUMN country DROP NOT NULL;
ALTER TABLE work_abroad_declarations
  ADD CONSTRAINT work_abroad_declarations_working_has_country
    CHECK (purpose <> 'working' OR country IS NOT NULL);
ALTER TABLE work_abroad_declarations
  ADD CONSTRAINT work_abroad_declarations_dates_in_order CHECK (date_to >= date_from);
`;
