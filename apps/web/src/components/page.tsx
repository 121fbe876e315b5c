import type { ApiProblem } from '@app/api-client';
import { type ReactNode, useEffect, useRef } from 'react';

interface PageProps {
  readonly title: string;
  /** Beside the title: the screen's main actions. */
  readonly actions?: ReactNode;
  readonly children: ReactNode;
}

/**
 * A screen: its title becomes the document's, and focus moves to its heading when it opens, so a
 * screen reader announces where a link led.
 */
export function Page({ title, actions, children }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ScaiDNS`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </>
  );
}

/** While a screen's data loads, or why it could not. */
export function LoadState({ problem, loading }: { problem: ApiProblem | null; loading: boolean }) {
  if (problem) {
    return (
      <div className="problem" role="alert">
        {problem.general.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
    );
  }
  return loading ? (
    <p className="muted" role="status">
      Loading…
    </p>
  ) : null;
}
