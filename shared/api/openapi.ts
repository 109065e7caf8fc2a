import { z } from 'zod';
import { ErrorBody } from './common';
import { type RouteContract, routes } from './routes';

type JsonSchema = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): JsonSchema =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema;

const queryParameters = (query: z.ZodType | undefined) => {
  if (!query) return [];
  const schema = schemaOf(query, 'input');
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: s,
  }));
};

const operation = (name: string, r: RouteContract) => {
  const errorResponses = Object.fromEntries(
    r.errors.map((code) => [
      String(code),
      {
        description: 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
      },
    ]),
  );
  return {
    operationId: name,
    summary: r.summary,
    ...(r.auth === 'bearer' ? { security: [{ bearer: [] }] } : {}),
    parameters: queryParameters(r.query),
    ...(r.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(r.body, 'input') } },
          },
        }
      : {}),
    responses: {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: schemaOf(r.response, 'output') } },
      },
      ...errorResponses,
    },
  };
};

/** The OpenAPI 3 document for every route in the contract. */
export const buildOpenApiDocument = (info: { title: string; version: string }) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, r] of Object.entries(routes) as [string, RouteContract][]) {
    paths[r.path] = { ...paths[r.path], [r.method.toLowerCase()]: operation(name, r) };
  }
  return {
    openapi: '3.0.3',
    info,
    paths,
    components: {
      schemas: { ErrorBody: schemaOf(ErrorBody, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWS (EdDSA)' } },
    },
  };
};
