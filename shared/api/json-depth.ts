/**
 * Our deepest document (a push batch, a pull page of transcripts) nests under ten levels;
 * 64 leaves room and bounds every walk of a value that came over the wire, on either side.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a JSON text nests arrays/objects deeper than `max`: one linear pass that counts
 * brackets outside strings, with no recursion, so it cannot itself overflow the stack. Run
 * on the raw text before JSON.parse and before anything (zod, a NUL scan) walks the value.
 */
export const nestsDeeperThan = (text: string, max: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
};
