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
