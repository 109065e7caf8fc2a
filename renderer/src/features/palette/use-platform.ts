import { isMac } from './shortcuts';

/**
 * Whether this computer is a Mac (⌘ rather than Ctrl): the browser's userAgentData where it
 * has it, else the platform string; read once — it cannot change while the app runs.
 */
const mac = ((): boolean => {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return isMac(nav.userAgentData?.platform ?? nav.platform);
})();

export function usePlatform(): boolean {
  return mac;
}
