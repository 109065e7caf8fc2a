import type { z } from 'zod';

/** A request/response method of the IPC contract. */
export interface MethodSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'method';
  readonly request: Req;
  readonly response: Res;
  readonly summary: string;
}

/** An event the core pushes to the renderer, so the UI never polls. */
export interface EventSpec<Payload extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: Payload;
  readonly summary: string;
}

export type EntrySpec = MethodSpec | EventSpec;
export type ContractShape = Readonly<Record<string, Readonly<Record<string, EntrySpec>>>>;

export const method = <Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  summary: string,
): MethodSpec<Req, Res> => ({ kind: 'method', request, response, summary });

export const event = <Payload extends z.ZodType>(
  payload: Payload,
  summary: string,
): EventSpec<Payload> => ({ kind: 'event', payload, summary });

/** The one place a channel name is made: `namespace.entry`, e.g. `session.status`. */
export const channelName = (namespace: string, entry: string): string => `${namespace}.${entry}`;

export interface ContractEntry {
  readonly channel: string;
  readonly namespace: string;
  readonly name: string;
  readonly spec: EntrySpec;
}

/** Every entry of a contract, in declaration order. */
export function contractEntries(contract: ContractShape): ContractEntry[] {
  return Object.entries(contract).flatMap(([namespace, entries]) =>
    Object.entries(entries).map(([name, spec]) => ({
      channel: channelName(namespace, name),
      namespace,
      name,
      spec,
    })),
  );
}
