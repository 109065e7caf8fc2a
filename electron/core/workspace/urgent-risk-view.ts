import { type UrgentRisk, urgentRiskNow } from '../../../shared/clinical';
import type { UrgentRiskView } from '../../../shared/ipc';

/** Who to call about urgent risk at `asOf`, with the service's weekly cover, for the page. */
export function urgentRiskView(config: UrgentRisk, asOf: string): UrgentRiskView {
  const now = urgentRiskNow(asOf, config);
  return {
    cover: now.cover,
    number: now.number,
    until: now.until,
    sentence: now.sentence,
    officeHours: config.officeHours,
    officeNumber: config.officeNumber,
    onCallHours: config.onCallHours,
    onCallNumber: config.onCallNumber,
    outsideHours: config.outsideHours,
    asOf,
  };
}
