/**
 * Composition root of the Electron main process: the only place that wires 'electron' to
 * the security policy and to the core. Everything it decides lives in small tested modules.
 */
import {
  app,
  BrowserWindow,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appScheme } from '../../shared/security/csp';
import { bridgeToCore } from '../core/host/core-bridge';
import { startCoreWorker } from '../core/host/core-worker';
import { startEmbeddedBackend, type EmbeddedBackend } from '../core/host/embedded-backend';
import { safeStorageKeyStore } from './keystore/safe-storage-key-store';
import { handleContract } from './ipc/handle';
import { createAppProtocolHandler } from './security/app-protocol';
import { hardenWebContents } from './security/navigation';
import { applyDenyAllPermissions } from './security/permissions';
import { createMainWindow } from './window';
import { desktopNotice } from './desktop-notice';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
const openInBrowser = (url: string): Promise<void> => shell.openExternal(url);
const log = (message: string, error?: unknown): void =>
  console.error(`[main] ${message}`, error ?? '');

app.enableSandbox();
// Dates read day first (UK) in every field: a date input's format follows the app's locale,
// which must be set before the app is ready.
app.commandLine.appendSwitch('lang', 'en-GB');

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same encrypted store: hand over to the first and leave.
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openInBrowser));

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    applyDenyAllPermissions(session.defaultSession);
    protocol.handle(appScheme, createAppProtocolHandler(rendererRoot));

    // The embedded demo backend unless CLINICIAN_SERVER_URL names a real one.
    const configuredServer = process.env['CLINICIAN_SERVER_URL'];
    if (!configuredServer)
      console.log('Starting the embedded demo backend (its first start seeds it: ~10 s)…');
    const demoBackend: EmbeddedBackend | null = configuredServer
      ? null
      : await startEmbeddedBackend({
          entry: new URL('./demo-server.js', import.meta.url),
          dataDir: path.join(app.getPath('userData'), 'demo-backend'),
        });
    const keyStore = safeStorageKeyStore(safeStorage, process.platform);
    const worker = await startCoreWorker({
      entry: new URL('./core-worker.js', import.meta.url),
      workerData: {
        host: 'electron',
        appName: app.getName(),
        appVersion: app.getVersion(),
        platform: process.platform,
        packaged: app.isPackaged,
        dataDir: path.join(app.getPath('userData'), 'device'),
        defaultServerUrl: configuredServer ?? demoBackend?.url ?? 'http://127.0.0.1:8787',
        demo: demoBackend !== null,
        keyStore: { kind: 'host', protection: keyStore.protection },
        // Unpackaged, `npm start` builds the SQLite binding for Electron into .native/ so the
        // Node build in node_modules keeps serving `npm test`; packaged builds are rebuilt in place.
        ...(app.isPackaged
          ? {}
          : {
              nativeBinding: path.join(
                app.getAppPath(),
                '.native',
                `electron-${process.versions.electron}`,
                'better-sqlite3-multiple-ciphers.node',
              ),
            }),
      },
      keyStore,
      onExit: (code) => log(`core worker exited with ${code}`),
    });
    const core = bridgeToCore(worker, log);
    handleContract(core.dispatcher);

    const window = createMainWindow({
      preloadPath,
      packaged: app.isPackaged,
      title: 'Typed CBT Clinician',
    });
    core.onEvent((channel, payload) => {
      if (!window.isDestroyed()) window.webContents.send(channel, payload);
      // A notice the core marked fit for the desktop (no patient in it, the setting on): the
      // OS notification comes from here, the renderer's permissions being denied.
      const desktop = desktopNotice(channel, payload);
      if (desktop && Notification.isSupported())
        new Notification({ title: 'Typed CBT Clinician', body: desktop }).show();
    });
    // Lock patient data when the OS locks or sleeps (the core also locks after inactivity).
    const lockNow = (): void => void core.dispatcher.dispatch('session.lock', {});
    powerMonitor.on('lock-screen', lockNow);
    powerMonitor.on('suspend', lockNow);
    app.on('before-quit', () => {
      void worker.close().then(() => demoBackend?.close());
    });
  });
}
