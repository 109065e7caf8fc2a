import type { z } from 'zod';
import type { ContractShape, EventSpec, MethodSpec } from './define';
import type { IpcResult } from './result';
import type { ClinicianContract } from './contract';

type MethodFn<M extends MethodSpec> =
  Record<string, never> extends z.input<M['request']>
    ? (request?: z.input<M['request']>) => Promise<IpcResult<z.output<M['response']>>>
    : (request: z.input<M['request']>) => Promise<IpcResult<z.output<M['response']>>>;

export type Unsubscribe = () => void;
type EventFn<E extends EventSpec> = (
  listener: (payload: z.output<E['payload']>) => void,
) => Unsubscribe;

/** The API a contract yields on the renderer side: one function per entry. */
export type ApiOf<C extends ContractShape> = {
  readonly [NS in keyof C]: {
    readonly [K in keyof C[NS]]: C[NS][K] extends MethodSpec
      ? MethodFn<C[NS][K]>
      : C[NS][K] extends EventSpec
        ? EventFn<C[NS][K]>
        : never;
  };
};

/** `window.clinician`: derived from the contract, never hand-written. */
export type ClinicianApi = ApiOf<ClinicianContract>;

/** What the core implements: a handler per method (already-parsed request in, response out). */
export type HandlersOf<C extends ContractShape> = {
  readonly [NS in keyof C]: {
    readonly [
      K in keyof C[NS] as C[NS][K] extends MethodSpec ? K : never
    ]: C[NS][K] extends MethodSpec
      ? (
          request: z.output<C[NS][K]['request']>,
        ) => Promise<z.input<C[NS][K]['response']>> | z.input<C[NS][K]['response']>
      : never;
  };
};
export type ClinicianHandlers = HandlersOf<ClinicianContract>;

/** Event channels (`namespace.entry`) of a contract. */
export type EventChannelOf<C extends ContractShape> = {
  [NS in keyof C & string]: {
    [K in keyof C[NS] & string]: C[NS][K] extends EventSpec ? `${NS}.${K}` : never;
  }[keyof C[NS] & string];
}[keyof C & string];

export type EventPayloadOf<
  C extends ContractShape,
  Channel extends string,
> = Channel extends `${infer NS}.${infer K}`
  ? C[NS][K] extends EventSpec
    ? z.output<C[NS][K]['payload']>
    : never
  : never;

export type ClinicianEventChannel = EventChannelOf<ClinicianContract>;
