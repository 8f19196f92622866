import { useState, type FormEvent } from 'react';
import { useQuestions } from '../stores/questions.js';
import { Modal } from './Modal.js';

/** What a custom uploader asks before an upload (its file's {select:…} and {inputbox:…}). */
export function QuestionsDialog() {
  const asking = useQuestions((s) => s.asking);
  const { answer, cancel } = useQuestions.getState();
  const [values, setValues] = useState<Record<string, string>>({});
  if (!asking) return null;
  const valueOf = (id: string) => values[id] ?? asking.questions.find((q) => q.id === id)?.default ?? asking.questions.find((q) => q.id === id)?.options?.[0] ?? '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    answer(Object.fromEntries(asking.questions.map((q) => [q.id, valueOf(q.id)])));
    setValues({});
  };
  const close = () => {
    setValues({});
    cancel();
  };
  return (
    <Modal title="Before this upload" onCancel={close}>
      <form className="questions" onSubmit={submit}>
        <p>The uploader asks:</p>
        {asking.questions.map((q) => {
          const id = `question-${q.id}`;
          return (
            <div key={q.id} className="field">
              <label htmlFor={id}>{q.prompt}</label>
              {q.kind === 'select' ? (
                <select id={id} value={valueOf(q.id)} onChange={(e) => setValues({ ...values, [q.id]: e.currentTarget.value })}>
                  {q.options!.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input id={id} type="text" value={valueOf(q.id)} onChange={(e) => setValues({ ...values, [q.id]: e.currentTarget.value })} />
              )}
            </div>
          );
        })}
        <div className="modal-actions">
          <button type="submit">Upload</button>
          <button type="button" className="secondary" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
