import { describe, expect, it } from 'vitest';
import { bridgeToCore } from '../../../electron/core/host/core-bridge';
import { startTestCoreWorker } from '../../support/core-worker';

describe('the core in its worker thread', () => {
  it('answers contract methods through the validating bridge', async () => {
    const worker = await startTestCoreWorker();
    try {
      const core = bridgeToCore(worker, () => {});
      expect(await core.dispatcher.dispatch('app.info', {})).toMatchObject({
        ok: true,
        value: { host: 'preview', version: '0.0.0-test' },
      });
      expect(await core.dispatcher.dispatch('session.status', {})).toMatchObject({
        ok: true,
        value: { state: 'signed-out', user: null },
      });
      expect(await core.dispatcher.dispatch('session.status', { x: 1 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST' },
      });
    } finally {
      await worker.close();
    }
  });

  it('rejects calls after the worker stopped instead of hanging', async () => {
    const worker = await startTestCoreWorker();
    await worker.close();
    await expect(worker.call('app.info', {})).rejects.toThrow(/not running/);
    const core = bridgeToCore(worker, () => {});
    expect(await core.dispatcher.dispatch('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});
