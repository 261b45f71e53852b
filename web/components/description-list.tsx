import type { ReactNode } from "react";

/** Label/value pairs for detail pages. */
export function DescriptionList({ items }: { items: { term: ReactNode; value: ReactNode; key: string }[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 border-t border-solid-gray-300 sm:grid-cols-[12rem_1fr]">
      {items.map((i) => (
        <div key={i.key} className="contents">
          <dt className="pt-3 text-std-16B-170 sm:border-b sm:border-solid-gray-300 sm:pb-3">{i.term}</dt>
          <dd className="border-b border-solid-gray-300 pb-3 text-std-16N-170 sm:pt-3">{i.value || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
