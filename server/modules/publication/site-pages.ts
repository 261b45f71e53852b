import { bodyKindLabels, positionLabels } from "../../../shared/api/bodies.js";
import { formatDate } from "../../../shared/dates/format.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { fileSize } from "../../../shared/file-size.js";
import { html, type SafeHtml, trustedHtml } from "../../platform/text/html.js";
import type { PublicMeeting, PublicMeetingRow, SiteBody } from "./site-data.js";
import { meetingTitle, whenText } from "./site-data.js";
import { type Frame, page } from "./site-layout.js";

/** The public site's pages as HTML strings (pure: the data is read by site-data.ts). */
type Site = Frame["site"];

const kindLabel = (k: SiteBody["kind"]) => bodyKindLabels[k].ja;

/** 推進体制の全体像: the bodies as nested lists (a tree the style sheet draws with connecting lines). */
function diagram(up: Frame["up"], roots: SiteBody[]): SafeHtml {
  const node = (b: SiteBody): SafeHtml =>
    html`<li><a class="tree-box" href="${up}bodies/${b.id}.html"><span class="tree-kind">${kindLabel(b.kind)}</span>${b.name}</a>${
      b.children.length ? html`<ul>${b.children.map(node)}</ul>` : ""
    }</li>`;
  return html`<figure class="structure"><figcaption>推進体制の全体像</figcaption><ul class="tree">${roots.map(node)}</ul></figure>`;
}

function meetingTable(up: Frame["up"], rows: PublicMeetingRow[], caption: string, withBody = true): SafeHtml {
  if (!rows.length) return html`<p>公開している会議はまだありません。</p>`;
  return html`<table class="list"><caption>${caption}</caption><thead><tr><th scope="col">開催日時</th><th scope="col">会議</th>${
    withBody ? html`<th scope="col">会議体</th>` : ""
  }</tr></thead><tbody>${rows.map(
    (m) =>
      html`<tr><td>${whenText(m)}</td><td><a href="${up}meetings/${m.id}.html">${meetingTitle(m)}</a></td>${
        withBody ? html`<td><a href="${up}bodies/${m.body_id}.html">${m.body_name}</a></td>` : ""
      }</tr>`,
  )}</tbody></table>`;
}

export function indexPage(site: Site, roots: SiteBody[], recent: PublicMeetingRow[]) {
  const body = html`<section aria-labelledby="structure"><h2 id="structure">推進体制</h2>
<p>${site.council}は、次の会議体で構成しています。会議体名を選ぶと、その会議体の会議と資料を見られます。</p>
${roots.length ? diagram("", roots) : html`<p>公開している会議体はありません。</p>`}</section>
<section aria-labelledby="recent"><h2 id="recent">最近の会議</h2>
${meetingTable("", recent, "最近開催・予定の会議（新しい順）")}
<p><a href="meetings.html">すべての会議を見る</a></p></section>`;
  return page({ up: "", title: site.council, site, crumbs: [] }, body);
}

export function meetingsPage(site: Site, rows: PublicMeetingRow[]) {
  const years = [...new Set(rows.map((m) => m.fiscal_year))];
  const body = rows.length
    ? html`${years.map(
        (y) =>
          html`<section aria-labelledby="fy${y}"><h2 id="fy${y}">${fiscalYearLabel(y)}</h2>${meetingTable(
            "",
            rows.filter((m) => m.fiscal_year === y),
            `${fiscalYearLabel(y)}の会議`,
          )}</section>`,
      )}`
    : html`<p>公開している会議はまだありません。</p>`;
  return page({ up: "", title: "会議一覧", site, crumbs: [{ href: "index.html", label: "トップ" }] }, body);
}

