import type { AppInfo } from '../../../../shared/ipc';

const hostLabel: Record<AppInfo['host'], string> = {
  electron: 'Desktop app',
  preview: 'Browser preview',
};

export function AboutPanel({ info, error }: { info: AppInfo | null; error: string | null }) {
  return (
    <section className="panel" aria-labelledby="about-heading">
      <h2 id="about-heading">About this app</h2>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : info ? (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Running as</dt>
          <dd>{hostLabel[info.host]}</dd>
          <dt>Platform</dt>
          <dd>{info.platform}</dd>
          <dt>Build</dt>
          <dd>{info.packaged ? 'Installed release' : 'Development build'}</dd>
        </dl>
      ) : (
        <p aria-busy="true">Loading…</p>
      )}
    </section>
  );
}
