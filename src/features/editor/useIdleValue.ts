import { useEffect, useState } from 'react';

/**
 * `value`, followed once the page is idle (or after `timeout` ms at the latest): for views that
 * need not change with each keystroke, such as the Markdown tab's text (writing a long
 * document's text into the page costs as much as the document is long). React's
 * `useDeferredValue` would do this; Preact's compatible runtime returns the value at once.
 */
export function useIdleValue<T extends string | number | boolean | null>(
  value: T,
  timeout = 1000,
): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return undefined;
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(() => setShown(value), { timeout });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(() => setShown(value), 50);
    return () => clearTimeout(id);
  }, [value, shown, timeout]);
  return shown;
}
