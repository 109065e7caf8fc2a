import { describe, expect, it, vi } from 'vitest';
import {
  buildApi,
  clinicianContract,
  contractEntries,
  type RendererTransport,
} from '../../../shared/ipc';

describe('the IPC contract', () => {
  const entries = contractEntries(clinicianContract);

  it('names every channel namespace.entry, uniquely', () => {
    const channels = entries.map((e) => e.channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
  });

  it('yields exactly one function per entry, and nothing else', () => {
    const transport: RendererTransport = {
      invoke: vi.fn(async () => ({ ok: true as const, value: null })),
      subscribe: vi.fn(() => () => {}),
    };
    const api = buildApi(clinicianContract, transport) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    const exposed = Object.entries(api).flatMap(([ns, group]) =>
      Object.keys(group).map((name) => `${ns}.${name}`),
    );
    expect(exposed.sort()).toEqual(entries.map((e) => e.channel).sort());
    for (const group of Object.values(api))
      for (const fn of Object.values(group)) expect(typeof fn).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('routes methods to invoke and events to subscribe on their own channel', async () => {
    const transport: RendererTransport = {
      invoke: vi.fn(async () => ({ ok: true as const, value: null })),
      subscribe: vi.fn(() => () => {}),
    };
    const api = buildApi(clinicianContract, transport);
    await api.session.status();
    expect(transport.invoke).toHaveBeenCalledWith('session.status', {});
    const listener = vi.fn();
    api.session.changed(listener);
    expect(transport.subscribe).toHaveBeenCalledWith('session.changed', listener);
    expect(() => (api.session.changed as (l: unknown) => void)('not a function')).toThrow(
      TypeError,
    );
  });
});
