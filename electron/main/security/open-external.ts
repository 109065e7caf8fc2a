/**
 * Hosts the app may open in the user's browser: the service's public pages. Exact names;
 * a subdomain matches only across a dot boundary (`help.example.org`, never
 * `evil-example.org` or `example.org.evil.net`).
 */
export const externalLinkAllowlist: readonly string[] = [
  'nhs.uk',
  'www.nhs.uk',
  'samaritans.org',
  'www.samaritans.org',
];

export type ExternalUrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

export function checkExternalUrl(
  raw: unknown,
  allowlist: readonly string[] = externalLinkAllowlist,
): ExternalUrlVerdict {
  if (typeof raw !== 'string' || raw.length > 2048)
    return { ok: false, reason: 'not a URL string' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:')
    return { ok: false, reason: `scheme ${url.protocol} is not allowed` };
  if (url.username || url.password) return { ok: false, reason: 'credentials in URL' };
  if (url.port !== '') return { ok: false, reason: 'non-default port' };
  const host = url.hostname.toLowerCase();
  const allowed = allowlist.some((entry) => host === entry || host.endsWith(`.${entry}`));
  if (!allowed) return { ok: false, reason: `host ${host} is not on the allowlist` };
  return { ok: true, url: url.toString() };
}

/** The one way the app opens a link outside itself. */
export async function openExternalSafe(
  raw: unknown,
  open: (url: string) => Promise<void>,
  allowlist: readonly string[] = externalLinkAllowlist,
): Promise<ExternalUrlVerdict> {
  const verdict = checkExternalUrl(raw, allowlist);
  if (verdict.ok) await open(verdict.url);
  return verdict;
}
