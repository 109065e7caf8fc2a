import type { FastifyInstance } from 'fastify';
import { routes } from '../../shared/api';
import type { Database } from '../db/database';
import type { Caller } from '../http/authenticate';
import { registerRoute } from '../http/route';
import { applyPush } from '../push/engine';
import { checksumsFor } from '../sync/checksums';
import { PullWire, pullBody, pullFor } from '../sync/pull';

type Authenticate = Parameters<typeof registerRoute<typeof routes.pull, Caller>>[2];

export const registerSyncRoutes = (
  app: FastifyInstance,
  db: Database,
  authenticate: Authenticate,
) => {
  registerRoute(
    app,
    routes.pull,
    authenticate,
    async ({ query, auth, request }) => {
      const user = { id: auth.userId, orgId: auth.orgId };
      const page = await pullFor(db, user, query.lane, query.after, query.limit, request.log);
      return { lane: query.lane, ...page };
    },
    // Every record's text was checked against its contract when it was rendered (what
    // failed was left out and quarantined): the envelope and each change's own fields are
    // checked here, and the records' text is spliced into the body as stored.
    { responseEnvelope: PullWire, serialise: pullBody },
  );

  registerRoute(app, routes.checksums, authenticate, async ({ query, auth }) =>
    checksumsFor(db, { id: auth.userId, orgId: auth.orgId }, query.lane),
  );

  registerRoute(app, routes.push, authenticate, async ({ body, auth, request }) =>
    applyPush(db, auth, body, request.log),
  );
};
