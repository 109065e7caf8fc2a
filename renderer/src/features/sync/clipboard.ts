/**
 * Put text on the clipboard. The async Clipboard API first; where the host refuses it (the
 * Electron window denies every permission, clipboard writes included) the text is copied
 * from a selection, the way the Edit menu does. Says what happened, in words.
 */
export async function copyToClipboard(text: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return 'Copied to the clipboard.';
  } catch {
    // fall through to copying a selection
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  area.select();
  // execCommand is the one clipboard path that needs no permission; deprecated, still kept.
  const copied = document.execCommand('copy');
  area.remove();
  active?.focus();
  return copied
    ? 'Copied to the clipboard.'
    : 'The clipboard is not available here: select the text and press Ctrl+C.';
}
