import { html, type SafeHtml } from "../../platform/text/html.js";

/**
 * The frame of every public page: lang="ja", a skip link, header, navigation, main and footer
 * landmarks, one static style sheet and no script. Links are relative (`up` climbs to the site's
 * root), so the same HTML works under /public and unpacked from the static export on a CMS.
 */
export interface Frame {
  up: "" | "../";
  title: string;
  site: { prefecture: string; council: string };
  crumbs: { href: string; label: string }[];
}

export function page(f: Frame, body: SafeHtml): string {
  const siteName = f.site.council;
  const nav = [
    { href: "index.html", label: "トップ" },
    { href: "meetings.html", label: "会議一覧" },
    { href: "opendata.html", label: "オープンデータ" },
  ];
  return html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${f.title === siteName ? siteName : `${f.title}｜${siteName}`}</title>
<link rel="stylesheet" href="${f.up}site.css">
</head>
<body>
<a class="skip-link" href="#main">本文へ移動</a>
<header class="site-header">
<div class="wrap">
${f.site.prefecture ? html`<p class="site-owner">${f.site.prefecture}</p>` : ""}
<p class="site-name"><a href="${f.up}index.html">${siteName}</a></p>
<nav aria-label="サイト内の案内">
<ul class="site-nav">${nav.map((n) => html`<li><a href="${f.up}${n.href}">${n.label}</a></li>`)}</ul>
</nav>
</div>
</header>
<main id="main" class="wrap">
${
  f.crumbs.length
    ? html`<nav aria-label="現在の位置" class="crumbs"><ol>${f.crumbs.map((c) => html`<li><a href="${f.up}${c.href}">${c.label}</a></li>`)}<li aria-current="page">${f.title}</li></ol></nav>`
    : ""
}
<h1>${f.title}</h1>
${body}
</main>
<footer class="site-footer">
<div class="wrap"><p>${f.site.prefecture} ${siteName}の公開情報です。資料は公開に区分されたものだけを掲載しています。</p></div>
</footer>
</body>
</html>
`.value;
}
