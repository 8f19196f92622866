import { useEffect, useMemo, useState } from 'react';
import { SETTINGS_GROUPS, settingsGroupOf, type SettingField, type SettingSection } from '../../../shared/settings/fields.js';
import { SettingInput } from '../components/SettingInput.js';
import { UploaderTools } from '../components/UploaderTools.js';
import { useNavigation } from '../stores/navigation.js';
import { useSettings } from '../stores/settings.js';
import { useUploaders } from '../stores/uploaders.js';
import { CustomUploadersSection } from './CustomUploadersSection.js';

const groupAnchor = (id: string) => `settings-group-${id}`;

function matches(field: SettingField, section: SettingSection, terms: string[]): boolean {
  const text = `${field.label} ${field.help ?? ''} ${field.key} ${section.title}`.toLowerCase();
  return terms.every((t) => text.includes(t));
}

/** Brings a field into view and puts the cursor in it (an error said it needs a value). */
function useOpenRequestedSetting(ready: boolean, clearSearch: () => void) {
  const key = useNavigation((s) => s.settingToOpen);
  useEffect(() => {
    if (!ready || !key) return;
    clearSearch();
    const frame = requestAnimationFrame(() => {
      const row = document.querySelector<HTMLElement>(`[data-setting-key="${CSS.escape(key)}"]`);
      row?.scrollIntoView({ block: 'center' });
      row?.querySelector<HTMLElement>('input, select')?.focus();
      row?.classList.add('setting-requested');
      useNavigation.getState().settingOpened();
    });
    return () => cancelAnimationFrame(frame);
  }, [ready, key, clearSearch]);
}

export function SettingsView() {
  const load = useSettings((s) => s.load);
  const sections = useSettings((s) => s.sections);
  const lastSaved = useSettings((s) => s.lastSaved);
  const fetchSettings = useSettings((s) => s.fetch);
  const uploaders = useUploaders((s) => s.list);
  const [query, setQuery] = useState('');
  const label = lastSaved ? sections.flatMap((s) => s.fields).find((f) => f.key === lastSaved.key)?.label : undefined;
  const clearSearch = useMemo(() => () => setQuery(''), []);
  useOpenRequestedSetting(load.status === 'ready', clearSearch);

  useEffect(() => {
    if (load.status !== 'ready') void fetchSettings();
    void useUploaders.getState().load().catch(() => undefined);
    // Only on first show: later changes arrive through the settings.changed event.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = useMemo(
    () =>
      SETTINGS_GROUPS.map((group) => ({
        ...group,
        sections: sections
          .filter((s) => settingsGroupOf(s) === group.id)
          .map((s) => ({ section: s, fields: s.fields.filter((f) => !f.hidden && (terms.length === 0 || matches(f, s, terms))) }))
          .filter((s) => s.fields.length > 0 || (terms.length === 0 && s.section.id.startsWith('uploaders.'))),
      })).filter((g) => g.sections.length > 0 || (g.id === 'uploaders' && terms.length === 0)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sections, query],
  );

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
    <div className="settings-layout">
      <nav className="settings-index" aria-label="Settings sections">
        <div className="field">
          <label htmlFor="settings-search">Search settings</label>
          <input id="settings-search" type="search" value={query} placeholder="Key, hotkey, format…" onChange={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <ul>
          {groups.map((g) => (
            <li key={g.id}>
              <a href={`#${groupAnchor(g.id)}`}>{g.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings">
        <p className="save-status" role="status" aria-live="polite">
          {label ? `Saved: ${label}` : 'Changes are saved as you make them.'}
        </p>
        {groups.length === 0 && <p className="notice">No setting matches “{query}”.</p>}
        {groups.map((group) => (
          <section key={group.id} id={groupAnchor(group.id)} className="settings-group" aria-labelledby={`${groupAnchor(group.id)}-title`}>
            <h2 id={`${groupAnchor(group.id)}-title`}>{group.title}</h2>
            {group.sections.map(({ section, fields }) => {
              const uploader = uploaders.find((u) => u.settingsSection === section.id);
              return (
                <fieldset key={section.id} className="settings-section">
                  <legend>{section.title}</legend>
                  {fields.map((field) => (
                    <SettingInput key={field.key} field={field} />
                  ))}
                  {uploader && terms.length === 0 && <UploaderTools uploader={uploader} />}
                </fieldset>
              );
            })}
            {group.id === 'uploaders' && terms.length === 0 && <CustomUploadersSection />}
          </section>
        ))}
      </div>
    </div>
  );
}
