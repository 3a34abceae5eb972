import { useEffect, useRef } from 'react';
import type { ReactNode, RefObject } from 'react';
import { ErrorBoundary } from './ErrorBoundary.tsx';

interface Props {
  /** Called when the dialog asks to close (Escape, a close button): unmount it then. */
  onClose: () => void;
  labelledBy: string;
  describedBy?: string;
  /** The element to focus when the dialog opens; the first focusable one otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** The dialog's classes (its look belongs to the feature that opens it). */
  className: string;
  children: ReactNode;
}

const FOCUSABLE =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A native modal `<dialog>`: rendered only while open, shown with showModal() (the browser traps
 * focus and makes the page inert), Escape closes it, and focus returns to where it was. An error
 * inside shows what went wrong with a Close button instead of blanking the page.
 */
export function ModalDialog({
  onClose,
  labelledBy,
  describedBy,
  initialFocus,
  className,
  children,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') {
        try {
          dialog.showModal();
        } catch {
          dialog.setAttribute('open', '');
        }
      } else {
        dialog.setAttribute('open', '');
      }
    }
    const target = initialFocus?.current ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus();
    // Escape fires `cancel`; the parent decides, so the dialog never closes behind React's back.
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    // Browsers without `cancel` on Escape (or with the open-attribute fallback).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        onCloseRef.current();
      }
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('keydown', onKeyDown);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('keydown', onKeyDown);
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
      if (opener?.isConnected) opener.focus();
    };
    // Runs once per opening: the dialog is mounted only while open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
    >
      <ErrorBoundary
        what="This dialog"
        actions={
          <button type="button" onClick={() => onCloseRef.current()}>
            Close
          </button>
        }
      >
        {children}
      </ErrorBoundary>
    </dialog>
  );
}
