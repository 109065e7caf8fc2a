import { isIP } from 'node:net';

/**
 * The proxies whose X-Forwarded-For entries are believed. With them Fastify (proxy-addr)
 * walks the header from the right, past trusted hops, and takes the first address no trusted
 * proxy added: the one the outermost trusted proxy saw. "Trust everything" would instead
 * believe the leftmost entry, which any client can write, so it is refused, as is a hop
 * count or a range that covers every address.
 */
export const parseTrustedProxies = (entries: readonly string[]): string[] =>
  entries.map((raw) => {
    const entry = raw.trim();
    if (entry === '') throw new Error('TRUST_PROXY has an empty entry.');
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || rest.length > 0)
      throw new Error(`TRUST_PROXY: not an IP address or CIDR: ${entry}`);
    if (prefix !== undefined && Number(prefix) === 0)
      throw new Error(`TRUST_PROXY: ${entry} would trust every address; list the proxies.`);
    return entry;
  });

const TRUST_EVERYTHING =
  'TRUST_PROXY=true (or a hop count) would believe whatever a client writes in X-Forwarded-For; ' +
  'list the proxies instead, e.g. TRUST_PROXY=10.0.0.5,10.1.0.0/16.';

/** TRUST_PROXY: unset, empty or false → [] (off); otherwise comma-separated addresses/CIDRs. */
export const trustedProxiesFromText = (text: string | undefined): string[] => {
  const value = text?.trim() ?? '';
  if (value === '' || value === 'false' || value === '0') return [];
  if (/^(true|yes|on|\d+)$/i.test(value)) throw new Error(TRUST_EVERYTHING);
  return parseTrustedProxies(value.split(','));
};

/** For callers that bypass the types (configuration read at run time). */
export const requireProxyList = (value: unknown): string[] => {
  if (value === undefined || value === false) return [];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string'))
    throw new Error(TRUST_EVERYTHING);
  return parseTrustedProxies(value);
};
