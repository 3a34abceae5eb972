import { useEffect, useState } from 'react';
import { registerServiceWorker, type WaitingUpdate } from './registerServiceWorker.ts';
import './offline.css';

/**
 * Registers the service worker in the built app and offers a new version when one is waiting:
 * "A new version is available — Reload". Drafts are saved as the author types (and on
 * `pagehide`), so the reload loses nothing.
 */
export function UpdatePrompt({ enabled = import.meta.env.PROD }: { enabled?: boolean }) {
  const [update, setUpdate] = useState<WaitingUpdate | null>(null);
  useEffect(() => (enabled ? registerServiceWorker(setUpdate) : undefined), [enabled]);
  if (!update) return null;
  return (
    <div className="update-prompt" role="status">
      <span>A new version is available</span>
      <button type="button" className="button" onClick={update.apply}>
        Reload
      </button>
      <button
        type="button"
        className="button-link"
        aria-label="Not now"
        onClick={() => setUpdate(null)}
      >
        Not now
      </button>
    </div>
  );
}
