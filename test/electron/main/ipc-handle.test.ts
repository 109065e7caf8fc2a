import { describe, expect, it, vi } from 'vitest';
import { createCheckedHandler } from '../../../electron/main/ipc/checked-handler';
import { clinicianContract, createDispatcher, type MethodImpl } from '../../../shared/ipc';

const appFrame = { url: 'app://clinician/index.html', parent: null };
const validInfo = {
  name: 'Typed CBT Clinician',
  version: '1.0.0',
  host: 'electron',
  platform: 'linux',
  packaged: false,
};

function harness(impls: Record<string, MethodImpl> = {}) {
  const core = vi.fn<MethodImpl>(async () => validInfo);
  const dispatcher = createDispatcher(
    clinicianContract,
    (channel) => impls[channel] ?? (channel === 'app.info' ? core : undefined),
  );
  return { core, handler: createCheckedHandler(dispatcher) };
}

describe('IPC handle()', () => {
  it('answers our own page in its main frame', async () => {
    const { handler } = harness();
    expect(await handler({ senderFrame: appFrame }, 'app.info', {})).toEqual({
      ok: true,
      value: validInfo,
    });
  });

  it.each([
    ['a foreign origin', { url: 'https://evil.example/', parent: null }],
    ['a look-alike app host', { url: 'app://clinician.evil/index.html', parent: null }],
    ['file://', { url: 'file:///tmp/index.html', parent: null }],
    ['a sub-frame of our own page', { url: 'app://clinician/index.html', parent: appFrame }],
    ['a destroyed frame', null],
    ['a frame with a junk URL', { url: 'not a url', parent: null }],
  ])('refuses %s without reaching the core', async (_name, senderFrame) => {
    const { core, handler } = harness();
    const result = await handler({ senderFrame }, 'app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(core).not.toHaveBeenCalled();
  });

  it.each([
    ['an extra field', { evil: true }],
    ['a string', 'hello'],
    ['null', null],
    ['an array', []],
  ])(
    'rejects a malformed payload (%s) with field errors, core untouched',
    async (_name, payload) => {
      const { core, handler } = harness();
      const result = await handler({ senderFrame: appFrame }, 'app.info', payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      if (!result.ok) expect(result.error.issues?.length).toBeGreaterThan(0);
      expect(core).not.toHaveBeenCalled();
    },
  );

  it('refuses an unknown channel and prototype keys', async () => {
    const { handler } = harness();
    for (const channel of ['app.delete', '__proto__', 'constructor.prototype', 'session.changed']) {
      expect(await handler({ senderFrame: appFrame }, channel, {})).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' },
      });
    }
  });

  it('turns a core failure into an error result instead of a crash', async () => {
    const { handler } = harness({
      'session.status': () => {
        throw new Error('store is locked');
      },
    });
    expect(await handler({ senderFrame: appFrame }, 'session.status', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'session.status failed: store is locked' },
    });
  });

  it('does not vouch for a response that breaks the contract', async () => {
    const { handler } = harness({ 'session.status': () => ({ state: 'hacked' }) });
    expect(await handler({ senderFrame: appFrame }, 'session.status', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_RESPONSE' },
    });
  });
});
