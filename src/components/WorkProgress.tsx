import { useEffect, useState } from 'react';
import { formatCount } from '../core/limits.ts';

/**
 * A long piece of work (reading a large template) in progress: what is being done, how large
 * it is, the seconds so far (ticking, so the page visibly answers), and a way out.
 */
export function WorkProgress({
  label,
  size,
  onCancel,
}: {
  /** "Reading the template" */
  label: string;
  /** Characters being read, when known. */
  size?: number;
  onCancel: () => void;
}) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="work-progress" role="status">
      <progress aria-label={label} />
      <span>
        {label}
        {size === undefined ? '' : ` (${formatCount(size)} characters)`}… {seconds} s
      </span>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** Whether an error is the rejection of a cancelled piece of work. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
