import { EraseDeviceButton } from './EraseDeviceButton';
import { useSession } from './session-store';

/** Signing out erases this computer's copy: say so, and say what unsent work would be lost. */
export function SignOutButton() {
  const status = useSession((s) => s.status);
  return (
    <EraseDeviceButton
      label="Sign out…"
      unsentChanges={status?.unsentChanges ?? 0}
      ownerName={status?.user?.displayName ?? null}
    />
  );
}
