import { useState } from 'react';
import type { z } from 'zod';
import type { TranscriptSearchHit } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useNav } from '../../navigation/nav-store';
import { MarkedParts } from './MarkedText';

type Hit = z.output<typeof TranscriptSearchHit>;
const LIMIT = 50;

/**
 * Search what was said in every transcript on this device. Each result names the patient,
 * the session (UK time) and who spoke, with the matched words marked; opening it opens the
 * session at that line.
 */
export function TranscriptSearch() {
  const go = useNav((s) => s.go);
  const [text, setText] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = async (): Promise<void> => {
    setError(null);
    try {
      setHits((await unwrap(clinician().transcripts.search({ text, limit: LIMIT }))).hits);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <>
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
        <section aria-labelledby="search-results-heading" className="search-results">
          <h3 id="search-results-heading" className="small-heading">
            Search results
          </h3>
          <p role="status">
            {hits.length === 0
              ? 'Nothing found.'
              : hits.length === LIMIT
                ? `The ${LIMIT} most recent lines found: add a word to narrow the search.`
                : `${hits.length} line${hits.length === 1 ? '' : 's'} found.`}
          </p>
          <ul className="search-results__list">
            {hits.map((h) => (
              <li key={h.utteranceId} className="search-hit">
                <button
                  type="button"
                  className="link-button search-hit__open"
                  onClick={() =>
                    go({ view: 'transcripts', transcriptId: h.transcriptId, utteranceSeq: h.seq })
                  }
                >
                  {h.patientName}, session of <Time iso={h.sessionStartedAt} />
                </button>
                <span className="muted small">
                  {' '}
                  · {h.speaker === 'therapist' ? 'Therapist' : 'Patient'}, line {h.seq + 1}
                </span>
                <p className="search-hit__snippet">
                  <MarkedParts parts={h.snippet} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
