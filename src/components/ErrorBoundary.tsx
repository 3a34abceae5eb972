import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface Props {
  /** What failed, for the message: "The form", "The preview", "This dialog". */
  what: string;
  /** Actions beside the message (such as "Download this draft" or "Close"). */
  actions?: ReactNode;
  /** A change of this value clears the error and tries again (say, new content). */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/**
 * Keeps an error in one part of the page in that part: it shows what went wrong and what the
 * author can do, and the rest of the page (and the draft in the store) stays as it was.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.resetKey)
      ? null
      : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.what} failed:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="error-boundary alert alert-danger">
        <p>
          <strong>{this.props.what} stopped working.</strong> {describeError(error)} Your draft is
          kept as it is.
        </p>
        <p className="error-boundary-actions">
          {this.props.actions}{' '}
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </p>
      </div>
    );
  }
}

/** A sentence for a person; the stack stays in the console. */
function describeError(error: Error): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'The text is nested or repeated too deeply to show.';
  }
  const message = error.message.trim() || error.name;
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
