import { useState } from 'react';
import { clinician, unwrap } from '../../../bridge';
import { ErrorText, Loading, Tag } from '../../../ui/Feedback';
import { useTherapistsStore } from '../../caseload/store/caseload-store';
import { Time } from '../../../ui/Time';
import { SplitView } from '../../../ui/SplitView';
import { ViewHeading, useViewHeadingId } from '../../../ui/ViewHeading';
import { useNav } from '../../navigation/nav-store';
import { createLiveQuery, useLiveQuery } from '../../sync/live-query';
import { CtsrHistory } from './CtsrHistory';
import { TranscriptReader } from './TranscriptReader';
import { TranscriptSearch } from './TranscriptSearch';
import '../transcripts.css';

interface ListFilter {
  therapistId: string;
  reviewed: 'all' | 'reviewed' | 'unreviewed';
  patientName: string;
  offset: number;
}
const PAGE = 50;
const useTranscriptList = createLiveQuery({
  entities: ['transcript', 'patient', 'ctsrRating', 'utteranceComment'],
  key: (f: ListFilter) => JSON.stringify(f),
  load: (f: ListFilter) =>
    unwrap(
      clinician().transcripts.list({
        ...(f.therapistId ? { therapistId: f.therapistId } : {}),
        reviewed: f.reviewed,
        ...(f.patientName.trim() ? { patientName: f.patientName.trim() } : {}),
        offset: f.offset,
        limit: PAGE,
      }),
    ),
});

/** The sessions beside the transcript opened from them (the supervisor's review queue). */
export function TranscriptsView({
  transcriptId,
  supervisor,
}: {
  transcriptId: string | undefined;
  supervisor: boolean;
}) {
  const route = useNav((s) => s.route);
  // Opened from a search result: the line found (the route carries its sequence number).
  const atSeq = route.view === 'transcripts' ? route.utteranceSeq : undefined;
  // The sessions take a quarter by default: a supervisor reviews with the transcript and its
  // CTS-R panel side by side, which needs the room (they stack below 46rem).
  return (
    <SplitView
      view="transcripts"
      listLabel="the sessions"
      defaultSize={25}
      list={<SessionList supervisor={supervisor} openId={transcriptId} />}
      detail={
        transcriptId ? (
          <TranscriptReader
            key={`${transcriptId}:${atSeq ?? ''}`}
            transcriptId={transcriptId}
            supervisor={supervisor}
            atSeq={atSeq}
          />
        ) : null
      }
    />
  );
}

function SessionList({ supervisor, openId }: { supervisor: boolean; openId: string | undefined }) {
  const go = useNav((s) => s.go);
  const headingId = useViewHeadingId();
  const [filter, setFilter] = useState<ListFilter>({
    therapistId: '',
    reviewed: 'all',
    patientName: '',
    offset: 0,
  });
  const list = useLiveQuery(useTranscriptList, filter, JSON.stringify(filter));
  const therapists = useLiveQuery(useTherapistsStore, undefined, 'supervisees');
  const refine = (patch: Partial<ListFilter>) => setFilter((f) => ({ ...f, offset: 0, ...patch }));
  return (
    <section className="view" aria-labelledby={headingId}>
      <ViewHeading>Transcripts</ViewHeading>
      <TranscriptSearch />
      {!supervisor || filter.therapistId ? (
        <CtsrHistory
          therapistId={filter.therapistId}
          title={
            supervisor
              ? `CTS-R ratings of ${therapists.value?.therapists.find((t) => t.id === filter.therapistId)?.displayName ?? 'this therapist'} over time`
              : 'My CTS-R ratings over time'
          }
        />
      ) : null}
      <h3 id="sessions-heading">Sessions</h3>
      <div className="filters" role="group" aria-labelledby="sessions-heading">
        {supervisor ? (
          <span className="filter">
            <label htmlFor="filter-therapist">Therapist</label>
            <select
              id="filter-therapist"
              value={filter.therapistId}
              onChange={(e) => refine({ therapistId: e.target.value })}
            >
              <option value="">All my therapists</option>
              {therapists.value?.therapists.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.displayName}
                </option>
              ))}
            </select>
          </span>
        ) : null}
        <span className="filter">
          <label htmlFor="filter-reviewed">Review</label>
          <select
            id="filter-reviewed"
            value={filter.reviewed}
            onChange={(e) => refine({ reviewed: e.target.value as ListFilter['reviewed'] })}
          >
            <option value="all">Reviewed and unreviewed</option>
            <option value="unreviewed">Unreviewed (no CTS-R yet)</option>
            <option value="reviewed">Reviewed</option>
          </select>
        </span>
        <span className="filter">
          <label htmlFor="filter-patient">Patient name</label>
          <input
            id="filter-patient"
            type="search"
            value={filter.patientName}
            onChange={(e) => refine({ patientName: e.target.value })}
          />
        </span>
      </div>
      <ErrorText error={list.error} />
      {!list.value ? <Loading what="transcripts" /> : null}
      {list.value?.stillSyncing ? (
        <p className="muted">Transcripts are still arriving from the service.</p>
      ) : null}
      {list.value ? (
        <p role="status" className="muted">
          {list.value.total === 0
            ? 'No session matches.'
            : `Sessions ${filter.offset + 1}–${filter.offset + list.value.transcripts.length} of ${list.value.total}, newest first.`}
        </p>
      ) : null}
      {list.value && list.value.transcripts.length > 0 ? (
        <div className="table-scroll">
          <table className="table sessions">
            <caption className="visually-hidden">Sessions to review</caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                {supervisor ? <th scope="col">Therapist</th> : null}
                <th scope="col">Date (UK time)</th>
                <th scope="col" className="num">
                  Length
                </th>
                <th scope="col" className="num">
                  Lines
                </th>
                <th scope="col">Review</th>
              </tr>
            </thead>
            <tbody>
              {list.value.transcripts.map((t) => (
                <tr key={t.id} aria-current={t.id === openId ? 'true' : undefined}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => go({ view: 'transcripts', transcriptId: t.id })}
                    >
                      {t.patientName}
                    </button>
                  </th>
                  {supervisor ? <td>{t.therapistName ?? 'unknown'}</td> : null}
                  <td>
                    <Time iso={t.startedAt} />
                  </td>
                  <td className="num">
                    {t.durationMinutes === null ? '–' : `${t.durationMinutes} min`}
                  </td>
                  <td className="num">{t.utteranceCount}</td>
                  <td>
                    {t.reviewed ? (
                      <Tag tone="ok">Reviewed</Tag>
                    ) : (
                      <Tag tone="muted">Unreviewed</Tag>
                    )}
                    {t.commentCount > 0 ? (
                      <span className="muted small">
                        {' '}
                        · {t.commentCount} comment{t.commentCount === 1 ? '' : 's'}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.value && list.value.total > PAGE ? (
        <div className="button-row">
          <button
            type="button"
            disabled={filter.offset === 0}
            onClick={() => setFilter((f) => ({ ...f, offset: Math.max(0, f.offset - PAGE) }))}
          >
            Newer sessions
          </button>
          <button
            type="button"
            disabled={filter.offset + PAGE >= list.value.total}
            onClick={() => setFilter((f) => ({ ...f, offset: f.offset + PAGE }))}
          >
            Older sessions
          </button>
        </div>
      ) : null}
    </section>
  );
}
