/** "3 unsent changes" / "1 unsent change" / "no unsent changes". */
export function unsentText(count: number | null): string {
  if (count === null) return 'possibly some unsent changes';
  if (count === 0) return 'no unsent changes';
  return `${count} unsent change${count === 1 ? '' : 's'}`;
}
