/**
 * One writer per draft across tabs. With the Web Locks API the tab holding the lock
 * `proposal-studio/draft/<id>` edits and every other tab shows the draft read-only; without it,
 * tabs ask each other over a BroadcastChannel. "Edit here" asks the writer to let go: it saves
 * its last edits first, becomes read-only, then releases; a writer that does not answer within
 * TAKEOVER_WAIT_MS has its lock stolen (its later saves then merge, never overwrite).
 */
import { z } from '../core/zod.ts';
import { refreshDraft } from './drafts.ts';

export type DraftAccess = 'checking' | 'editing' | 'read-only';

export const LOCKS_CHANNEL = 'proposal-studio/locks';
export const TAKEOVER_WAIT_MS = 2000;
/** Without Web Locks: how long a tab waits for another to say it edits the draft. */
const CLAIM_WAIT_MS = 250;

export interface DraftLock {
  readonly access: DraftAccess;
  subscribe: (listener: (access: DraftAccess) => void) => () => void;
  /** "Edit here": takes the draft over from the tab that edits it. */
  takeOver: () => Promise<void>;
  /** The editor closes: lets another tab have the draft. */
  close: () => void;
}

const messageSchema = z.object({
  type: z.enum(['release', 'released', 'who-edits', 'editing']),
  id: z.string(),
  from: z.string(),
});
type LockMessage = z.infer<typeof messageSchema>;

const tabId = Math.random().toString(36).slice(2);

function openChannel(): BroadcastChannel | null {
  try {
    return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(LOCKS_CHANNEL);
  } catch {
    return null;
  }
}

function webLocks(): LockManager | null {
  try {
    return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
  } catch {
    return null;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Claims the draft for this tab. `beforeRelease` saves this tab's last edits; it runs before
 * the draft is handed to another tab.
 */
export function lockDraft(id: string, beforeRelease: () => Promise<void>): DraftLock {
  const listeners = new Set<(access: DraftAccess) => void>();
  const channel = openChannel();
  const locks = webLocks();
  const name = `proposal-studio/draft/${id}`;
  let access: DraftAccess = 'checking';
  let closed = false;
  /** Resolving it releases the held Web Lock. */
  let releaseHeld: (() => void) | null = null;
  let waitingForRelease: (() => void) | null = null;

  function setAccess(next: DraftAccess): void {
    if (access === next) return;
    access = next;
    for (const listener of listeners) listener(next);
  }

  function post(type: LockMessage['type']): void {
    try {
      channel?.postMessage({ type, id, from: tabId } satisfies LockMessage);
    } catch {
      // Closed channel: nothing to tell.
    }
  }

  /** This tab now writes the draft: first take what the last writer saved. */
  async function becomeWriter(): Promise<void> {
    await refreshDraft(id);
    if (!closed) setAccess('editing');
  }

  async function letGo(): Promise<void> {
    if (access !== 'editing') return;
    await beforeRelease();
    setAccess('read-only');
    releaseHeld?.();
    releaseHeld = null;
    post('released');
  }

  function request(options: LockOptions): Promise<boolean> {
    if (!locks) return Promise.resolve(false);
    return locks.request(name, options, (lock) => {
      if (!lock || closed) return false;
      return new Promise<boolean>((resolve) => {
        releaseHeld = () => resolve(true);
        void becomeWriter();
      });
    });
  }

  function holdWebLock(options: LockOptions): Promise<void> {
    return request(options).then(
      (granted) => {
        if (!granted && !closed) setAccess('read-only');
      },
      (error: unknown) => {
        // Stolen by a tab that took over (AbortError) or a takeover that timed out.
        if (error instanceof DOMException && error.name === 'AbortError' && access === 'editing') {
          releaseHeld = null;
          setAccess('read-only');
        }
        throw error;
      },
    );
  }

  if (channel) {
    channel.onmessage = (event: MessageEvent) => {
      const msg = messageSchema.safeParse(event.data);
      if (!msg.success || msg.data.id !== id || msg.data.from === tabId) return;
      switch (msg.data.type) {
        case 'release':
          void letGo();
          break;
        case 'released':
          waitingForRelease?.();
          break;
        case 'who-edits':
          if (access === 'editing' && !locks) post('editing');
          break;
        case 'editing':
          if (access === 'checking') setAccess('read-only');
          break;
      }
    };
  }

  /** A lock just let go by an editor of the same tab (a remount) may still be held: ask twice. */
  function claimWebLock(attempt: number): void {
    request({ ifAvailable: true }).then(
      (granted) => {
        if (granted || closed) return;
        if (attempt === 0) setTimeout(() => claimWebLock(1), CLAIM_WAIT_MS);
        else setAccess('read-only');
      },
      () => {
        releaseHeld = null;
        if (!closed) setAccess('read-only');
      },
    );
  }

  if (locks) {
    claimWebLock(0);
  } else if (channel) {
    post('who-edits');
    void delay(CLAIM_WAIT_MS).then(() => {
      if (access === 'checking' && !closed) void becomeWriter();
    });
  } else {
    // Nothing to coordinate with: edit, and let compare-and-set merge concurrent saves.
    void becomeWriter();
  }

  return {
    get access() {
      return access;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async takeOver() {
      if (access === 'editing') return;
      post('release');
      if (locks) {
        try {
          await holdWebLockUntilGranted({ signal: AbortSignal.timeout(TAKEOVER_WAIT_MS) });
        } catch {
          if (!closed) await holdWebLockUntilGranted({ steal: true });
        }
        return;
      }
      await Promise.race([
        new Promise<void>((resolve) => (waitingForRelease = resolve)),
        delay(TAKEOVER_WAIT_MS),
      ]);
      waitingForRelease = null;
      if (!closed) await becomeWriter();
    },
    close() {
      closed = true;
      listeners.clear();
      releaseHeld?.();
      releaseHeld = null;
      channel?.close();
    },
  };

  /** Resolves once the lock is granted (the lock stays held), rejects when the request fails. */
  function holdWebLockUntilGranted(options: LockOptions): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const unsubscribe = (): void => {
        listeners.delete(onAccess);
      };
      const onAccess = (next: DraftAccess): void => {
        if (next === 'editing') {
          unsubscribe();
          resolve();
        }
      };
      listeners.add(onAccess);
      holdWebLock(options).catch((error: unknown) => {
        unsubscribe();
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }
}
