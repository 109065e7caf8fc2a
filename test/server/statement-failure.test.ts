import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, StatementFailure, openDatabase } from '../../server/db/database';
import { statementFailureKindOf } from '../../server/db/statementFailure';
import {
  CONSTRAINT_REFUSED,
  DATA_REFUSED,
  Rejection,
  mutationFailurePolicy,
} from '../../server/push/outcome';
import { useBackends } from './support/backends';

const failureOf = async (work: Promise<unknown>): Promise<unknown> => {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('the statement did not fail');
};

describe('SQLSTATE classes', () => {
  it.each([
    ['22008', 'data'],
    ['22003', 'data'],
    ['22P02', 'data'],
    ['23505', 'constraint'],
    ['23503', 'constraint'],
    ['23514', 'constraint'],
    ['40001', 'contention'],
    ['40P01', 'contention'],
    ['55P03', 'contention'],
    ['42601', 'server'],
    ['08006', 'server'],
    ['XX000', 'server'],
    [null, 'server'],
  ] as const)('%s is %s', (sqlstate, kind) => {
    expect(statementFailureKindOf(sqlstate)).toBe(kind);
  });
});

describe('the mutation failure policy', () => {
  const failure = (sqlstate: string | null) =>
    new StatementFailure(sqlstate, { message: 'x' }, { cause: null });

  it('rejects a rule refusal with its own reason', () => {
    expect(mutationFailurePolicy(new Rejection('Not your patient.'))).toEqual({
      settle: 'reject',
      reason: 'Not your patient.',
      cause: 'rule',
    });
  });

  it('rejects what the database refuses as data or as a constraint, with a readable reason', () => {
    expect(mutationFailurePolicy(failure('22008'))).toEqual({
      settle: 'reject',
      reason: DATA_REFUSED,
      cause: 'data',
    });
    expect(mutationFailurePolicy(failure('23505'))).toEqual({
      settle: 'reject',
      reason: CONSTRAINT_REFUSED,
      cause: 'constraint',
    });
  });

  it("retries the server's own failures and contention", () => {
    for (const error of [
      failure('40001'),
      failure('40P01'),
      failure('57P01'),
      failure(null),
      new Error('a bug'),
      new TypeError('x is undefined'),
    ])
      expect(mutationFailurePolicy(error)).toEqual({ settle: 'retry' });
  });
});

describe.each(useBackends())(
  'driver errors classified where they are read, on $name',
  (backend) => {
    let db: Database;
    beforeAll(async () => {
      db = await openDatabase(await backend.database());
      await db.exec('CREATE TABLE seam (id int PRIMARY KEY, day date NOT NULL)');
      await db.query(`INSERT INTO seam VALUES (1, '2026-01-01')`);
    });
    afterAll(async () => db?.close());

    it('a value out of range is a data failure with its SQLSTATE, in and out of a transaction', async () => {
      const plain = await failureOf(db.query(`INSERT INTO seam VALUES (2, $1)`, ['0000-01-01']));
      expect(plain).toBeInstanceOf(StatementFailure);
      expect(plain).toMatchObject({ kind: 'data', sqlstate: '22008' });
      const inTransaction = await failureOf(
        db.transaction((tx) => tx.query('SELECT $1::int4', [2 ** 31])),
      );
      expect(inTransaction).toMatchObject({ kind: 'data', sqlstate: '22003' });
      expect(await failureOf(db.exec(`SELECT '0000-01-01'::date`))).toMatchObject({ kind: 'data' });
    });

    it('a duplicate key is a constraint failure naming the constraint', async () => {
      const duplicate = await failureOf(db.query(`INSERT INTO seam VALUES (1, '2026-01-02')`));
      expect(duplicate).toMatchObject({
        kind: 'constraint',
        sqlstate: '23505',
        detail: { constraint: 'seam_pkey' },
      });
      expect((duplicate as StatementFailure).cause).toBeInstanceOf(Error);
    });

    it('a mistake in our own SQL is the server’s failure', async () => {
      expect(await failureOf(db.query('SELEC 1'))).toMatchObject({
        kind: 'server',
        sqlstate: '42601',
      });
    });
  },
);
