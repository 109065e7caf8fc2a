import { request as httpRequest } from 'node:http';

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The body as a loose record, for assertions. */
  json: Record<string, unknown> & { code?: string; serverTime?: string };
}

export interface RequestOptions {
  token?: string;
  /** Binds the client socket to this loopback address: the dev GeoIP table maps it to a country. */
  localAddress?: string;
  headers?: Record<string, string>;
  /** Raw body (bypasses JSON encoding). */
  raw?: string | Buffer;
}

/** A tiny HTTP client that can choose its source address (fetch cannot). */
export const call = (
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  options: RequestOptions = {},
) =>
  new Promise<ApiResponse>((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const req = httpRequest(
      url,
      {
        method,
        localAddress: options.localAddress ?? '127.0.0.1',
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON; keep the text
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: parsed,
            json: (parsed ?? {}) as ApiResponse['json'],
          });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
