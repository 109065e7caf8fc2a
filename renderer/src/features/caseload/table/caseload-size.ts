import type { CaseloadSize } from '../../../../../shared/ipc';

/**
 * The caseload's size against the service's cap and minimum, in words for the header:
 * "14 active patients · minimum 15 · no service cap". The numbers come from the core
 * (shared/clinical caseloadStatus); this only says them.
 */
export function caseloadSizeWords(size: CaseloadSize): string {
  const parts = [`${size.patients} active ${size.patients === 1 ? 'patient' : 'patients'}`];
  parts.push(size.cap === null ? 'no service cap' : `cap ${size.cap}`);
  if (size.minimum !== null) parts.push(`minimum ${size.minimum}`);
  if (size.allocationLimit !== null && size.allocationLimit !== size.cap)
    parts.push(`allocation stops at ${size.allocationLimit} (the desired caseload)`);
  return parts.join(' · ');
}
