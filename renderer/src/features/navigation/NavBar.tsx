import type { Route } from './nav-store';
import { useNav } from './nav-store';

interface Item {
  route: Route;
  label: string;
  supervisorOnly?: boolean;
}

const items: Item[] = [
  { route: { view: 'today' }, label: 'Today and deadlines' },
  { route: { view: 'caseload' }, label: 'Caseload' },
  { route: { view: 'messages' }, label: 'Messages' },
  { route: { view: 'transcripts' }, label: 'Transcripts' },
  { route: { view: 'tickets' }, label: 'Tickets' },
  { route: { view: 'hours' }, label: 'Hours' },
  { route: { view: 'urgent-risk' }, label: 'Urgent risk' },
  { route: { view: 'abroad' }, label: 'Working abroad' },
  { route: { view: 'therapists' }, label: 'My therapists', supervisorOnly: true },
  { route: { view: 'settings' }, label: 'Settings' },
];

/** A supervisor's Today is the week's supervision; their tickets are a queue to work. */
const supervisorLabels: Partial<Record<Route['view'], string>> = {
  today: 'Supervision this week',
  tickets: 'Tickets queue',
};

/** Which navigation item a route belongs to (a patient page sits under the caseload). */
function section(route: Route): Route['view'] {
  if (route.view === 'patient' || route.view === 'note') return 'caseload';
  return route.view;
}

export function NavBar({ supervisor }: { supervisor: boolean }) {
  const route = useNav((s) => s.route);
  const go = useNav((s) => s.go);
  const current = section(route);
  return (
    <nav className="nav" aria-label="Workspace">
      <ul>
        {items
          .filter((item) => supervisor || !item.supervisorOnly)
          .map((item) => (
            <li key={item.route.view}>
              <button
                type="button"
                className="nav__item"
                aria-current={current === item.route.view ? 'page' : undefined}
                onClick={() => go(item.route)}
              >
                {supervisor ? (supervisorLabels[item.route.view] ?? item.label) : item.label}
              </button>
            </li>
          ))}
      </ul>
    </nav>
  );
}
