/**
 * The pages' stylesheet, inlined with the response's CSP nonce (no external request, works from
 * the offline cache). Colours meet WCAG 2.2 AA contrast (≥ 4.5:1 for text, ≥ 3:1 for UI edges).
 * Logical properties (`inline-start`) so right-to-left pages mirror without a second stylesheet.
 */
export const STYLES = `
:root{--ink:#1b1f24;--muted:#4a5360;--bg:#ffffff;--panel:#f4f6f8;--line:#c9d0d8;--link:#0b57d0;--focus:#0b57d0;
--brand:#0b3d6e;--ok:#0a6b2f;--ok-bg:#e7f5ec;--bad:#a4161a;--bad-bg:#fdecec;--warn:#6e4400;--warn-bg:#fff3dc;
--unk:#3d4451;--unk-bg:#eceff3;--neutral:#1f4e79;--neutral-bg:#e8f0f8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans KR","Noto Sans SC","Noto Sans Arabic","Apple SD Gothic Neo","Malgun Gothic","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--bg);overflow-wrap:anywhere}
a{color:var(--link)}
img{max-width:100%;height:auto}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;inset-inline-start:-9999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{inset-inline-start:.5rem;top:.5rem}
.site{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;border-bottom:3px solid var(--brand)}
.brand{display:inline-flex;align-items:center;gap:.6rem;font-weight:700;text-decoration:none;color:var(--brand);min-width:0}
.brand img{height:2.25rem;width:auto}
.langs ul{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;margin:0;padding:0}
.langs a{display:inline-block;padding:.35rem .1rem;min-height:24px}
.langs a[aria-current]{font-weight:700;color:var(--ink)}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
[hidden]{display:none!important}
.verdict{border:2px solid var(--unk);border-inline-start-width:.5rem;border-radius:.5rem;padding:.75rem 1rem;background:var(--unk-bg);color:var(--ink)}
.verdict h1,.verdict h2{color:var(--unk);margin:0}
.verdict.valid{border-color:var(--ok);background:var(--ok-bg)}.verdict.valid h1,.verdict.valid h2{color:var(--ok)}
.verdict.bad{border-color:var(--bad);background:var(--bad-bg)}.verdict.bad h1,.verdict.bad h2{color:var(--bad)}
.verdict.warn{border-color:var(--warn);background:var(--warn-bg)}.verdict.warn h1,.verdict.warn h2{color:var(--warn)}
.verdict.neutral{border-color:var(--neutral);background:var(--neutral-bg)}.verdict.neutral h1,.verdict.neutral h2{color:var(--neutral)}
.verdict p{margin:.25rem 0}
.verdict .checked-at{font-size:.9rem;color:var(--muted)}
.verdict dl{margin-top:.5rem}
.icon{font-size:1.3em;margin-inline-end:.35rem}
.name{font:700 2rem/1.2 "Noto Serif","Noto Serif KR","Noto Serif SC",Georgia,"Times New Roman",serif;margin:1.25rem 0 .25rem;color:var(--ink)}
.lede{font-size:1.1rem;margin:.25rem 0 1rem}
.preview{margin:1rem 0;border:1px solid var(--line);border-radius:.5rem;overflow:hidden;box-shadow:0 1px 4px rgba(0,0,0,.12);background:#fff}
.preview img{display:block;width:100%}
dl{display:grid;grid-template-columns:1fr;gap:.15rem 1rem;margin:0}
dt{font-weight:600;color:var(--muted);margin-top:.5rem}
dd{margin:0}
@media (min-width:36rem){dl{grid-template-columns:minmax(8rem,auto) 1fr}dt{margin-top:0}}
.checks{list-style:none;margin:0;padding:0}
.checks li{border-top:1px solid var(--line);padding:.6rem 0}
.checks .st{font-weight:700}
.st.passed{color:var(--ok)}.st.failed{color:var(--bad)}.st.could-not-check{color:var(--unk)}
details{margin:1rem 0}
summary{cursor:pointer;font-weight:600;padding:.5rem 0;min-height:44px}
.checks-disclosure{border-top:1px solid var(--line);border-bottom:1px solid var(--line)}
.browser{background:var(--panel);border-radius:.5rem;padding:.75rem 1rem;margin-top:1rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:0;padding:0}
.btn{display:inline-block;min-height:44px;padding:.6rem .9rem;border:1px solid var(--link);border-radius:.4rem;background:#fff;color:var(--link);font:inherit;text-decoration:none;cursor:pointer}
.btn.primary{background:var(--link);color:#fff;font-weight:600}
.btn.large{font-size:1.1rem;padding:.8rem 1.2rem}
.formats ul{margin:.25rem 0;padding-inline-start:1.25rem}
.inactive{background:var(--panel);border-radius:.5rem;padding:.75rem 1rem}
.report{margin-top:1.5rem;padding-top:1rem;border-top:1px solid var(--line)}
.verify-form{margin-top:1.5rem}
.drop{border:2px dashed var(--muted);border-radius:.5rem;padding:1rem;margin:.5rem 0}
.drop.over{border-color:var(--link);background:var(--panel)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
textarea,input[type=file]{width:100%;max-width:100%;font:inherit;border:1px solid var(--muted);border-radius:.4rem;padding:.5rem}
textarea{min-height:7rem}
.muted{color:var(--muted)}
footer{max-width:46rem;margin:2rem auto 0;padding:1rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
.placeholder-note{font-weight:700;color:var(--warn)}
.print-frame{position:fixed;width:1px;height:1px;border:0;inset-inline-start:-10px;bottom:0}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{.site,.actions-block,.browser,footer,.skip,.no-print,.checks-disclosure,.facts,.verify-form{display:none!important}
body{font-size:12pt}main{max-width:none;padding:0}.verdict{break-inside:avoid}.preview{box-shadow:none}}
`;
