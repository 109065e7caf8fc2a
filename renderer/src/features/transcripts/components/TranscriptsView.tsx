import { useState } from 'react';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, Loading } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { ViewHeading } from '../../../ui/ViewHeading';
import { useNav } from '../../navigation/nav-store';
import { createLiveQuery, useLiveQuery } from '../../sync/live-query';
import { TranscriptReader } from './TranscriptReader';

const useTranscriptList = createLiveQuery({
  entities: ['transcript', 'patient'],
  key: () => 'all',
  load: () => unwrap(clinician().transcripts.list({ limit: 200 })),
});

type Hit = {
  utteranceId: string;
  transcriptId: string;
  patientName: string;
  seq: number;
  speaker: string;
  snippet: string;
};

/** Marks [[matches]] from the search snippet without any HTML injection. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\[\[.*?\]\])/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('[[') ? (
          <mark key={i}>{part.slice(2, -2)}</mark>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export function TranscriptsView({
  transcriptId,
  supervisor,
}: {
  transcriptId: string | undefined;
  supervisor: boolean;
}) {
  const go = useNav((s) => s.go);
  const list = useLiveQuery(useTranscriptList, undefined, 'all');
  const [text, setText] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (transcriptId)
    return (
      <TranscriptReader key={transcriptId} transcriptId={transcriptId} supervisor={supervisor} />
    );
  const search = async (): Promise<void> => {
    setError(null);
    try {
      setHits((await unwrap(clinician().transcripts.search({ text, limit: 50 }))).hits);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>Transcripts</ViewHeading>
      <form
        role="search"
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <label htmlFor="transcript-search">Search what was said</label>
        <input
          id="transcript-search"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      <ErrorText error={error} />
      {hits ? (
        <section aria-label="Search results">
          <p role="status">{hits.length === 0 ? 'Nothing found.' : `${hits.length} matches.`}</p>
          <ul className="plain-list">
            {hits.map((h) => (
              <li key={h.utteranceId}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => go({ view: 'transcripts', transcriptId: h.transcriptId })}
                >
                  {h.patientName}
                </button>{' '}
                <span className="muted">({h.speaker})</span> <Snippet text={h.snippet} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h3>Sessions</h3>
      <ErrorText error={list.error} />
      {!list.value ? <Loading what="transcripts" /> : null}
      {list.value?.stillSyncing ? (
        <p className="muted">Transcripts are still arriving from the service.</p>
      ) : null}
      <ul className="plain-list">
        {list.value?.transcripts.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              className="link-button"
              onClick={() => go({ view: 'transcripts', transcriptId: t.id })}
            >
              {t.patientName}
            </button>{' '}
            <Time iso={t.startedAt} />{' '}
            <span className="muted">· {t.utteranceCount} utterances</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
