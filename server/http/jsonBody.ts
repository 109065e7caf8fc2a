import type { FastifyInstance } from 'fastify';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../shared/api/json-depth';
import { ApiError } from './errors';

export { MAX_JSON_DEPTH, nestsDeeperThan } from '../../shared/api/json-depth';

/**
 * Replaces the JSON body parser of every route: the depth is checked on the raw text before
 * anything (JSON.parse, the prototype-poisoning scan, the NUL scan, zod) walks the value; then
 * Fastify's own parser runs, refusing __proto__ and constructor keys as before.
 */
export const registerDepthLimitedJsonParser = (app: FastifyInstance, bodyLimit: number) => {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit },
    (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
        done(
          new ApiError(400, 'VALIDATION_FAILED', 'The request body is nested too deeply.', {
            fieldErrors: { '(root)': [`nested deeper than ${MAX_JSON_DEPTH} levels`] },
          }),
          undefined,
        );
        return;
      }
      parseJson(request, text, done);
    },
  );
};
