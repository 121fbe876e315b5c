import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';

interface ConfirmButtonProps {
  /** The button's text: "Delete". */
  readonly label: string;
  /** What will happen, asked before it does: "Delete the record www A 192.0.2.1?". */
  readonly question: string;
  /** The confirming button's text: "Delete record". */
  readonly confirm: string;
  readonly onConfirm: () => void | Promise<unknown>;
  readonly disabled?: boolean;
  readonly className?: string;
  /** An accessible name when the label alone is ambiguous in a list ("Delete www A"). */
  readonly ariaLabel?: string;
}

/**
 * A destructive action asked twice, in place: the button turns into the question with a confirm and
 * a cancel button; focus goes to the confirm button, Escape cancels.
 */
export function ConfirmButton(props: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  const close = () => {
    setAsking(false);
    // Back to the button that asked, once it is rendered again.
    requestAnimationFrame(() => openerRef.current?.focus());
  };
  const escape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
  };
  if (!asking) {
    return (
      <button
        type="button"
        ref={openerRef}
        className={props.className ?? 'danger'}
        disabled={props.disabled}
        aria-label={props.ariaLabel}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={props.question}>
      <span className="confirm-question">{props.question}</span>
      <button
        type="button"
        ref={confirmRef}
        className="danger"
        onKeyDown={escape}
        onClick={() => {
          setAsking(false);
          void props.onConfirm();
        }}
      >
        {props.confirm}
      </button>
      <button type="button" className="secondary" onKeyDown={escape} onClick={close}>
        Cancel
      </button>
    </span>
  );
}

/** Copies a value to the clipboard and says so (a screen reader hears "Copied"). */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <span className="copy">
      <button type="button" className="secondary" onClick={copy}>
        {label}
      </button>
      <span className="copy-status" role="status">
        {copied === true ? 'Copied' : copied === false ? 'Copy failed: select the text' : ''}
      </span>
    </span>
  );
}

/** A short, polite announcement after a change ("Record created"). */
export function Status({ children }: { children: ReactNode }) {
  return (
    <p className="status" role="status">
      {children}
    </p>
  );
}

interface PagerProps {
  /** The API's page envelope (`{data, total, page, page_size, total_pages}`). */
  readonly of: { readonly page: number; readonly total_pages: number; readonly total: number };
  readonly onPage: (page: number) => void;
  readonly label: string;
}

/** Previous / next through a list the API pages. */
export function Pager({ of, onPage, label }: PagerProps) {
  const { page, total, total_pages: totalPages } = of;
  if (total === 0) return null;
  if (totalPages <= 1) {
    return <p className="pager-summary">{total === 1 ? '1 item' : `${total} items`}</p>;
  }
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        Previous
      </button>
      <span>
        Page {page} of {totalPages} ({total} items)
      </span>
      <button
        type="button"
        className="secondary"
        disabled={page >= totalPages}
        onClick={() => onPage(page + 1)}
      >
        Next
      </button>
    </nav>
  );
}

/** A table (or text) that scrolls sideways on a narrow screen, reachable by keyboard. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A scrolling region must take focus to be scrolled by keyboard (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A status word as a badge: `pending_validation` reads "pending validation". */
export function Badge({ value }: { value: string }) {
  return <span className={`badge badge-${value}`}>{value.replaceAll('_', ' ')}</span>;
}

/** A timestamp in the reader's locale, the exact value on hover. */
export function Time({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <time dateTime={value} title={value}>
      {new Date(value).toLocaleString()}
    </time>
  );
}
