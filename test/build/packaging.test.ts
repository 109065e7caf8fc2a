import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;

/** Every fuse Electron has, with the value a clinical app must ship with. */
const requiredFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const;

describe('electron-builder.yml', () => {
  it('lists every fuse explicitly, each with its safe value', () => {
    expect(config.electronFuses).toEqual(requiredFuses);
  });

  it('knows every fuse electron-builder knows (a new fuse fails this until it is decided)', () => {
    const declaration = readFileSync(
      path.join(root, 'node_modules/app-builder-lib/out/configuration.d.ts'),
      'utf8',
    );
    const block = /interface FuseOptionsV1 \{([\s\S]*?)\n\}/.exec(declaration)?.[1] ?? '';
    const known = [...block.matchAll(/^\s{4}(\w+)\?:/gm)]
      .map((m) => m[1])
      .filter((name) => name !== 'resetAdHocDarwinSignature');
    expect(known.length).toBeGreaterThan(5);
    expect(Object.keys(requiredFuses).sort()).toEqual(known.sort());
  });

  it('packages into asar for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg)', () => {
    expect(config.asar).toBe(true);
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Typed CBT Clinician');
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
  });

  it('points at icons that exist', () => {
    for (const platform of ['linux', 'win', 'mac']) {
      const icon = (config[platform] as { icon: string }).icon;
      expect(existsSync(path.join(root, icon)), icon).toBe(true);
    }
  });
});
