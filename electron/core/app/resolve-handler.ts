import type { MethodImpl } from '../../../shared/ipc';
import type { ClinicianHandlers } from '../../../shared/ipc';

/** Look up `namespace.method` in the handler table without touching prototype keys. */
export function resolveHandler(
  handlers: ClinicianHandlers,
  channel: string,
): MethodImpl | undefined {
  const dot = channel.indexOf('.');
  if (dot <= 0) return undefined;
  const namespace = channel.slice(0, dot);
  const name = channel.slice(dot + 1);
  if (!Object.hasOwn(handlers, namespace)) return undefined;
  const group = (handlers as unknown as Record<string, Record<string, unknown>>)[namespace];
  if (!group || !Object.hasOwn(group, name)) return undefined;
  const fn = group[name];
  return typeof fn === 'function' ? (request) => (fn as MethodImpl)(request) : undefined;
}
