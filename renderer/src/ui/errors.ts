import { ClinicianError } from '../bridge';

/** An error in words for the user: refusals are written for them; field issues are listed. */
export function errorText(error: unknown): string {
  if (error instanceof ClinicianError) {
    const issues = error.detail.issues?.map((issue) => issue.message) ?? [];
    if (error.detail.code === 'INVALID_REQUEST' && issues.length > 0) {
      return `Please check: ${issues.join('; ')}.`;
    }
    return error.detail.message;
  }
  return error instanceof Error ? error.message : String(error);
}
