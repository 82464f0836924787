import { explain } from '../api/errors';
import { t } from '../i18n';
import { Notice, Spinner } from './bits';

/** Spinner while the first answer is on its way, the error in plain words with a retry, else nothing. */
export function LoadState({ state }: { state: { data: unknown; error: unknown; loading: boolean; reload: () => void } }) {
  if (state.error) {
    return (
      <Notice kind="error">
        {explain(state.error).summary}{' '}
        <button type="button" class="btn link" onClick={state.reload}>{t('common.retry')}</button>
      </Notice>
    );
  }
  if (state.loading && state.data === undefined) return <Spinner />;
  return null;
}
