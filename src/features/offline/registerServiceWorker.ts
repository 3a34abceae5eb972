/**
 * Registers the built app's service worker (dist/sw.js, written by scripts/pwa-plugin.ts) and
 * reports a new version that is installed and waiting. Only the built app registers it: the dev
 * server and the unit tests have none, and the browser tests block service workers except in
 * e2e/offline.spec.ts.
 */
export interface WaitingUpdate {
  /** Activates the new version; the page reloads once it has taken over. */
  apply: () => void;
}

export function registerServiceWorker(
  onUpdate: (update: WaitingUpdate) => void,
  reload: () => void = () => window.location.reload(),
): () => void {
  if (!('serviceWorker' in navigator)) return () => {};
  const container = navigator.serviceWorker;
  let accepted = false;
  let stopped = false;
  // The first install also takes control (clients.claim): reload only after "Reload".
  const onControllerChange = () => {
    if (accepted && !stopped) reload();
  };
  container.addEventListener('controllerchange', onControllerChange);
  const offer = (worker: ServiceWorker) => {
    if (stopped || !container.controller) return;
    onUpdate({
      apply: () => {
        accepted = true;
        worker.postMessage({ type: 'SKIP_WAITING' });
      },
    });
  };
  // Relative to the page, so a build under a sub-path registers its own worker and scope.
  const url = new URL('sw.js', document.baseURI);
  container
    .register(url, { updateViaCache: 'none' })
    .then((registration) => {
      if (registration.waiting) offer(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed') offer(worker);
        });
      });
      // A tab left open picks up a new deploy when the author comes back to it.
      const check = () => {
        if (document.visibilityState === 'visible') void registration.update().catch(() => {});
      };
      document.addEventListener('visibilitychange', check);
    })
    .catch(() => {
      // No service worker (private mode, an old browser): the app works online as before.
    });
  return () => {
    stopped = true;
    container.removeEventListener('controllerchange', onControllerChange);
  };
}
