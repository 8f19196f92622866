import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { checkFieldValue, parseFieldInput, type SettingField, type SettingValue } from '../../../shared/settings/fields.js';
import { useHotkeys } from '../stores/hotkeys.js';
import { useSettings } from '../stores/settings.js';
import { HotkeyInput } from './HotkeyInput.js';
import { TextWithLinks } from './TextWithLinks.js';

interface Props {
  field: SettingField;
}

/**
 * One setting. Choices and switches save as soon as they change; text saves on Enter or when
 * focus leaves. The core validates again, and its message is what the user sees.
 */
export function SettingInput({ field }: Props) {
  const id = useId();
  const value = useSettings((s) => s.values[field.key]);
  const isSecretSet = useSettings((s) => s.secrets[field.key] ?? false);
  const error = useSettings((s) => s.errors[field.key]);
  const save = useSettings((s) => s.save);
  const reset = useSettings((s) => s.reset);
  const clearError = useSettings((s) => s.clearError);
  const [localError, setLocalError] = useState<string>();
  // A hotkey that main could not register says why, next to the field.
  const hotkeyProblem = useHotkeys((s) => (field.kind === 'hotkey' ? s.status.find((h) => `hotkeys.${h.action}` === field.key && h.state === 'failed')?.reason : undefined));
  const shownError = localError ?? error ?? hotkeyProblem;
  const helpId = field.help ? `${id}-help` : undefined;
  const errorId = shownError ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;

  const commit = async (next: SettingValue) => {
    setLocalError(undefined);
    await save(field.key, next);
  };

  let control;
  if (field.kind === 'boolean') {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        aria-describedby={describedBy}
        onChange={(e) => void commit(e.currentTarget.checked)}
      />
    );
  } else if (field.kind === 'choice') {
    control = (
      <select id={id} value={String(value ?? '')} aria-describedby={describedBy} onChange={(e) => void commit(e.currentTarget.value)}>
        {field.choices?.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === 'hotkey') {
    control = <HotkeyInput id={id} value={String(value ?? '')} describedBy={describedBy} onCommit={(accelerator) => void commit(accelerator)} />;
  } else {
    control = (
      <TextSetting
        id={id}
        field={field}
        stored={field.kind === 'secret' ? '' : String(value ?? '')}
        isSecretSet={isSecretSet}
        describedBy={describedBy}
        invalid={Boolean(shownError)}
        onEdit={() => {
          setLocalError(undefined);
          clearError(field.key);
        }}
        onCommit={(text) => {
          const check = parseFieldInput(field, text);
          if (!check.ok) {
            setLocalError(check.message);
            return;
          }
          void commit(check.value);
        }}
      />
    );
  }

  return (
    <div className={`setting setting-${field.kind}`} data-setting-key={field.key}>
      <label htmlFor={id}>{field.label}</label>
      <div className="setting-control">
        {control}
        {field.kind === 'secret' && isSecretSet && (
          <button type="button" className="secondary" onClick={() => void reset(field.key)} aria-label={`Remove ${field.label}`}>
            Remove
          </button>
        )}
      </div>
      {field.help && (
        <p id={helpId} className="setting-help">
          <TextWithLinks text={field.help} />
        </p>
      )}
      {shownError && (
        <p id={errorId} className="setting-error" role="alert">
          {shownError}
        </p>
      )}
    </div>
  );
}

interface TextProps {
  id: string;
  field: SettingField;
  stored: string;
  isSecretSet: boolean;
  describedBy: string | undefined;
  invalid: boolean;
  onEdit(): void;
  onCommit(text: string): void;
}

function TextSetting({ id, field, stored, isSecretSet, describedBy, invalid, onEdit, onCommit }: TextProps) {
  const [draft, setDraft] = useState(stored);
  // The draft follows a value stored elsewhere (another window, `shotput config set`).
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setDraft(stored), [stored]);

  const submit = () => {
    if (field.kind === 'secret' ? draft === '' : draft === stored) return;
    onCommit(draft);
    if (field.kind === 'secret') setDraft('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') submit();
    if (e.key === 'Escape') setDraft(stored);
  };
  const type = field.kind === 'secret' ? 'password' : field.kind === 'integer' ? 'number' : field.kind === 'url' ? 'url' : 'text';
  const placeholder =
    field.kind === 'secret' ? (isSecretSet ? 'Saved; type to replace' : 'Not set') : field.kind === 'hotkey' ? 'Disabled' : undefined;
  const preview = field.kind === 'integer' && draft !== '' ? checkFieldValue(field, Number(draft)) : undefined;

  return (
    <input
      id={id}
      type={type}
      value={draft}
      min={field.min}
      max={field.max}
      placeholder={placeholder}
      autoComplete="off"
      spellCheck={false}
      aria-invalid={invalid || (preview !== undefined && !preview.ok) || undefined}
      aria-describedby={describedBy}
      onChange={(e) => {
        setDraft(e.currentTarget.value);
        onEdit();
      }}
      onKeyDown={onKeyDown}
      onBlur={submit}
    />
  );
}
