import { useState } from 'react';
import { SettingInput } from '../components/SettingInput.js';
import { UploaderTools } from '../components/UploaderTools.js';
import { dismissFirstRun, isReady, setupFields } from '../stores/first-run.js';
import { useSettings } from '../stores/settings.js';
import { useUploaders } from '../stores/uploaders.js';

/**
 * The first-run step, shown while no uploader can upload without set-up: choose an uploader,
 * paste its key (its help links to where the host issues keys), test it, done.
 */
export function FirstRunView({ onDone }: { onDone(): void }) {
  const sections = useSettings((s) => s.sections);
  const values = useSettings((s) => s.values);
  const secrets = useSettings((s) => s.secrets);
  const save = useSettings((s) => s.save);
  const all = useUploaders((s) => s.list);
  const uploaders = all.filter((u) => u.builtIn);
  const check = useUploaders((s) => s.checks);
  const [chosen, setChosen] = useState(() => String(values.defaultUploader ?? uploaders[0]?.id ?? 'imge'));
  const uploader = uploaders.find((u) => u.id === chosen);
  const section = sections.find((s) => s.id === uploader?.settingsSection);
  const ready = isReady(section, values, secrets);
  const tested = check[chosen]?.status === 'ok';

  const finish = async () => {
    if (await save('defaultUploader', chosen)) {
      dismissFirstRun();
      onDone();
    }
  };

  return (
    <div className="first-run">
      <p>Shotput uploads your screenshots to an image host and puts the link on your clipboard. Choose a host and paste its key to start.</p>
      <div className="field">
        <label htmlFor="first-run-uploader">Upload to</label>
        <select id="first-run-uploader" value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
          {uploaders.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      </div>
      {section && uploader && (
        <fieldset className="settings-section">
          <legend>{uploader.label}</legend>
          {setupFields(section).map((field) => (
            <SettingInput key={field.key} field={field} />
          ))}
          <UploaderTools uploader={uploader} />
        </fieldset>
      )}
      <div className="modal-actions">
        <button type="button" disabled={!ready} onClick={() => void finish()}>
          {tested ? 'Done' : 'Use this uploader'}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            dismissFirstRun();
            onDone();
          }}
        >
          Skip for now
        </button>
      </div>
      {!ready && <p className="notice">Paste the key first; Test connection tells you at once whether the host accepts it.</p>}
    </div>
  );
}
