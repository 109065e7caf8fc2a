import { ViewHeading } from '../../ui/ViewHeading';
import { UrgentRiskPanel } from './UrgentRiskPanel';

/** The crisis panel: always one click away in the navigation. */
export function UrgentRiskView() {
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>Urgent risk</ViewHeading>
      <UrgentRiskPanel />
    </section>
  );
}
