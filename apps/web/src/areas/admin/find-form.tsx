import { useState } from 'preact/hooks';
import { described, Field } from '../../ui/bits';

interface FindFormProps {
  id: string;
  label: string;
  hint?: string;
  button: string;
  initial: string;
  inputMode?: 'numeric' | 'text';
  /** What was typed, cleaned up, or null (with `invalid` shown) when it cannot be looked for. */
  read: (text: string) => string | null;
  invalid: string;
  onFind: (value: string) => void;
}

/** One box and a button that looks something up, saying next to the box when what was typed will not do. */
export function FindForm({ id, label, hint, button, initial, inputMode = 'text', read, invalid, onFind }: FindFormProps) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string>();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const value = read(text);
        if (value === null) return setError(invalid);
        setError(undefined);
        onFind(value);
      }}
    >
      <Field id={id} label={label} error={error} hint={hint}>
        <div class="row" style="flex-wrap:nowrap">
          <input {...described(id, error, hint)} style="min-width:0" inputMode={inputMode} value={text} autocomplete="off" onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit" class="btn" style="flex:none;white-space:nowrap">{button}</button>
        </div>
      </Field>
    </form>
  );
}
