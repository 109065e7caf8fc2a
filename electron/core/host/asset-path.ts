import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export type AssetResolution =
  { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Map a URL path (still percent-encoded, as it arrived) to a file inside `root`, refusing
 * anything that could leave it: `..` plain or percent-encoded, absolute paths, backslashes,
 * NUL, and symlinks whose real path is outside the root. Shared by the app:// protocol and
 * the preview host so both serve the renderer the same way.
 */
export async function resolveAssetPath(
  root: string,
  encodedPathname: string,
): Promise<AssetResolution> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { ok: false, status: 400, reason: 'illegal character' };
  if (!decoded.startsWith('/')) return { ok: false, status: 400, reason: 'relative path' };
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.'))
    return { ok: false, status: 403, reason: 'path traversal' };
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative))
    return { ok: false, status: 403, reason: 'absolute path' };

  const realRoot = await realpath(root);
  const candidate = path.resolve(realRoot, relative);
  if (!isInside(realRoot, candidate)) return { ok: false, status: 403, reason: 'path traversal' };
  let real: string;
  try {
    real = await realpath(candidate);
    if (!(await stat(real)).isFile()) return { ok: false, status: 404, reason: 'not a file' };
  } catch {
    return { ok: false, status: 404, reason: 'not found' };
  }
  if (!isInside(realRoot, real))
    return { ok: false, status: 403, reason: 'symlink leaves the app' };
  return { ok: true, file: real };
}

const isInside = (root: string, target: string): boolean => {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (file: string): string =>
  contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
