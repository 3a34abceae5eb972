/**
 * Undo for removals (a list item, a table row, a group instance): the widget that removed
 * something hands over a way to put it back; the editor shows it in a toast with "Undo", and
 * Ctrl/⌘+Z outside a text field does the same.
 */
import { createContext, useContext } from 'react';

export interface Removal {
  /** What was removed, for the toast: "Removed Pain Points, item 2". */
  message: string;
  /** Puts it back (and focus in it). */
  undo: () => void;
}

export const UndoContext = createContext<(removal: Removal) => void>(() => {});

export function useOfferUndo(): (removal: Removal) => void {
  return useContext(UndoContext);
}
