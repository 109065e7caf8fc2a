import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors';

/** Our deepest request (a push batch) nests six levels; this leaves room and bounds any walk. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a JSON text nests arrays/objects deeper than `max`: one linear pass that counts
 * brackets outside strings, with no recursion, so it cannot itself overflow the stack.
 */
export const nestsDeeperThan = (text: string, max: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
};

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
