import { appOrigin } from '../../../shared/security/csp';

/** What handle() needs to know of an IPC event's sender. */
export interface SenderFacts {
  /** The frame that sent the message (null when it was destroyed or navigated away). */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

/** Only our own page, in its main frame, on our own origin may call the core. */
export function checkSender(event: SenderFacts, expectedOrigin: string = appOrigin): SenderVerdict {
  const frame = event.senderFrame;
  if (!frame) return { ok: false, reason: 'sender frame is gone' };
  if (frame.parent !== null) return { ok: false, reason: 'sub-frames may not call the app' };
  let origin: string;
  try {
    origin = new URL(frame.url).origin;
  } catch {
    return { ok: false, reason: 'sender URL is not a URL' };
  }
  // app:// URLs have an opaque `origin` of "null" in WHATWG URL; compare scheme+host instead.
  if (origin === 'null') {
    const url = new URL(frame.url);
    origin = `${url.protocol}//${url.host}`;
  }
  if (origin !== expectedOrigin) return { ok: false, reason: `foreign origin ${origin}` };
  return { ok: true };
}
