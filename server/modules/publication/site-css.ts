/**
 * The public site's one style sheet, served as /public/site.css (the CSP allows no inline style).
 * Colours meet WCAG AA contrast (JIS X 8341-3 AA); focus is always visible; the bodies diagram is a
 * tree drawn with borders; printing leaves out the navigation.
 */
export const siteCss = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:"Noto Sans JP","Noto Sans CJK JP","Hiragino Sans","Yu Gothic",Meiryo,sans-serif;line-height:1.8;color:#1a1a1a;background:#fff;-webkit-text-size-adjust:100%}
body{margin:0;font-size:1rem}
a{color:#0031d8;text-underline-offset:.2em}
a:visited{color:#5c10be}
a:hover{color:#00118f;text-decoration-thickness:2px}
a:focus-visible,summary:focus-visible{outline:3px solid #0877d7;outline-offset:2px;background:#fff500;color:#000}
.wrap{max-width:64rem;margin:0 auto;padding:0 1rem}
.skip-link{position:absolute;left:-9999px;top:0;background:#fff500;color:#000;padding:.5rem 1rem;z-index:10}
.skip-link:focus{left:0}
.site-header{border-bottom:4px solid #0031d8;padding:.75rem 0;background:#f8f8fb}
.site-owner{margin:0;font-size:.9rem;color:#333}
.site-name{margin:0;font-size:1.35rem;font-weight:700}
.site-name a{color:#1a1a1a;text-decoration:none}
.site-nav{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.5rem 0 0;padding:0}
.crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;margin:1rem 0 0;padding:0;font-size:.9rem}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:#555}
h1{font-size:1.75rem;line-height:1.4;margin:1rem 0}
h2{font-size:1.35rem;border-left:6px solid #0031d8;padding-left:.5rem;margin:2rem 0 .75rem}
.lead{white-space:pre-wrap}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
.facts dt{font-weight:700}
.facts dd{margin:0}
table.list{border-collapse:collapse;width:100%}
table.list caption{text-align:left;font-weight:700;padding:.25rem 0}
table.list th,table.list td{border:1px solid #767676;padding:.4rem .6rem;text-align:left;vertical-align:top}
table.list thead th{background:#e8e8f0}
.agenda li{margin:.25rem 0}
.presenter,.file-meta,.note{color:#4d4d4d}
.files{padding-left:1.25rem}
.files li{margin:.35rem 0}
.columns{columns:14rem;padding-left:1.25rem}
.minutes{border:1px solid #c4c4cc;padding:.5rem 1rem;border-radius:4px}
.minutes table{border-collapse:collapse}
.minutes th,.minutes td{border:1px solid #767676;padding:.25rem .5rem}
.structure{margin:0}
.structure figcaption{font-weight:700;margin-bottom:.5rem}
.tree,.tree ul{list-style:none;margin:0;padding:0}
.tree ul{margin-left:1.25rem;padding-left:1.25rem;border-left:2px solid #767676}
.tree li{position:relative;padding:.35rem 0}
.tree ul>li::before{content:"";position:absolute;left:-1.25rem;top:1.3rem;width:1.1rem;border-top:2px solid #767676}
.tree-box{display:inline-block;border:2px solid #0031d8;border-radius:6px;padding:.25rem .75rem;background:#fff}
.tree-kind{display:block;font-size:.8rem;color:#4d4d4d}
.site-footer{margin-top:3rem;border-top:1px solid #c4c4cc;padding:1rem 0;font-size:.9rem;background:#f8f8fb}
@media print{.site-nav,.skip-link,.crumbs{display:none}a{color:#000}}
`;
