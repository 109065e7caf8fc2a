import type { RefObject } from 'react';

/**
 * Find in this transcript: Enter goes to the next match, Shift+Enter to the previous one,
 * Escape back to the line in the transcript. The count is announced politely.
 */
export function FindBar({
  inputRef,
  query,
  onQuery,
  status,
  count,
  onStep,
  onEscape,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQuery(query: string): void;
  status: string;
  count: number;
  onStep(direction: 1 | -1): void;
  onEscape(): void;
}) {
  return (
    <div className="find-bar" role="search" aria-label="Find in this transcript">
      <label htmlFor="transcript-find">
        Find<span className="visually-hidden"> in this transcript</span>
      </label>
      <input
        ref={inputRef}
        id="transcript-find"
        type="search"
        value={query}
        aria-describedby="transcript-find-status transcript-find-keys"
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onEscape();
          }
        }}
      />
      <button
        type="button"
        className="button--small"
        disabled={count === 0}
        onClick={() => onStep(-1)}
      >
        Previous<span className="visually-hidden"> match</span>
      </button>
      <button
        type="button"
        className="button--small"
        disabled={count === 0}
        onClick={() => onStep(1)}
      >
        Next<span className="visually-hidden"> match</span>
      </button>
      <span id="transcript-find-status" role="status" className="find-bar__status">
        {status}
      </span>
      <span id="transcript-find-keys" className="visually-hidden">
        Enter for the next match, Shift+Enter for the previous one, Escape to go back to the
        transcript.
      </span>
    </div>
  );
}
