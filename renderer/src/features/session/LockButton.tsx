import { ariaShortcut, withShortcut } from '../palette/shortcuts';
import { usePlatform } from '../palette/use-platform';
import { useSession } from './session-store';

/** Closes patient data at once (the passcode opens it again); also Ctrl/⌘ Shift L. */
export function LockButton() {
  const lock = useSession((s) => s.lock);
  const mac = usePlatform();
  return (
    <button
      type="button"
      className="button button--small"
      aria-keyshortcuts={ariaShortcut('lock', mac)}
      title={withShortcut('Lock now', 'lock', mac)}
      onClick={lock}
    >
      Lock now
    </button>
  );
}
