/**
 * The pages' stylesheet, inlined with the response's CSP nonce (no external request, works from
 * the offline cache). Colours meet WCAG 2.2 AA contrast (≥ 4.5:1 for text, ≥ 3:1 for UI edges).
 */
export const STYLES = `
:root{--ink:#1b1f24;--muted:#4a5360;--bg:#ffffff;--panel:#f4f6f8;--line:#c9d0d8;--link:#0b57d0;--focus:#0b57d0;
--ok:#0a6b2f;--ok-bg:#e7f5ec;--bad:#a4161a;--bad-bg:#fdecec;--warn:#6e4400;--warn-bg:#fff3dc;--unk:#3d4451;--unk-bg:#eceff3}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem;top:.5rem}
.site{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;border-bottom:1px solid var(--line)}
.brand{font-weight:700;text-decoration:none;color:var(--ink)}
.langs ul{display:flex;gap:.75rem;list-style:none;margin:0;padding:0}
.langs a[aria-current]{font-weight:700;color:var(--ink)}
main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
[hidden]{display:none!important}
.verdict{border:2px solid var(--unk);border-left-width:.5rem;border-radius:.5rem;padding:1rem;background:var(--unk-bg);color:var(--ink)}
.verdict h1{color:var(--unk)}
.verdict.valid{border-color:var(--ok);background:var(--ok-bg)}.verdict.valid h1{color:var(--ok)}
.verdict.bad{border-color:var(--bad);background:var(--bad-bg)}.verdict.bad h1{color:var(--bad)}
.verdict.warn{border-color:var(--warn);background:var(--warn-bg)}.verdict.warn h1{color:var(--warn)}
.verdict p{margin:.25rem 0}
.icon{font-size:1.3em;margin-right:.35rem}
.name{font-size:1.35rem;font-weight:700;margin:1rem 0 0;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:1fr;gap:.15rem 1rem;margin:0}
dt{font-weight:600;color:var(--muted);margin-top:.5rem}
dd{margin:0;overflow-wrap:anywhere}
@media (min-width:36rem){dl{grid-template-columns:minmax(8rem,auto) 1fr}dt{margin-top:0}}
.checks{list-style:none;margin:0;padding:0}
.checks li{border-top:1px solid var(--line);padding:.6rem 0}
.checks .st{font-weight:700}
.st.passed{color:var(--ok)}.st.failed{color:var(--bad)}.st.could-not-check{color:var(--unk)}
.browser{background:var(--panel);border-radius:.5rem;padding:.75rem 1rem;margin-top:1rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:0;padding:0}
.btn{display:inline-block;min-height:44px;padding:.6rem .9rem;border:1px solid var(--link);border-radius:.4rem;background:#fff;color:var(--link);font:inherit;text-decoration:none;cursor:pointer}
.btn.primary{background:var(--link);color:#fff}
.drop{border:2px dashed var(--muted);border-radius:.5rem;padding:1rem;margin:.5rem 0}
.drop.over{border-color:var(--link);background:var(--panel)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
textarea,input[type=file]{width:100%;font:inherit;border:1px solid var(--muted);border-radius:.4rem;padding:.5rem}
textarea{min-height:7rem}
.muted{color:var(--muted)}
footer{max-width:44rem;margin:2rem auto 0;padding:1rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{.site,.actions,.browser,footer,.skip,.no-print{display:none!important}
body{font-size:12pt}main{max-width:none;padding:0}.verdict{break-inside:avoid}
a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em}}
`;
