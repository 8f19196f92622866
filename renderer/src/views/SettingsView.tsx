import { useEffect } from 'react';
import { SettingInput } from '../components/SettingInput.js';
import { UploaderTools } from '../components/UploaderTools.js';
import { useSettings } from '../stores/settings.js';
import { CustomUploadersSection } from './CustomUploadersSection.js';
import { useUploaders } from '../stores/uploaders.js';

export function SettingsView() {
  const load = useSettings((s) => s.load);
  const sections = useSettings((s) => s.sections);
  const lastSaved = useSettings((s) => s.lastSaved);
  const fetchSettings = useSettings((s) => s.fetch);
  const uploaders = useUploaders((s) => s.list);
  const label = lastSaved ? sections.flatMap((s) => s.fields).find((f) => f.key === lastSaved.key)?.label : undefined;

  useEffect(() => {
    if (load.status !== 'ready') void fetchSettings();
    void useUploaders.getState().load().catch(() => undefined);
    // Only on first show: later changes arrive through the settings.changed event.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (load.status === 'loading') return <p role="status">Loading settings…</p>;
  if (load.status === 'failed') {
    return (
      <div role="alert">
        <p>Settings could not be loaded: {load.message}</p>
        <button type="button" onClick={() => void fetchSettings()}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="settings">
      <p className="save-status" role="status" aria-live="polite">
        {label ? `Saved: ${label}` : 'Changes are saved as you make them.'}
      </p>
      {sections.map((section) => {
        const uploader = uploaders.find((u) => u.settingsSection === section.id);
        return (
          <fieldset key={section.id} className="settings-section">
            <legend>{section.title}</legend>
            {section.fields
              .filter((field) => !field.hidden)
              .map((field) => (
                <SettingInput key={field.key} field={field} />
              ))}
            {uploader && <UploaderTools uploader={uploader} />}
          </fieldset>
        );
      })}
      <CustomUploadersSection />
    </div>
  );
}
