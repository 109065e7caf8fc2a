import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { type DemoAccount, type ErrorBody, LOCATION_ATTESTATION_HEADER } from '../shared/api';
import type { ServerKeys } from './auth/keys';
import type { AuthSettings } from './auth/settings';
import type { Database } from './db/database';
import type { CountryResolver } from './geo/countryResolver';
import { authenticateBearer } from './http/authenticate';
import { ApiError } from './http/errors';
import { registerDepthLimitedJsonParser } from './http/jsonBody';
import { registerAuthRoutes } from './routes/auth';
import { registerMetaRoutes } from './routes/meta';
import { registerScopePullRoute } from './routes/scopePull';
import { registerSyncRoutes } from './routes/sync';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppDeps {
  db: Database;
  keys: ServerKeys;
  countries: CountryResolver;
  /** Trusted proxy addresses/CIDRs (parseTrustedProxies); empty: X-Forwarded-For is ignored. */
  trustedProxies: readonly string[];
  demoAccounts: (() => Promise<DemoAccount[]>) | null;
  auth: AuthSettings;
  logger: FastifyBaseLogger | false;
}

const errorBody = (
  code: ErrorBody['code'],
  message: string,
  extra: Partial<ErrorBody> = {},
): ErrorBody => ({
  serverTime: new Date().toISOString(),
  code,
  message,
  ...extra,
});

/** Builds the API. Stateless: everything lives in the database, so nodes scale out. */
export const buildApp = (deps: AppDeps): FastifyInstance => {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    // A list only (proxy-addr: the rightmost address no trusted proxy added), never `true`.
    trustProxy: deps.trustedProxies.length > 0 ? [...deps.trustedProxies] : false,
  }) as unknown as FastifyInstance;

  registerDepthLimitedJsonParser(app, BODY_LIMIT_BYTES);

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-server-time', new Date().toISOString());
    reply.header('cache-control', 'no-store');
    // An attestation vouches for a caller we served: never on a refusal or an error, whatever
    // stage of the request minted it.
    if (reply.statusCode !== 200) reply.removeHeader(LOCATION_ATTESTATION_HEADER);
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) {
      if (error.retryAfterSeconds !== undefined)
        reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(error.status).send(errorBody(error.code, error.message, error.extra));
    }
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    if (status === 413)
      return reply
        .status(413)
        .send(
          errorBody(
            'PAYLOAD_TOO_LARGE',
            `The request body is larger than ${BODY_LIMIT_BYTES} bytes.`,
          ),
        );
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send(
          errorBody('VALIDATION_FAILED', error instanceof Error ? error.message : 'Bad request'),
        );
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send(errorBody('INTERNAL', 'Something went wrong on the server. Try again.'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );

  const gate = { db: deps.db, keys: deps.keys, countries: deps.countries };
  const authenticate = (
    request: Parameters<typeof authenticateBearer>[1],
    reply: Parameters<typeof authenticateBearer>[2],
  ) => authenticateBearer(gate, request, reply);
  registerMetaRoutes(app, { keys: deps.keys, demoAccounts: deps.demoAccounts });
  registerAuthRoutes(app, { ...gate, auth: deps.auth }, authenticate);
  registerSyncRoutes(app, deps.db, authenticate);
  registerScopePullRoute(app, deps.db, authenticate);
  return app;
};
