import type { RecordingView } from '@rostrum/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { rest, type PublicPanel } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { useAction } from '../ui/use-action';

/**
 * Staff: archive a video file already on the server (under the recordings folder, e.g. a camera's file
 * copied there) as a panel's recording — POST /api/recordings/import; the worker then processes it.
 */
export function RecordingImportForm({
  panels,
  onImported,
}: {
  panels: PublicPanel[];
  onImported(recording: RecordingView): void;
}) {
  const { t } = useTranslation();
  const ids = { panel: useId(), path: useId(), title: useId(), hint: useId() };
  const [panelId, setPanelId] = useState('');
  const [sourcePath, setSourcePath] = useState('');
  const [title, setTitle] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const recording = await run(() =>
      rest.importRecording({ panelId, sourcePath: sourcePath.trim(), ...(title.trim() ? { title } : {}) }),
    );
    if (!recording) return;
    setDone(recording.title);
    setSourcePath('');
    setTitle('');
    onImported(recording);
  };

  return (
    <form className="card form form--grid" onSubmit={submit} aria-busy={busy} data-testid="import-form">
      <h2 className="span-2">{t('archive.importTitle')}</h2>
      <div className="field">
        <label htmlFor={ids.panel} className="field__label">
          {t('archive.panel')}
        </label>
        <select id={ids.panel} required value={panelId} onChange={(e) => setPanelId(e.target.value)}>
          <option value="" disabled>
            {t('archive.choosePanel')}
          </option>
          {panels.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.path} className="field__label">
          {t('archive.importPath')}
        </label>
        <input
          id={ids.path}
          required
          maxLength={1024}
          value={sourcePath}
          placeholder="imports/panel-2-camera-a.mp4"
          aria-describedby={ids.hint}
          onChange={(e) => setSourcePath(e.target.value)}
        />
        <p id={ids.hint} className="field__hint">
          {t('archive.importPathHint')}
        </p>
      </div>
      <div className="field span-2">
        <label htmlFor={ids.title} className="field__label">
          {t('archive.importTitleField')}
        </label>
        <input id={ids.title} maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="span-2 form__footer">
        <ErrorText error={error} />
        {done ? (
          <p className="notice notice--success" role="status">
            {t('archive.imported', { title: done })}
          </p>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('archive.importButton')}
        </button>
      </div>
    </form>
  );
}
