import type { Route } from './nav-store';

export interface NavItem {
  route: Route;
  label: string;
  supervisorOnly?: boolean;
}

/** The workspace's views, in the navigation's order. */
export const NAV_ITEMS: readonly NavItem[] = [
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
const SUPERVISOR_LABELS: Partial<Record<Route['view'], string>> = {
  today: 'Supervision this week',
  tickets: 'Tickets queue',
};

export function navLabel(item: NavItem, supervisor: boolean): string {
  return supervisor ? (SUPERVISOR_LABELS[item.route.view] ?? item.label) : item.label;
}
