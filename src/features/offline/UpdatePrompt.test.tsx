/** @vitest-environment jsdom */
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerServiceWorker } from './registerServiceWorker.ts';
import { UpdatePrompt } from './UpdatePrompt.tsx';

class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installing';
  postMessage = vi.fn();
}

/** A service worker container whose registration holds `waiting` (or gets one later). */
function fakeContainer({ controlled, waiting }: { controlled: boolean; waiting?: FakeWorker }) {
  const registration = Object.assign(new EventTarget(), {
    waiting: waiting ?? null,
    installing: null as FakeWorker | null,
    update: vi.fn(() => Promise.resolve()),
  });
  const container = Object.assign(new EventTarget(), {
    controller: controlled ? {} : null,
    register: vi.fn(() => Promise.resolve(registration)),
  });
  Object.defineProperty(navigator, 'serviceWorker', { value: container, configurable: true });
  /** A new version arrives: installing, then installed (waiting). */
  const install = () => {
    const worker = new FakeWorker();
    registration.installing = worker;
    registration.dispatchEvent(new Event('updatefound'));
    worker.state = 'installed';
    worker.dispatchEvent(new Event('statechange'));
    return worker;
  };
  return { container, registration, install };
}

afterEach(() => {
  cleanup();
  Reflect.deleteProperty(navigator, 'serviceWorker');
});

describe('UpdatePrompt', () => {
  it('offers a waiting version and activates it on Reload', async () => {
    const waiting = new FakeWorker();
    const { container } = fakeContainer({ controlled: true, waiting });
    render(<UpdatePrompt enabled />);
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      expect.stringContaining('A new version is available') as string,
    );
    expect(container.register).toHaveBeenCalledWith(expect.any(URL), { updateViaCache: 'none' });
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(waiting.postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' });
  });

  it('can be dismissed', async () => {
    fakeContainer({ controlled: true, waiting: new FakeWorker() });
    render(<UpdatePrompt enabled />);
    await userEvent.click(await screen.findByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('registers nothing outside the built app', () => {
    const { container } = fakeContainer({ controlled: true });
    render(<UpdatePrompt enabled={false} />);
    expect(container.register).not.toHaveBeenCalled();
  });
});

describe('registerServiceWorker', () => {
  it('offers a version installed while the page is open, and reloads once it takes over', async () => {
    const { container, install } = fakeContainer({ controlled: true });
    const reload = vi.fn();
    const onUpdate = vi.fn();
    registerServiceWorker(onUpdate, reload);
    await act(() => Promise.resolve());
    const worker = install();
    expect(onUpdate).toHaveBeenCalledTimes(1);
    // Taking over before the author chose Reload (another tab did) does not reload this one.
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).not.toHaveBeenCalled();
    (onUpdate.mock.calls[0]![0] as { apply: () => void }).apply();
    expect(worker.postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' });
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('offers nothing on the first visit (the first version is not an update)', async () => {
    const { container, install } = fakeContainer({ controlled: false });
    const onUpdate = vi.fn();
    const reload = vi.fn();
    registerServiceWorker(onUpdate, reload);
    await act(() => Promise.resolve());
    install();
    container.dispatchEvent(new Event('controllerchange'));
    expect(onUpdate).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
  });
});
