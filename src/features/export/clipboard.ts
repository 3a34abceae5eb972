/**
 * Copies text: the Clipboard API where it is available (secure context, permission), else a
 * hidden textarea and `execCommand('copy')`, which still works in plain-http deployments and
 * older browsers. Resolves to whether the text reached the clipboard; never throws.
 */
export async function copyText(text: string): Promise<boolean> {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused or document not focused: try the fallback.
    }
  }
  return copyWithTextarea(text);
}

function copyWithTextarea(text: string): boolean {
  if (typeof document === 'undefined' || typeof document.execCommand !== 'function') return false;
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.tabIndex = -1;
  area.className = 'export-offscreen';
  // Outside an open modal dialog everything is inert and cannot be selected: stay inside it.
  const container = document.querySelector('dialog[open]') ?? document.body;
  container.appendChild(area);
  try {
    area.select();
    area.setSelectionRange(0, text.length);
    // execCommand is deprecated, but it is the only copy path without the Clipboard API.
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    previous?.focus();
  }
}
