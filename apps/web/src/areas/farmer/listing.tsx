import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { explain, Explained } from '../../api/errors';
import { t } from '../../i18n';
import { parseYuan } from '../../lib/format';
import { useStore } from '../../lib/store';
import { CATEGORY_CODES, categoryName, UNIT_CODES, UNITS } from '../../lib/vocab';
import { pick } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Field, Notice, Spinner, described } from '../../ui/bits';
import { EMPTY_FIELDS, ListingDraft, ListingFields, loadDraft, saveDraft, deleteDraft } from './drafts';
import { sendQueued, sendState } from './listing-outbox';
import { shrinkPhoto } from './shrink';

/** The API's names for what this form calls price and photo. */
const ALIASES = { priceFen: 'price', file: 'photo', available: 'stock' };

function check(f: ListingFields): Record<string, string> {
  const e: Record<string, string> = {};
  const title = f.titleZh.trim();
  if (title.length < 2 || title.length > 60) e.titleZh = t('field.titleZh');
  const price = parseYuan(f.price);
  if (price === null || price < 1) e.price = t('field.priceFen');
  if (f.stock.trim() !== '' && !/^\d{1,7}$/.test(f.stock.trim())) e.stock = t('field.stock');
  if (f.harvestFrom && f.harvestTo && f.harvestFrom > f.harvestTo) e.harvestTo = t('field.harvestTo');
  return e;
}

