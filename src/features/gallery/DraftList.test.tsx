/** @vitest-environment jsdom */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { libraryLoaded, useDrafts } from '../../stores/drafts.ts';
import { DraftList, formatRelativeTime, StorageAlerts } from './DraftList.tsx';

beforeEach(async () => {
  localStorage.clear();
  await libraryLoaded;
  useDrafts.setState({ drafts: {}, problems: [], saveError: null, lastDeleted: null, aside: [] });
});
afterEach(cleanup);

describe('DraftList', () => {
  it('says when there are no drafts', () => {
    render(<DraftList />);
    expect(screen.getByText(/No drafts yet/)).toBeTruthy();
  });

  it('lists drafts with template name, time and progress; renames, deletes and undoes', async () => {
    const user = userEvent.setup();
    const id = useDrafts.getState().createDraft('enhancement-rfc', { title: 'Plan' });
    render(<DraftList progress={() => '3 of 9 required sections complete'} />);
    const item = screen.getByRole('listitem');
    expect(item.textContent).toContain('Enhancement RFC');
    expect(item.textContent).toContain('3 of 9 required sections complete');
    expect(within(item).getByRole('link', { name: 'Plan' }).getAttribute('href')).toBe(
      `#/draft/${id}`,
    );

    await user.click(within(item).getByRole('button', { name: 'Rename' }));
    await user.keyboard('{Control>}a{/Control}Other{Escape}');
    expect(useDrafts.getState().drafts[id]?.title).toBe('Plan');
    await user.click(within(item).getByRole('button', { name: 'Rename' }));
    await user.keyboard('{Control>}a{/Control}Better plan{Enter}');
    expect(useDrafts.getState().drafts[id]?.title).toBe('Better plan');

    await user.click(within(item).getByRole('button', { name: 'Delete' }));
    expect(useDrafts.getState().drafts[id]).toBeUndefined();
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(screen.getByRole('status').textContent).toContain('Deleted “Better plan”');
    await act(async () => {
      await user.click(undo);
    });
    expect(useDrafts.getState().drafts[id]?.title).toBe('Better plan');
    expect(document.activeElement?.textContent).toBe('Delete');
  });

  it('shows loading problems and save errors as alerts', () => {
    useDrafts.setState({ problems: ['A saved draft could not be loaded'], saveError: 'Full' });
    render(<StorageAlerts />);
    const alerts = screen.getAllByRole('alert');
    expect(alerts.map((a) => a.textContent).join(' ')).toContain(
      'A saved draft could not be loaded',
    );
    expect(alerts.map((a) => a.textContent).join(' ')).toContain('Full');
  });
});

describe('loading and kept-aside records', () => {
  it('says it is loading instead of showing an empty library', () => {
    useDrafts.setState({ loaded: false });
    render(<DraftList />);
    expect(screen.getByText('Loading your drafts…').getAttribute('role')).toBe('status');
    expect(screen.queryByText(/No drafts yet/)).toBeNull();
    useDrafts.setState({ loaded: true });
  });

  it('lists records kept aside, each with a download', () => {
    useDrafts.setState({
      aside: [
        {
          key: 'k1',
          title: 'Broken one',
          reason: 'values: invalid',
          from: 'draft record bad',
          keptAt: '2026-03-01T12:00:00.000Z',
          where: 'aside',
        },
      ],
    });
    render(<DraftList />);
    const region = screen.getByRole('region', { name: 'Kept aside' });
    expect(within(region).getByText('Broken one')).toBeTruthy();
    expect(within(region).getByRole('button', { name: 'Download' })).toBeTruthy();
  });
});

describe('formatRelativeTime', () => {
  it('reads like speech', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(formatRelativeTime('2026-03-01T11:59:50Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-03-01T11:55:00Z', now)).toMatch(/5 minutes ago/);
    expect(formatRelativeTime('2026-02-28T12:00:00Z', now)).toMatch(/yesterday/);
  });
});
