import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { TextField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";
import { type Candidate, candidateLimit, useCandidates } from "./api.js";

interface PersonPickerProps {
  bodyId: string;
  /** People already on the body: not offered again. */
  exclude: Set<string | undefined>;
  value: Candidate | null;
  onChange: (person: Candidate | null) => void;
  error?: string;
}

const display = (c: Candidate) => `${c.name}（${c.orgName}）`;

/**
 * The ARIA 1.2 combobox pattern: type part of a name, e-mail or organisation, move through the
 * results with ↑↓, take one with Enter (or a click), close with Esc. The result count is announced.
 * It asks the body's own lookup, so a body's manager need not be a user administrator.
 */
export function PersonPicker({ bodyId, exclude, value, onChange, error }: PersonPickerProps) {
  const { t } = useI18n();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(value ? display(value) : "");
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLDivElement>(null);

  // Wait for a pause in typing before asking the server.
  useEffect(() => {
    const handle = setTimeout(() => setQ(value ? "" : text.trim()), 250);
    return () => clearTimeout(handle);
  }, [text, value]);

  const found = useCandidates(bodyId, q);
  const searching = q !== "" && (found.isFetching || found.isPlaceholderData);
  const items = q === "" ? [] : (found.data?.items ?? []).filter((c) => !exclude.has(c.id));
  const expanded = open && !searching && items.length > 0;

  // A new list starts with nothing highlighted; keep the highlighted option in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the results change
  useEffect(() => setActive(-1), [found.data, q]);
  useEffect(() => {
    if (active >= 0) listRef.current?.children[active]?.scrollIntoView?.({ block: "nearest" });
  }, [active]);

  const choose = (c: Candidate) => {
    onChange(c);
    setText(display(c));
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      e.preventDefault();
      setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      // From "nothing highlighted", ↓ goes to the first result and ↑ to the last.
      setActive((i) => (!expanded || i < 0 ? (step > 0 ? 0 : items.length - 1) : (i + step + items.length) % items.length));
    } else if (e.key === "Enter" && expanded && active >= 0 && items[active]) {
      e.preventDefault(); // take the person, do not submit the form yet
      choose(items[active]);
    } else if (e.key === "Escape" && (expanded || text)) {
      e.preventDefault();
      if (expanded) setOpen(false);
      else {
        setText("");
        onChange(null);
      }
    }
  };

  let status = "";
  if (q !== "" && !value) {
    if (searching) status = t("bodies.candidatesSearching");
    else if (found.isError) status = t("error.unexpected");
    else if (!items.length) status = t("bodies.candidatesNone");
    else if ((found.data?.items.length ?? 0) >= candidateLimit) status = t("bodies.candidatesMany", { count: items.length });
    else status = t("bodies.candidatesFound", { count: items.length });
  }

  return (
    <div className="flex flex-col gap-2">
      <TextField
        label={t("bodies.user")}
        hint={t("bodies.userSearchHint")}
        required
        type="text"
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={expanded ? listId : undefined}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (value) onChange(null);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        error={error}
      />
      <p role="status" className="text-dns-14N-130 text-solid-gray-700">
        {status}
      </p>
      {expanded && (
        <div
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label={t("bodies.candidates")}
          className="flex flex-col rounded-8 border border-solid-gray-420 bg-white"
        >
          {items.map((c, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are handled on the combobox (aria-activedescendant), as ARIA APG does.
            <div
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              // Keep the focus in the text box; the click then takes the person.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(c)}
              className={`cursor-pointer border-b border-solid-gray-200 px-4 py-2 last:border-b-0 ${
                i === active ? "bg-blue-100 outline-2 outline-blue-900 -outline-offset-2" : "hover:bg-solid-gray-50"
              }`}
            >
              <span className="block text-std-16B-170">{c.name}</span>
              <span className="block break-all text-dns-14N-130 text-solid-gray-700">
                {c.orgName}・{c.email}
              </span>
            </div>
          ))}
        </div>
      )}
      {value && (
        <p className="text-dns-16N-130">{t("bodies.chosen", { name: value.name, org: value.orgName, email: value.email })}</p>
      )}
    </div>
  );
}
