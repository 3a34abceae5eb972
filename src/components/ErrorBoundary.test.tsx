/** @vitest-environment jsdom */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, expect, test, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary.tsx';

afterEach(cleanup);

function Bomb({ explode }: { explode: boolean }): string {
  if (explode) throw new RangeError('Maximum call stack size exceeded');
  return 'fine';
}

function Page() {
  const [explode, setExplode] = useState(true);
  const [typed, setTyped] = useState('kept text');
  return (
    <>
      <input aria-label="Elsewhere" value={typed} onChange={(e) => setTyped(e.target.value)} />
      <button type="button" onClick={() => setExplode(false)}>
        Fix
      </button>
      <ErrorBoundary
        what="The preview"
        actions={<button type="button">Download this draft</button>}
      >
        <Bomb explode={explode} />
      </ErrorBoundary>
    </>
  );
}

test('an error stays in its part: a message and actions, the rest of the page keeps working', () => {
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
  render(<Page />);
  expect(screen.getByRole('alert').textContent).toMatch(
    /The preview stopped working\. The text is nested or repeated too deeply to show\. Your draft is kept/,
  );
  expect(screen.getByRole('button', { name: 'Download this draft' })).toBeTruthy();
  expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Elsewhere' }).value).toBe(
    'kept text',
  );
  fireEvent.click(screen.getByRole('button', { name: 'Fix' }));
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.getByText('fine')).toBeTruthy();
  quiet.mockRestore();
});
