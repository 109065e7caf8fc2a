import type { ContractShape, MethodSpec } from './define';
import { contractEntries } from './define';
import type { IpcResult } from './result';
import { describeIssues, fail, isRefusal, ok } from './result';

/** A method implementation after its request was parsed; returns the unparsed response. */
export type MethodImpl = (request: unknown) => unknown;

export interface Dispatcher {
  readonly channels: ReadonlySet<string>;
  /** Parse the request, run the method, parse the response. Never throws. */
  dispatch(channel: string, rawRequest: unknown): Promise<IpcResult<unknown>>;
}

/**
 * The one validating path every host uses between an untrusted caller and the core: the
 * Electron handle() after its sender check, and the preview host after its token check.
 * A malformed payload is a clear INVALID_REQUEST, never a throw into the core.
 */
export function createDispatcher(
  contract: ContractShape,
  resolve: (channel: string) => MethodImpl | undefined,
  onInternalError: (channel: string, error: unknown) => void = () => {},
): Dispatcher {
  const methods = new Map<string, MethodSpec>();
  for (const { channel, spec } of contractEntries(contract)) {
    if (spec.kind === 'method') methods.set(channel, spec);
  }
  return {
    channels: new Set(methods.keys()),
    async dispatch(channel, rawRequest) {
      const spec = typeof channel === 'string' ? methods.get(channel) : undefined;
      const impl = spec ? resolve(channel) : undefined;
      if (!spec || !impl) {
        return fail({
          code: 'UNKNOWN_CHANNEL',
          message: `There is no method called "${String(channel)}".`,
        });
      }
      const request = spec.request.safeParse(rawRequest);
      if (!request.success) {
        return fail({
          code: 'INVALID_REQUEST',
          message: `${channel}: the request was not valid.`,
          issues: describeIssues(request.error, 'request'),
        });
      }
      let raw: unknown;
      try {
        raw = await impl(request.data);
      } catch (error) {
        if (isRefusal(error)) return fail({ code: 'REFUSED', message: error.message });
        onInternalError(channel, error);
        return fail({ code: 'INTERNAL', message: `${channel} failed: ${errorMessage(error)}` });
      }
      const response = spec.response.safeParse(raw);
      if (!response.success) {
        onInternalError(channel, response.error);
        return fail({
          code: 'INVALID_RESPONSE',
          message: `${channel}: the app produced an answer it could not vouch for.`,
          issues: describeIssues(response.error, 'response'),
        });
      }
      return ok(response.data);
    },
  };
}

const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
