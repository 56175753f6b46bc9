import {
  DEFAULT_PANEL_SETTINGS,
  PANEL_TRANSLATED_FIELDS,
  type PanelSettings,
  type PanelView,
  type Translations,
} from '@rostrum/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { rest, type PanelInput } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';
import { utcToWallTime, wallTimeToUtc, zoneOf } from '../ui/time-zone';
import { PeoplePicker } from './people-picker';
import { TranslationsEditor, translationLanguages } from './translations-editor';
import { ListSettingsFields } from '../speakers-list/list-settings-fields';

type NumberSetting = 'speakingSeconds' | 'pointOfOrderSeconds' | 'rightOfReplySeconds';
type FlagSetting = 'onePerDelegation' | 'qaModeration' | 'publicQa' | 'autoEndOnTimeUp';
const NUMBER_SETTINGS: NumberSetting[] = ['speakingSeconds', 'pointOfOrderSeconds', 'rightOfReplySeconds'];
const FLAG_SETTINGS: FlagSetting[] = ['onePerDelegation', 'qaModeration', 'publicQa', 'autoEndOnTimeUp'];
const PEOPLE = [
  { role: 'moderators', field: 'moderatorIds' },
  { role: 'panelists', field: 'panelistIds' },
] as const;

/** Staff: create a panel in an event (/staff/events/:eventId/panels/new) or edit one (/staff/panels/:id/edit). */
export function PanelFormPage() {
  const { eventId, panelId } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const editing = !!panelId;
  usePageTitle(editing ? t('panelForm.editTitle') : t('panelForm.createTitle'));

  const existing = useLoad(() => (panelId ? rest.panel(panelId) : Promise.resolve(null)), [panelId]);
  const events = useLoad(() => rest.events(), []);
  const delegations = useLoad(() => rest.delegations(), []);
  const event = events.data?.find((e) => e.id === (eventId ?? existing.data?.eventId));
  // Slots are typed in the event's own zone (the venue's clock), whatever the staff member's zone.
  const zone = zoneOf(event);

  const [form, setForm] = useState(() => emptyForm());
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (existing.data && events.data) setForm(formFrom(existing.data, zone));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once both have loaded (the zone comes with the events)
  }, [existing.data, events.data]);
  useEffect(() => {
    if (!editing && event && !form.startsAt)
      setForm((f) => ({
        ...f,
        startsAt: utcToWallTime(event.startsAt, zone),
        endsAt: utcToWallTime(event.endsAt, zone),
      }));
  }, [editing, event, form.startsAt, zone]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const setSetting = <K extends keyof PanelSettings>(key: K, value: PanelSettings[K]) =>
    setForm((f) => ({ ...f, settings: { ...f.settings, [key]: value } }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const body = toInput(form, zone);
    if (panelId) {
      const updated = await run(() => rest.updatePanel(panelId, body));
      if (updated) existing.setData(updated);
      setSaved(!!updated);
    } else if (eventId && (await run(() => rest.createPanel(eventId, body)))) {
      navigate('/staff/events');
    }
  };

  return (
    <section className="page page--medium">
      <p>
        <Link to="/staff/events">← {t('events.title')}</Link>
      </p>
      <h1>{editing ? t('panelForm.editTitle') : t('panelForm.createTitle')}</h1>
      {event ? <p className="lead">{event.title}</p> : null}
      <ErrorText error={existing.error} />
      <form className="card form form--grid" onSubmit={submit} aria-busy={busy} data-testid="panel-form">
        <Field label={t('panelForm.title')} className="span-2">
          <input required maxLength={300} value={form.title} onChange={(e) => set('title', e.target.value)} />
        </Field>
        <Field label={t('panel.theme')} className="span-2">
          <input maxLength={300} value={form.theme} onChange={(e) => set('theme', e.target.value)} />
        </Field>
        <Field label={t('panelForm.description')} className="span-2">
          <textarea rows={3} value={form.description} onChange={(e) => set('description', e.target.value)} />
        </Field>
        <Field
          label={t('panel.guidingQuestions')}
          hint={t('panelForm.oneQuestionPerLine')}
          className="span-2"
        >
          <textarea
            rows={4}
            value={form.guidingQuestions}
            onChange={(e) => set('guidingQuestions', e.target.value)}
          />
        </Field>
        <TranslationsEditor
          fields={PANEL_TRANSLATED_FIELDS}
          original={form}
          languages={translationLanguages(event?.languages)}
          value={form.translations}
          onChange={(translations) => set('translations', translations)}
        />
        <Field label={t('events.fieldStarts')} hint={t('accreditation.wallTimeHint', { zone })}>
          <input
            type="datetime-local"
            required
            value={form.startsAt}
            onChange={(e) => set('startsAt', e.target.value)}
          />
        </Field>
        <Field label={t('events.fieldEnds')} hint={t('accreditation.wallTimeHint', { zone })}>
          <input
            type="datetime-local"
            required
            value={form.endsAt}
            onChange={(e) => set('endsAt', e.target.value)}
          />
        </Field>
        {PEOPLE.map(({ role, field }) => (
          <div className="span-2" key={role}>
            <PeoplePicker
              legend={t(`panel.${role}`)}
              defaultRole={role === 'moderators' ? 'moderator' : 'panelist'}
              known={existing.data?.[role] ?? []}
              delegations={delegations.data ?? []}
              selected={form[field]}
              onChange={(ids) => set(field, ids)}
            />
          </div>
        ))}
        <fieldset className="span-2 settings">
          <legend>{t('panelForm.settings')}</legend>
          <div className="form--grid">
            {NUMBER_SETTINGS.map((key) => (
              <Field key={key} label={t(`settings.${key}`)}>
                <input
                  type="number"
                  min={10}
                  max={3600}
                  required
                  value={form.settings[key]}
                  onChange={(e) => setSetting(key, Number(e.target.value))}
                />
              </Field>
            ))}
            <Field label={t('settings.interactionWindowMinutes')} hint={t('settings.interactionWindowHint')}>
              <input
                type="number"
                min={1}
                max={1440}
                value={
                  form.settings.interactionWindowSeconds === null
                    ? ''
                    : form.settings.interactionWindowSeconds / 60
                }
                onChange={(e) =>
                  setSetting(
                    'interactionWindowSeconds',
                    e.target.value === '' ? null : Math.round(Number(e.target.value) * 60),
                  )
                }
              />
            </Field>
          </div>
          <div className="checks checks--column">
            {FLAG_SETTINGS.map((key) => (
              <label key={key} className="check">
                <input
                  type="checkbox"
                  checked={form.settings[key]}
                  onChange={(e) => setSetting(key, e.target.checked)}
                />
                {t(`settings.${key}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <ListSettingsFields settings={form.settings} zone={zone} onChange={setSetting} />
        <div className="span-2 form__footer">
          <ErrorText error={error} />
          {saved ? (
            <p className="notice notice--success" role="status">
              {t('panelForm.saved')}
            </p>
          ) : null}
          <button type="submit" className="btn btn--primary btn--large" disabled={busy}>
            {editing ? t('common.save') : t('panelForm.createButton')}
          </button>
        </div>
      </form>
    </section>
  );
}

interface FormState {
  title: string;
  theme: string;
  description: string;
  guidingQuestions: string;
  translations: Translations;
  startsAt: string;
  endsAt: string;
  moderatorIds: string[];
  panelistIds: string[];
  settings: PanelSettings;
}

const emptyForm = (): FormState => ({
  title: '',
  theme: '',
  description: '',
  guidingQuestions: '',
  translations: {},
  startsAt: '',
  endsAt: '',
  moderatorIds: [],
  panelistIds: [],
  settings: { ...DEFAULT_PANEL_SETTINGS },
});

const formFrom = (p: PanelView, zone: string): FormState => ({
  title: p.title,
  theme: p.theme ?? '',
  description: p.description ?? '',
  guidingQuestions: p.guidingQuestions.join('\n'),
  translations: p.translations ?? {},
  startsAt: utcToWallTime(p.startsAt, zone),
  endsAt: utcToWallTime(p.endsAt, zone),
  moderatorIds: p.moderators.map((m) => m.id),
  panelistIds: p.panelists.map((m) => m.id),
  settings: { ...DEFAULT_PANEL_SETTINGS, ...p.settings },
});

function toInput(f: FormState, zone: string): PanelInput {
  return {
    title: f.title.trim(),
    ...(f.theme.trim() ? { theme: f.theme.trim() } : {}),
    ...(f.description.trim() ? { description: f.description.trim() } : {}),
    guidingQuestions: f.guidingQuestions
      .split('\n')
      .map((q) => q.trim())
      .filter(Boolean),
    translations: f.translations,
    startsAt: wallTimeToUtc(f.startsAt, zone),
    endsAt: wallTimeToUtc(f.endsAt, zone),
    moderatorIds: f.moderatorIds,
    panelistIds: f.panelistIds,
    settings: f.settings,
  };
}
