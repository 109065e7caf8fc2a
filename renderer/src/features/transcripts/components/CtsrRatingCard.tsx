import { CTSR_ITEMS, CTSR_TOTAL_MAX } from '../../../../../shared/clinical';
import { SyncStateTag, Tag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';

export interface CtsrRatingShown {
  readonly id: string;
  readonly items: readonly number[];
  readonly itemNotes: readonly string[];
  readonly total: number;
  readonly comment: string;
  readonly createdAt: string;
  readonly syncState: 'synced' | 'pending' | 'rejected';
  readonly rejectedReason: string | null;
}

/** One submitted CTS-R: every item with its score and note, the total against the threshold. */
export function CtsrRatingCard({
  rating,
  threshold,
}: {
  rating: CtsrRatingShown;
  threshold: number;
}) {
  const competent = rating.total >= threshold;
  return (
    <article className="ctsr-card" aria-label={`CTS-R rating of ${rating.createdAt.slice(0, 10)}`}>
      <p>
        <strong>
          Total {rating.total}/{CTSR_TOTAL_MAX}
        </strong>{' '}
        <Tag tone={competent ? 'ok' : 'warn'}>
          {competent ? 'at or above' : 'below'} the competence threshold of {threshold}
        </Tag>{' '}
        <SyncStateTag syncState={rating.syncState} rejectedReason={rating.rejectedReason} />
      </p>
      <p className="muted small">
        Rated <Time iso={rating.createdAt} />
      </p>
      <table className="table ctsr-card__items">
        <caption className="visually-hidden">Items of the CTS-R rating</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {CTSR_ITEMS.map((name, i) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="num">{rating.items[i]}/6</td>
              <td>{rating.itemNotes[i] || <span className="muted">–</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rating.comment ? <p>Comment: {rating.comment}</p> : null}
    </article>
  );
}