export function bodyPage(
  site: Site,
  b: SiteBody,
  parent: SiteBody | undefined,
  members: { name: string; position: keyof typeof positionLabels }[],
  meetings: PublicMeetingRow[],
) {
  const body = html`<dl class="facts"><dt>区分</dt><dd>${kindLabel(b.kind)}</dd>${
    parent ? html`<dt>上位の会議体</dt><dd><a href="${parent.id}.html">${parent.name}</a></dd>` : ""
  }${b.theme ? html`<dt>テーマ</dt><dd>${b.theme}</dd>` : ""}</dl>
${b.description ? html`<p class="lead">${b.description}</p>` : ""}
${
  b.children.length
    ? html`<section aria-labelledby="children"><h2 id="children">設置している会議体</h2><ul>${b.children.map(
        (c) => html`<li><a href="${c.id}.html">${c.name}</a>（${kindLabel(c.kind)}）</li>`,
      )}</ul></section>`
    : ""
}
<section aria-labelledby="meetings"><h2 id="meetings">会議</h2>${meetingTable("../", meetings, `${b.name}の会議（新しい順）`, false)}</section>
${
  members.length
    ? html`<section aria-labelledby="members"><h2 id="members">構成団体</h2><ul class="columns">${members.map(
        (m) => html`<li>${m.name}${m.position === "member" ? "" : html`（${positionLabels[m.position].ja}）`}</li>`,
      )}</ul></section>`
    : ""
}`;
  return page({ up: "../", title: b.name, site, crumbs: [{ href: "index.html", label: "トップ" }] }, body);
}

export function meetingPage(site: Site, m: PublicMeeting) {
  const { row } = m;
  const place = row.kind === "online" ? "オンライン" : row.kind === "hybrid" ? `${row.place}（オンライン併用）` : row.place;
  const body = html`<dl class="facts"><dt>日時</dt><dd>${whenText(row)}</dd><dt>場所</dt><dd>${place}</dd><dt>会議体</dt><dd><a href="../bodies/${row.body_id}.html">${row.body_name}</a></dd>${
    row.status === "announced" ? html`<dt>状況</dt><dd>開催予定</dd>` : ""
  }</dl>
${row.description ? html`<p class="lead">${row.description}</p>` : ""}
<section aria-labelledby="agenda"><h2 id="agenda">次第</h2>${
    m.agenda.length
      ? html`<ol class="agenda">${m.agenda.map(
          (a) =>
            html`<li value="${a.number}">${a.title}${a.presenter ? html`<span class="presenter">（${a.presenter}）</span>` : ""}</li>`,
        )}</ol>`
      : html`<p>公開している議題はありません。</p>`
  }</section>
<section aria-labelledby="materials"><h2 id="materials">資料</h2>${
    m.materials.length
      ? html`<ul class="files">${m.materials.map(
          (f) =>
            html`<li><a href="../${f.path}">${f.label ? `${f.label}　` : ""}${f.title}</a> <span class="file-meta">（${extLabel(f.fileName)}形式、${fileSize(f.size)}）</span></li>`,
        )}</ul>`
      : html`<p>公開している資料はありません。</p>`
  }</section>
<section aria-labelledby="minutes"><h2 id="minutes">議事要旨</h2>${
    m.minutesHtml
      ? html`${m.minutesApprovedAt ? html`<p class="note">${formatDate(m.minutesApprovedAt)}承認</p>` : ""}<div class="minutes">${trustedHtml(m.minutesHtml)}</div>`
      : html`<p>議事要旨は、承認後に掲載します。</p>`
  }</section>`;
  return page(
    {
      up: "../",
      title: m.name,
      site,
      crumbs: [
        { href: "index.html", label: "トップ" },
        { href: `bodies/${row.body_id}.html`, label: row.body_name },
      ],
    },
    body,
  );
}

const extLabel = (name: string) => (/\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? "").toUpperCase() || "ファイル";

export interface DataFile {
  href: string;
  title: string;
  description: string;
  columns: string[];
}

export function openDataPage(site: Site, files: DataFile[]) {
  const body = html`<p>会議の開催状況と取組の進捗の集計を、CSV形式（UTF-8、BOM付き）で提供しています。列の構成は、デジタル庁「自治体標準オープンデータセット」の「イベント一覧」に倣っています。</p>
${files.map(
  (f) => html`<section aria-labelledby="${f.href.replace(/\W/g, "-")}"><h2 id="${f.href.replace(/\W/g, "-")}">${f.title}</h2>
<p>${f.description}</p><p><a href="${f.href}">${f.title}（CSV）をダウンロード</a></p>
<details><summary>列の一覧</summary><ol>${f.columns.map((c) => html`<li>${c}</li>`)}</ol></details></section>`,
)}`;
  return page({ up: "", title: "オープンデータ", site, crumbs: [{ href: "index.html", label: "トップ" }] }, body);
}
