/** The local store: import from here (types live in ./interface). */
export type * from './interface';
export { openStore } from './open';
export { openDeviceStore } from './device-store';
export { WrongKeyError } from './errors';
export { MigrationError, migrations } from './migrations';
export type { Migration } from './migrations';
export { OutboxOutsideTransactionError } from './repositories/outbox';
export { CIPHER } from './connection';
