import type { ReactNode } from "react";

/** A titled box, e.g. a section of the home page. */
export function Card({
  title,
  children,
  actions,
  id,
}: {
  title: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
  id?: string;
}) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-12 border border-solid-gray-300 bg-white p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="text-std-20B-150">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
