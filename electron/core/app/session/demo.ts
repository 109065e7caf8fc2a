import { generate } from 'otplib';
import type { DemoAccount } from '../../../../shared/api';
import { RefusedError, type ClinicianHandlers } from '../../../../shared/ipc';
import type { ServerClock } from '../../clock';
import { createHttpApi } from '../../api/http-api';

type DemoHandlers = Pick<ClinicianHandlers['session'], 'demoAccounts' | 'demoTotp'>;

/**
 * The embedded demo's helpers: its seeded accounts (passwords shown, TOTP secrets kept here)
 * and each account's current authenticator code. Refused on any other server.
 */
export function demoHandlers(options: {
  readonly demo: boolean;
  readonly serverUrl: string;
  readonly clock: ServerClock;
}): DemoHandlers {
  let secrets = new Map<string, DemoAccount>();
  const load = async (): Promise<DemoAccount[]> => {
    if (!options.demo)
      throw new RefusedError('Demo accounts exist only on the embedded demo service.');
    const response = await createHttpApi({
      baseUrl: options.serverUrl,
      clock: options.clock,
    }).call('demoAccounts');
    secrets = new Map(response.accounts.map((a) => [a.email.toLowerCase(), a]));
    return response.accounts;
  };
  return {
    demoAccounts: async () => ({
      accounts: (await load()).map(({ totpSecret: _secret, ...account }) => account),
    }),
    demoTotp: async ({ email }) => {
      if (options.demo && !secrets.has(email.toLowerCase())) await load().catch(() => undefined);
      const account = secrets.get(email.toLowerCase());
      if (!options.demo || !account) throw new RefusedError('No demo account with that email.');
      const period = 30;
      return {
        code: await generate({ secret: account.totpSecret }),
        validForSeconds: period - (Math.floor(Date.now() / 1000) % period),
      };
    },
  };
}
