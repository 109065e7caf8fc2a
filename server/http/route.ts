import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { RouteContract } from '../../shared/api';
import { ApiError, fieldErrorsOf } from './errors';

export interface RouteInput<Q, B, A> {
  query: Q;
  body: B;
  auth: A;
  request: FastifyRequest;
  reply: FastifyReply;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** PostgreSQL text cannot hold U+0000: refuse it up front as a field error, not a 500. */
const nulPaths = (value: unknown, path: string[] = []): string[] => {
  if (typeof value === 'string')
    return value.includes('\u0000') ? [path.join('.') || '(root)'] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulPaths(v, [...path, String(i)]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => nulPaths(v, [...path, k]));
  return [];
};

const parseOrThrow = <S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): z.infer<S> => {
  const withNul = nulPaths(value);
  if (withNul.length > 0) {
    throw new ApiError(400, 'VALIDATION_FAILED', `The request ${where} contains a NUL character.`, {
      fieldErrors: Object.fromEntries(withNul.map((p) => [p, ['NUL characters are not allowed']])),
    });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ApiError(400, 'VALIDATION_FAILED', `The request ${where} is not valid.`, {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  }
  return parsed.data;
};

export interface RouteOptions<S extends z.ZodType = z.ZodType> {
  /**
   * The schema the response is checked against instead of the contract's, for a handler that
   * has already checked the bulk of it element by element against the contract (the pull
   * feed checks each change and quarantines what fails): the envelope is checked here, and
   * a 2 MB page is not walked twice.
   */
  readonly responseEnvelope?: S;
  /**
   * Writes the checked response's JSON itself (text or UTF-8 bytes) instead of Fastify's
   * serialiser (the pull splices records' stored JSON text into it); sent as application/json.
   */
  readonly serialise?: (checked: z.output<S>) => string | Buffer;
}

/**
 * Registers a handler for one row of the contract: the query and body are parsed with the
 * contract's schemas (400 with field errors), `authenticate` runs for bearer routes, and the
 * response, with serverTime added, is validated against the contract before it is sent.
 */
export const registerRoute = <C extends RouteContract, A, S extends z.ZodType = z.ZodType>(
  app: FastifyInstance,
  contract: C,
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<A>,
  handler: (
    input: RouteInput<Infer<C['query']>, Infer<C['body']>, A>,
  ) => Promise<Record<string, unknown>>,
  options: RouteOptions<S> = {},
) => {
  const responseSchema = options.responseEnvelope ?? contract.response;
  app.route({
    method: contract.method,
    url: contract.path,
    handler: async (request, reply) => {
      const auth = await authenticate(request, reply);
      const query = contract.query
        ? parseOrThrow(contract.query, request.query ?? {}, 'query')
        : undefined;
      const body = contract.body ? parseOrThrow(contract.body, request.body, 'body') : undefined;
      const result = await handler({ query, body, auth, request, reply } as RouteInput<
        Infer<C['query']>,
        Infer<C['body']>,
        A
      >);
      const response = responseSchema.safeParse({
        serverTime: new Date().toISOString(),
        ...result,
      });
      if (!response.success) {
        request.log.error(
          { issues: response.error.issues.slice(0, 5), route: contract.path },
          'response failed its contract',
        );
        throw new Error(`response of ${contract.path} failed its contract`);
      }
      if (options.serialise)
        return reply
          .type('application/json; charset=utf-8')
          .send(options.serialise(response.data as z.output<S>));
      return response.data;
    },
  });
};
