import { ViewHeading } from '../../ui/ViewHeading';
import { TripPlanner } from './TripPlanner';

/** Working abroad: plan a trip and see where each planned trip stands with the service. */
export function WorkingAbroadView() {
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>Working abroad</ViewHeading>
      <TripPlanner />
    </section>
  );
}
