import fc from 'fast-check';

/**
 * Mutations of a schema-valid JSON value (a real answer of the reference server, or a valid
 * request): the malformations the field produces — wrong types, missing fields, huge
 * strings, deep nesting, unknown enum values, extreme dates and numbers, unknown keys — and,
 * at the byte level, truncation and invalid UTF-8. Each is a fast-check arbitrary, so a
 * failure shrinks to a small case and replays from the run's seed.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Edit =
  | { op: 'replace'; path: number[]; value: Json }
  | { op: 'delete'; path: number[] }
  | { op: 'add-key'; path: number[]; key: string; value: Json }
  | { op: 'nest'; path: number[]; depth: number };
export type TextEdit =
  | { op: 'none' }
  | { op: 'truncate'; at: number }
  | { op: 'invalid-utf8'; at: number; bytes: readonly number[] };

export const EXTREME_DATES = [
  '0000-01-01',
  '0001-01-01T00:00:00+01:00',
  '9999-12-31T23:59:59-12:00',
  '2026-02-30T10:00:00Z',
  '2026-06-01T10:00:00+23:59',
  '+275760-09-13T00:00:00Z',
  '2026-06-01T25:61:00Z',
  '1969-12-31T23:59:59.999Z',
  '2026-06-01',
  'yesterday',
];
export const EXTREME_NUMBERS = [
  0,
  -1,
  -0,
  0.5,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e308,
  Number.MIN_VALUE,
];
const EXTREME_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  'merge',
  '__proto__',
  'constructor',
  '9223372036854775807',
  '18446744073709551616',
  '-1',
  "'; DROP TABLE outbox; --",
  '<script>alert(1)</script>',
  'ﷺ'.repeat(50),
];

const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, [], {}, ...EXTREME_NUMBERS, ...EXTREME_STRINGS),
  fc.constantFrom(...EXTREME_DATES),
  fc.string({ maxLength: 20 }),
  fc.integer().map((n) => n as Json),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n as Json),
  fc.integer({ min: 1, max: 4 }).map((mb) => 'x'.repeat(mb * 262_144)),
);

const path = fc.array(fc.nat(64), { minLength: 0, maxLength: 8 });
export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('replace' as const), path, value: scalar }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), path }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('add-key' as const),
      path,
      key: fc.constantFrom('__proto__', 'constructor', 'unexpected', 'op', ''),
      value: scalar,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('nest' as const),
      path,
      depth: fc.constantFrom(2, 50, 5_000, 20_000),
    }),
  },
);
/** The same without deep nesting. */
export const flatEditArb: fc.Arbitrary<Edit> = editArb.filter(
  (e) => e.op !== 'nest' || e.depth < 1_000,
);
export const textEditArb: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ op: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('invalid-utf8' as const),
      at: fc.nat(),
      bytes: fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80]),
    }),
  },
);

/** Walk `path` (indices into arrays or key lists, modulo their length) to a parent and key. */
function locate(
  root: Json,
  path: number[],
): { parent: Json[] | { [k: string]: Json }; key: string | number } | null {
  let parent: Json = root;
  let found: { parent: Json[] | { [k: string]: Json }; key: string | number } | null = null;
  for (const step of path) {
    if (Array.isArray(parent)) {
      if (parent.length === 0) break;
      const key = step % parent.length;
      found = { parent, key };
      parent = parent[key] ?? null;
    } else if (parent !== null && typeof parent === 'object') {
      const keys = Object.keys(parent);
      if (keys.length === 0) break;
      const key = keys[step % keys.length] ?? '';
      found = { parent, key };
      parent = parent[key] ?? null;
    } else break;
  }
  return found;
}

/** The edits in order, on a copy of `value` (cloned once: later edits may nest deeply). */
export function applyEdits(value: Json, edits: readonly Edit[]): Json {
  return edits.reduce<Json>((root, edit) => applyEdit(root, edit), structuredClone(value));
}

function applyEdit(root: Json, edit: Edit): Json {
  const at = locate(root, edit.path);
  if (!at) return edit.op === 'replace' ? edit.value : root;
  const { parent, key } = at;
  const set = (v: Json) => {
    if (Array.isArray(parent)) parent[key as number] = v;
    else
      Object.defineProperty(parent, key, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  };
  const current = Array.isArray(parent) ? parent[key as number] : parent[key as string];
  switch (edit.op) {
    case 'replace':
      set(edit.value);
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'add-key':
      if (current !== null && typeof current === 'object' && !Array.isArray(current))
        Object.defineProperty(current, edit.key, {
          value: edit.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else set(edit.value);
      break;
    case 'nest': {
      let nested: Json = current ?? null;
      for (let i = 0; i < edit.depth; i += 1) nested = [nested];
      set(nested);
      break;
    }
  }
  return root;
}

/** Serialise (deep nesting included, without recursion), then apply the byte-level edit. */
export function encode(value: Json, edit: TextEdit): Buffer {
  const text = stringify(value);
  const bytes = Buffer.from(text, 'utf8');
  switch (edit.op) {
    case 'none':
      return bytes;
    case 'truncate':
      return bytes.subarray(0, edit.at % Math.max(1, bytes.length));
    case 'invalid-utf8': {
      const at = edit.at % Math.max(1, bytes.length);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.bytes), bytes.subarray(at)]);
    }
  }
}

/** JSON.stringify without the call stack (a 20,000-deep array would overflow it). */
function stringify(value: Json): string {
  type Item = { text: string } | { value: Json };
  const out: string[] = [];
  const stack: Item[] = [{ value }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const v = item.value;
    if (Array.isArray(v)) {
      out.push('[');
      stack.push({ text: ']' });
      for (let i = v.length - 1; i >= 0; i -= 1) {
        stack.push({ value: v[i] ?? null });
        if (i > 0) stack.push({ text: ',' });
      }
    } else if (v !== null && typeof v === 'object') {
      out.push('{');
      stack.push({ text: '}' });
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [k, child] = entries[i] ?? ['', null];
        stack.push({ value: child });
        stack.push({ text: `${JSON.stringify(k)}:` });
        if (i > 0) stack.push({ text: ',' });
      }
    } else out.push(JSON.stringify(v) ?? 'null');
  }
  return out.join('');
}
