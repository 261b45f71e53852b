import type { Contact } from "../../shared/api/bodies.js";

/** How to reach someone, on one line: 所属・役職, phone (a tel: link) and representative e-mail (a mailto: link). */
export function ContactLine({ contact }: { contact: Contact | null | undefined }) {
  if (!contact) return null;
  const who = [contact.department, contact.title].filter(Boolean).join("　");
  return (
    <span className="block text-dns-14N-130 text-solid-gray-700">
      {who}
      {contact.phone && (
        <>
          {who && "　"}
          <a className="link" href={`tel:${contact.phone.replace(/[^\d+]/g, "")}`}>
            {contact.phone}
          </a>
        </>
      )}
      {contact.email && (
        <>
          {(who || contact.phone) && "　"}
          <a className="link" href={`mailto:${contact.email}`}>
            {contact.email}
          </a>
        </>
      )}
    </span>
  );
}