export function Listing(_: ScreenProps) {
  const [draft, setDraft] = useState<ListingDraft | null>(null);
  const [restored, setRestored] = useState(false);
  const [shrinking, setShrinking] = useState(false);
  const [problem, setProblem] = useState<Explained>();
  const send = useStore(sendState);
  const saveTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (send.kind === 'done') sendState.set({ kind: 'idle' });
    loadDraft()
      .then((d) => {
        if (d) {
          setRestored(d.stage === 'editing' && (d.fields.titleZh !== '' || d.photo !== null));
          setDraft(d);
          if (d.stage === 'queued') void sendQueued();
        } else setDraft({ fields: { ...EMPTY_FIELDS }, photo: null, stage: 'editing', updatedAt: Date.now() });
      })
      .catch(() => setDraft({ fields: { ...EMPTY_FIELDS }, photo: null, stage: 'editing', updatedAt: Date.now() }));
  }, []);

  // The server refused the listing: its reasons go by the fields, and the form is editable again.
  useEffect(() => {
    if (send.kind === 'failed') {
      setProblem(explain(send.error, ALIASES));
      loadDraft().then((d) => d && setDraft(d));
    }
  }, [send]);

  const photoUrl = useMemo(() => (draft?.photo ? URL.createObjectURL(draft.photo) : null), [draft?.photo]);
  useEffect(() => () => void (photoUrl && URL.revokeObjectURL(photoUrl)), [photoUrl]);

  if (!draft) return <Spinner />;
  if (send.kind === 'done') {
    return (
      <>
        <Notice kind="ok">{t('listing.done')}</Notice>
        <p><a class="btn block" href={`/p/${send.product.id}`}>{send.product.titleZh}</a></p>
        <p><a class="btn secondary block" href="/farm">{t('farm.products')}</a></p>
      </>
    );
  }

  const queued = draft.stage === 'queued';
  const f = draft.fields;
  const update = (next: ListingDraft) => {
    setDraft(next);
    window.clearTimeout(saveTimer.current);
    // Typing on a cheap phone: write the draft a moment after the last key, not on every key.
    saveTimer.current = window.setTimeout(() => void saveDraft(next), 250);
  };
  const set = (name: keyof ListingFields) => (e: { currentTarget: { value: string } }) => update({ ...draft, fields: { ...f, [name]: e.currentTarget.value } });

  const pickPhoto = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setShrinking(true);
    try {
      const photo = await shrinkPhoto(file);
      const next = { ...draft, photo, photoDone: false };
      setDraft(next);
      await saveDraft(next);
    } catch {
      setProblem({ summary: t('err.UNSUPPORTED_MEDIA_TYPE'), fields: { photo: t('field.file') } });
    } finally {
      setShrinking(false);
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const errors = check(f);
    if (Object.keys(errors).length) return setProblem({ summary: t('err.VALIDATION_FAILED'), fields: errors });
    setProblem(undefined);
    window.clearTimeout(saveTimer.current);
    const next: ListingDraft = { ...draft, stage: 'queued', needsUpdate: draft.productId ? true : undefined };
    await saveDraft(next);
    setDraft(next);
    await sendQueued();
  };

  const discard = async () => {
    await deleteDraft();
    setProblem(undefined);
    setRestored(false);
    sendState.set({ kind: 'idle' });
    setDraft({ fields: { ...EMPTY_FIELDS }, photo: null, stage: 'editing', updatedAt: Date.now() });
  };

  const err = problem?.fields ?? {};
  return (
    <form onSubmit={submit} noValidate>
      <h1>{t('listing.title')}</h1>
      {restored && !queued ? <Notice kind="info">{t('listing.draftRestored')}</Notice> : null}
      {queued && send.kind === 'waiting' ? <Notice kind="info" id="queued">{t('listing.queued')}</Notice> : null}
      {queued && send.kind === 'sending' ? <Spinner label={t(`listing.step.${send.step}`)} /> : null}
      {problem ? <Notice kind="error">{problem.summary}</Notice> : null}

      <fieldset class="plain" disabled={queued}>
        <Field id="photo" label={t('listing.photo')} error={err.photo} optional>
          <div class="photo-pick">
            {photoUrl ? <img src={photoUrl} alt={t('listing.photo')} data-testid="photo-preview" /> : null}
            <label class="btn secondary" for="photo">{photoUrl ? t('listing.changePhoto') : t('listing.takePhoto')}</label>
            <input {...described('photo', err.photo)} class="visually-hidden" type="file" accept="image/*" capture="environment" onChange={pickPhoto} />
          </div>
          {shrinking ? <Spinner label={t('listing.shrinking')} /> : null}
        </Field>
        <Field id="titleZh" label={t('listing.titleZh')} error={err.titleZh}>
          <input {...described('titleZh', err.titleZh)} maxLength={60} placeholder={t('listing.titlePlaceholder')} value={f.titleZh} onInput={set('titleZh')} />
        </Field>
        <Field id="category" label={t('listing.category')} error={err.category}>
          <select {...described('category', err.category)} value={f.category} onChange={set('category')}>
            {CATEGORY_CODES.map((c) => <option value={c}>{categoryName(c)}</option>)}
          </select>
        </Field>
        <div class="row" style="flex-wrap:nowrap;align-items:flex-start">
          <div style="flex:1">
            <Field id="price" label={t('listing.price')} error={err.price}>
              <input {...described('price', err.price)} inputMode="decimal" placeholder={t('listing.pricePlaceholder')} value={f.price} onInput={set('price')} />
            </Field>
          </div>
          <div style="flex:1">
            <Field id="unit" label={t('listing.unit')} error={err.unit}>
              <select {...described('unit', err.unit)} value={f.unit} onChange={set('unit')}>
                {UNIT_CODES.map((u) => <option value={u}>{pick(UNITS[u])}</option>)}
              </select>
            </Field>
          </div>
        </div>
        <Field id="stock" label={t('listing.stock')} error={err.stock}>
          <input {...described('stock', err.stock)} inputMode="numeric" value={f.stock} onInput={set('stock')} />
        </Field>
        <Field id="unitNote" label={t('listing.unitNote')} error={err.unitNote} optional>
          <input {...described('unitNote', err.unitNote)} maxLength={30} placeholder={t('listing.unitNotePlaceholder')} value={f.unitNote} onInput={set('unitNote')} />
        </Field>
        <div class="row" style="flex-wrap:nowrap;align-items:flex-start">
          <div style="flex:1">
            <Field id="harvestFrom" label={t('listing.harvestFrom')} error={err.harvestFrom} optional>
              <input {...described('harvestFrom', err.harvestFrom)} type="date" value={f.harvestFrom} onInput={set('harvestFrom')} />
            </Field>
          </div>
          <div style="flex:1">
            <Field id="harvestTo" label={t('listing.harvestTo')} error={err.harvestTo} optional>
              <input {...described('harvestTo', err.harvestTo)} type="date" value={f.harvestTo} onInput={set('harvestTo')} />
            </Field>
          </div>
        </div>
        <Field id="descriptionZh" label={t('listing.descriptionZh')} error={err.descriptionZh} optional>
          <textarea {...described('descriptionZh', err.descriptionZh)} maxLength={2000} value={f.descriptionZh} onInput={set('descriptionZh')} />
        </Field>
      </fieldset>
      <div class="sticky-bar">
        <button class="btn block" type="submit" disabled={queued || shrinking}>{queued ? t('listing.sending') : t('listing.submit')}</button>
        {!queued ? <button type="button" class="btn link" onClick={discard}>{t('listing.discard')}</button> : null}
      </div>
    </form>
  );
}
