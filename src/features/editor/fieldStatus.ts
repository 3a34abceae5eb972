/**
 * Which fields show "required" errors: a required field left empty shows its error once the
 * author has left it, and every one does once an export was asked for.
 */
import { createContext, useContext } from 'react';

export interface FieldStatus {
  /** Form paths of the required fields (of required sections). */
  required: ReadonlySet<string>;
  /** Set when an export was asked for: every empty required field shows its error. */
  showAll: boolean;
}

export const FieldStatusContext = createContext<FieldStatus>({
  required: new Set(),
  showAll: false,
});

export function useFieldStatus(): FieldStatus {
  return useContext(FieldStatusContext);
}

export function requiredMessage(label: string): string {
  return `${label.replace(/:$/, '')} is required.`;
}

/** Form paths of fields the title input edits: the form does not show them a second time. */
export const TitleFieldIdsContext = createContext<ReadonlySet<string>>(new Set());

export function useIsTitleField(name: string): boolean {
  return useContext(TitleFieldIdsContext).has(name);
}
