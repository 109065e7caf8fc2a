import { describe, expect, it, vi } from 'vitest';
import { checkExternalUrl, openExternalSafe } from '../../../electron/main/security/open-external';

const allowlist = ['nhs.uk', 'samaritans.org'];

describe('openExternalSafe', () => {
  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['file:', 'file:///etc/passwd'],
    ['http:', 'http://nhs.uk/'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['smb: share', 'smb://nhs.uk/share'],
    ['look-alike suffix', 'https://evilnhs.uk/'],
    ['allowlisted name as a subdomain of another host', 'https://nhs.uk.evil.example/'],
    ['credentials hiding the host', 'https://nhs.uk@evil.example/'],
    ['user info on an allowed host', 'https://user:pw@nhs.uk/'],
    ['IDN homograph', 'https://nhѕ.uk/'],
    ['non-default port', 'https://nhs.uk:8443/'],
    ['not a string', 42],
    ['not a URL', 'nhs.uk'],
  ])('refuses %s', async (_name, url) => {
    const open = vi.fn(async () => {});
    const verdict = await openExternalSafe(url, open, allowlist);
    expect(verdict.ok).toBe(false);
    expect(open).not.toHaveBeenCalled();
  });

  it.each([
    'https://nhs.uk/mental-health/',
    'https://www.nhs.uk/',
    'https://NHS.UK/a?b=c',
    'https://samaritans.org/',
  ])('opens %s', async (url) => {
    const open = vi.fn(async () => {});
    const verdict = await openExternalSafe(url, open, allowlist);
    expect(verdict.ok).toBe(true);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('opens the normalised URL, not the raw string', () => {
    expect(checkExternalUrl('https://NHS.uk/a b', allowlist)).toEqual({
      ok: true,
      url: 'https://nhs.uk/a%20b',
    });
  });
});
