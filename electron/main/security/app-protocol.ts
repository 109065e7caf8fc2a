import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy, appHost, appScheme } from '../../../shared/security/csp';
import { contentTypeOf, resolveAssetPath, type AssetResolution } from '../../core/host/asset-path';

/** Resolve an app:// URL to a file of the built renderer; other schemes and hosts are refused. */
export async function resolveAppAsset(root: string, rawUrl: string): Promise<AssetResolution> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost)
    return { ok: false, status: 403, reason: 'foreign origin' };
  return resolveAssetPath(root, url.pathname);
}

/** Headers on every app:// response: the CSP travels with the document, not only in meta. */
export const appResponseHeaders = (file: string): Record<string, string> => ({
  'content-type': contentTypeOf(file),
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
});

/** The handler given to protocol.handle('app', …): a plain Request → Response function. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response(null, { status: 405 });
    const resolved = await resolveAppAsset(root, request.url);
    if (!resolved.ok) return new Response(null, { status: resolved.status });
    const body = request.method === 'HEAD' ? null : await readFile(resolved.file);
    return new Response(body, { status: 200, headers: appResponseHeaders(resolved.file) });
  };
}
