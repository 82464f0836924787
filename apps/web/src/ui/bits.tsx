import type { ComponentChildren } from 'preact';
import { t } from '../i18n';

export function Spinner({ label }: { label?: string }) {
  return (
    <p class="spinner" role="status" aria-live="polite">
      <span class="dot" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export function Notice({ kind, children, id }: { kind: 'info' | 'error' | 'ok'; children: ComponentChildren; id?: string }) {
  return (
    <div id={id} class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** What the last action did, or why it failed; read out when it changes. */
export function Outcome({ done, error }: { done?: string; error?: string }) {
  return (
    <div aria-live="polite">
      {done ? <Notice kind="ok">{done}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  optional?: boolean;
  children: ComponentChildren;
}

/** A label, the control, and the error in plain words right under it (tied by aria-describedby). */
export function Field({ id, label, error, hint, optional, children }: FieldProps) {
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>
        {label}
        {optional ? <span class="muted"> （{t('common.optional')}）</span> : null}
      </label>
      {children}
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p class="field-error" id={`${id}-error`} role="alert">{error}</p> : null}
    </div>
  );
}

/** aria props for a control inside Field. */
export function described(id: string, error?: string, hint?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined };
}
