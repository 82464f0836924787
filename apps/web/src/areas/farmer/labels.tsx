import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { explain } from '../../api/errors';
import { session } from '../../api/session';
import type { ScreenProps } from '../../routes';
import { Notice, Spinner } from '../../ui/bits';
import { w } from './phase2-words';
import './labels.css';

/**
 * The parcel's label as the logistics service draws it (SVG, 150 × 100 mm). It needs the farmer's token,
 * so it is fetched and shown from a blob rather than linked; printing prints the label alone.
 */
export function LabelScreen({ params }: ScreenProps) {
  const [label, setLabel] = useState<{ url: string; code: string }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const ctl = new AbortController();
    let url = '';
    fetch(`/api/logistics/parcels/${encodeURIComponent(params.id)}/label`, {
      headers: { authorization: `Bearer ${session.get()?.token ?? ''}` },
      signal: ctl.signal,
    })
      .then(async (res) => {
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
          throw new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? res.statusText);
        }
        const code = /filename="([^"]+)\.svg"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
        url = URL.createObjectURL(new Blob([await res.text()], { type: 'image/svg+xml' }));
        setLabel({ url, code });
      })
      .catch((err) => {
        if ((err as Error).name !== 'AbortError') setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', 'network'));
      });
    return () => {
      ctl.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [params.id]);

  return (
    <>
      <h1 class="no-print">{w('label.title')}</h1>
      {error ? <Notice kind="error">{explain(error).summary}</Notice> : null}
      {!label && !error ? <Spinner /> : null}
      {label ? (
        <>
          <img class="parcel-label" src={label.url} alt={w('label.alt', { code: label.code })} data-testid="label" />
          <button type="button" class="btn block no-print" onClick={() => window.print()}>{w('label.print')}</button>
        </>
      ) : null}
      <p class="no-print"><a href="/farm/packing">{w('label.back')}</a></p>
    </>
  );
}
