import { useEffect, useState } from 'react';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';
import { ErrorText } from '../../ui/Feedback';

/**
 * The device's setting for desktop notifications of supervisors' decisions. They say how
 * many tickets were decided, never which patient. Turning them on in a browser asks for its
 * permission (a click is needed for that).
 */
export function NotificationSetting() {
  const [desktop, setDesktop] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    unwrap(clinician().app.notificationSettings({})).then(
      (s) => setDesktop(s.desktop),
      (e: unknown) => setError(errorText(e)),
    );
  }, []);
  const change = (on: boolean): void => {
    if (on && typeof Notification !== 'undefined' && Notification.permission === 'default')
      void Notification.requestPermission();
    unwrap(clinician().app.setNotificationSettings({ desktop: on })).then(
      (s) => {
        setDesktop(s.desktop);
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  };
  return (
    <section className="panel" aria-labelledby="notification-setting-heading">
      <h3 id="notification-setting-heading" className="small-heading">
        Notifications
      </h3>
      <label>
        <input
          type="checkbox"
          checked={desktop ?? false}
          disabled={desktop === null}
          aria-describedby="notification-setting-hint"
          onChange={(e) => change(e.target.checked)}
        />{' '}
        Desktop notifications for deadlines falling due, refused changes and my supervisor’s
        decisions
      </label>
      <p id="notification-setting-hint" className="muted small">
        They say how many, never which patient: a deadline within the hour or now overdue, a change
        the service refused, a ticket decided. Today and the status bar show them either way.
      </p>
      <ErrorText error={error} />
    </section>
  );
}
