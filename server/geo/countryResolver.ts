import { readFile } from 'node:fs/promises';
import { BlockList, isIP } from 'node:net';
import type { CountryResponse } from 'maxmind';
import { z } from 'zod';

/** IP → ISO country code, or null when unknown (unknown is never approved). */
export interface CountryResolver {
  countryOf(ip: string): string | null;
}

const CidrTableFile = z.object({
  ranges: z.array(z.object({ cidr: z.string(), country: z.string().regex(/^[A-Z]{2}$/) })),
});
export type CidrRange = z.infer<typeof CidrTableFile>['ranges'][number];

/** `::ffff:127.0.1.5` (IPv4 on a dual-stack socket) → `127.0.1.5`. */
const unmapped = (ip: string) =>
  ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;

/** A CIDR table (first match wins), for development and tests. */
export const cidrResolver = (ranges: CidrRange[]): CountryResolver => {
  const lists = ranges.map(({ cidr, country }) => {
    const [network, prefix] = cidr.split('/');
    const family = isIP(network ?? '');
    if (!network || !prefix || family === 0) throw new Error(`bad CIDR in GeoIP table: ${cidr}`);
    const list = new BlockList();
    list.addSubnet(network, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
    return { list, country, type: family === 4 ? ('ipv4' as const) : ('ipv6' as const) };
  });
  return {
    countryOf: (raw) => {
      const ip = unmapped(raw);
      const family = isIP(ip);
      if (family === 0) return null;
      const type = family === 4 ? 'ipv4' : 'ipv6';
      return lists.find((l) => l.type === type && l.list.check(ip, type))?.country ?? null;
    },
  };
};

export const DEV_CIDR_TABLE_URL = new URL('../../resources/geoip/dev-cidr.json', import.meta.url);

export const loadCidrTable = async (
  path: string | URL = DEV_CIDR_TABLE_URL,
): Promise<CidrRange[]> => CidrTableFile.parse(JSON.parse(await readFile(path, 'utf8'))).ranges;

/** A MaxMind GeoIP2/GeoLite2 Country (or City) database through the `maxmind` reader. */
export const maxmindResolver = async (databasePath: string): Promise<CountryResolver> => {
  const maxmind = await import('maxmind');
  const reader = await maxmind.open<CountryResponse>(databasePath);
  return {
    countryOf: (raw) => {
      const ip = unmapped(raw);
      if (!isIP(ip)) return null;
      return reader.get(ip)?.country?.iso_code ?? null;
    },
  };
};

export type GeoIpOptions =
  | { kind: 'cidr'; ranges?: CidrRange[]; file?: string }
  | { kind: 'maxmind'; databasePath: string }
  | { kind: 'custom'; resolver: CountryResolver };

export const createCountryResolver = async (
  options: GeoIpOptions = { kind: 'cidr' },
): Promise<CountryResolver> => {
  switch (options.kind) {
    case 'cidr':
      return cidrResolver(options.ranges ?? (await loadCidrTable(options.file)));
    case 'maxmind':
      return maxmindResolver(options.databasePath);
    case 'custom':
      return options.resolver;
  }
};
