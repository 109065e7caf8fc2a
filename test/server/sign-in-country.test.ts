import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCATION_ATTESTATION_HEADER } from '../../shared/api';
import { useBackends } from './support/backends';
import { type TestServer, deviceRegistration, startTestServer } from './support/harness';

// Item 7 of issue 9: a sign-in from a country that is not approved is refused before the
// credentials are looked at, so the answer says nothing about them.
const US = '127.0.2.23';

describe.each(useBackends())('sign-in from a country not approved, on $name', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => t?.close());

  it('answers the same for right and wrong credentials and for an unknown email', async () => {
    const account = t.account('Amelia Hart');
    const right = {
      email: account.email,
      password: account.password,
      totp: await generate({ secret: account.totpSecret }),
      device: await deviceRegistration(),
    };
    const answers = [];
    for (const body of [
      right,
      { ...right, password: 'not the password' },
      { ...right, totp: '000000' },
      { ...right, email: 'nobody@northvale.example' },
    ]) {
      const response = await t.post('/auth/sign-in', body, { localAddress: US });
      expect(response.headers[LOCATION_ATTESTATION_HEADER]).toBeUndefined();
      const { serverTime: _, ...rest } = response.json;
      answers.push({ status: response.status, body: rest });
    }
    expect(answers[0]).toEqual({
      status: 403,
      body: {
        code: 'COUNTRY_NOT_APPROVED',
        country: 'US',
        message: 'Access from US is not approved for this account.',
      },
    });
    expect(answers.slice(1)).toEqual([answers[0], answers[0], answers[0]]);
  });
});
