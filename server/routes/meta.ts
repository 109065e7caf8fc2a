import type { FastifyInstance } from 'fastify';
import { type DemoAccount, buildOpenApiDocument, routes } from '../../shared/api';
import type { ServerKeys } from '../auth/keys';
import { registerRoute } from '../http/route';

export const SERVER_VERSION = '0.1.0';
const noAuth = async () => undefined;

export const registerMetaRoutes = (
  app: FastifyInstance,
  deps: { keys: ServerKeys; demoAccounts: (() => Promise<DemoAccount[]>) | null },
) => {
  registerRoute(app, routes.health, noAuth, async () => ({
    status: 'ok',
    version: SERVER_VERSION,
  }));
  registerRoute(app, routes.jwks, noAuth, async () => ({
    keys: [
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: deps.keys.publicJwk.x,
        kid: deps.keys.kid,
        alg: 'EdDSA',
        use: 'sig',
      },
    ],
  }));
  const openApi = buildOpenApiDocument({
    title: 'Typed CBT reference backend',
    version: SERVER_VERSION,
  });
  app.get('/openapi.json', async () => openApi);
  // Demo mode only: the route does not exist otherwise (404, not 403).
  const demoAccounts = deps.demoAccounts;
  if (demoAccounts)
    registerRoute(app, routes.demoAccounts, noAuth, async () => ({
      accounts: await demoAccounts(),
    }));
};
