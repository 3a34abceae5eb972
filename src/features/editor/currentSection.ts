/**
 * The section being edited (the one holding the focus): highlighted in the outline, followed by
 * the preview. Kept outside React state so that moving the focus re-renders only the outline
 * lines whose highlight changes (a state of the form re-rendered the whole editor, in a large
 * template a few hundred milliseconds, on the first click into it).
 */
import { useSyncExternalStore } from 'react';

export class CurrentSection {
  private id: string | null = null;
  private readonly listeners = new Set<() => void>();

  get = (): string | null => this.id;

  set(id: string | null): void {
    if (id === this.id) return;
    this.id = id;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** Whether `sectionId` is the section being edited; re-renders only when that changes. */
export function useIsCurrentSection(store: CurrentSection, sectionId: string): boolean {
  return useSyncExternalStore(store.subscribe, () => store.get() === sectionId);
}
