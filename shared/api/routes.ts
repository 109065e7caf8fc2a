import { z } from 'zod';
import { ErrorBody } from './common';
import {
  DemoAccountsResponse,
  HealthResponse,
  Jwks,
  MeResponse,
  RefreshRequest,
  SessionGrant,
  SignInRequest,
  SignOutRequest,
  SignOutResponse,
} from './auth';
import {
  ChecksumsQuery,
  ChecksumsResponse,
  PullQuery,
  PullResponse,
  ScopePullQuery,
  ScopePullResponse,
} from './sync';
import { PushRequest, PushResponse } from './mutations';

/**
 * The HTTP contract: one row per endpoint. The server registers handlers against these
 * rows (and validates both directions with them); /openapi.json is generated from them.
 */
export interface RouteContract {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  /** bearer: access token required (and the country gate applies). */
  auth: 'none' | 'bearer';
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Status codes other than 200 this route may answer with (body: ErrorBody). */
  errors: number[];
}

const route = <R extends RouteContract>(r: R) => r;
const Empty = z.strictObject({});

export const routes = {
  health: route({
    method: 'GET',
    path: '/health',
    summary: 'Liveness',
    auth: 'none',
    query: Empty,
    response: HealthResponse,
    errors: [],
  }),
  jwks: route({
    method: 'GET',
    path: '/.well-known/jwks.json',
    summary: 'Public keys of the server (pin these): tokens, offline leases, location attestations',
    auth: 'none',
    query: Empty,
    response: Jwks,
    errors: [],
  }),
  signIn: route({
    method: 'POST',
    path: '/auth/sign-in',
    summary: 'Email + password + TOTP; registers the device and its public key',
    auth: 'none',
    body: SignInRequest,
    response: SessionGrant,
    errors: [400, 401, 403, 413, 429],
  }),
  refresh: route({
    method: 'POST',
    path: '/auth/refresh',
    summary: 'Rotate the refresh token; reuse of an old one revokes its family',
    auth: 'none',
    body: RefreshRequest,
    response: SessionGrant,
    errors: [400, 401, 403],
  }),
  signOut: route({
    method: 'POST',
    path: '/auth/sign-out',
    summary: 'Revoke the refresh token family of this session',
    auth: 'bearer',
    body: SignOutRequest,
    response: SignOutResponse,
    errors: [400, 401, 403],
  }),
  me: route({
    method: 'GET',
    path: '/me',
    summary: 'The signed-in user and device',
    auth: 'bearer',
    query: Empty,
    response: MeResponse,
    errors: [401, 403],
  }),
  pull: route({
    method: 'GET',
    path: '/sync/pull',
    summary: 'A page of the scoped change feed of one lane after a cursor',
    auth: 'bearer',
    query: PullQuery,
    response: PullResponse,
    errors: [400, 401, 403],
  }),
  checksums: route({
    method: 'GET',
    path: '/sync/checksums',
    summary: 'Per-scope id-set checksums for drift repair',
    auth: 'bearer',
    query: ChecksumsQuery,
    response: ChecksumsResponse,
    errors: [400, 401, 403],
  }),
  pullScope: route({
    method: 'GET',
    path: '/sync/scope',
    summary: 'Drift repair: the current rows of one scope of a lane, in feed order',
    auth: 'bearer',
    query: ScopePullQuery,
    response: ScopePullResponse,
    errors: [400, 401, 403],
  }),
  push: route({
    method: 'POST',
    path: '/sync/push',
    summary: 'Apply a batch of outbox mutations exactly once',
    auth: 'bearer',
    body: PushRequest,
    response: PushResponse,
    errors: [400, 401, 403, 413],
  }),
  demoAccounts: route({
    method: 'GET',
    path: '/demo/accounts',
    summary: 'Demo mode only: the seeded accounts with passwords and TOTP secrets',
    auth: 'none',
    query: Empty,
    response: DemoAccountsResponse,
    errors: [],
  }),
} as const satisfies Record<string, RouteContract>;

export type RouteName = keyof typeof routes;
export { ErrorBody };
