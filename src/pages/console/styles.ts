/** Console additions to the public stylesheet: a wider page, navigation, tables and forms (WCAG 2.2 AA contrast). */
import { STYLES } from "../styles";

export const CONSOLE_STYLES =
  STYLES +
  `
main{max-width:72rem}
footer{max-width:72rem}
.site nav.console ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
.site nav.console a{display:inline-block;padding:.5rem 0;min-height:44px}
.site nav.console a[aria-current]{font-weight:700;color:var(--ink)}
.who{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;color:var(--muted);font-size:.95rem}
.who form{margin:0}
.flash{border-left:.4rem solid var(--ok);background:var(--ok-bg);padding:.75rem 1rem;border-radius:.4rem;margin:1rem 0}
.flash.bad{border-color:var(--bad);background:var(--bad-bg)}
.table-wrap{overflow-x:auto;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.45rem .5rem;text-align:left;vertical-align:top}
th{background:var(--panel)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
input[type=text],input[type=email],input[type=password],input[type=date],input[type=search],select{width:100%;max-width:32rem;font:inherit;border:1px solid var(--muted);border-radius:.4rem;padding:.5rem;min-height:44px;background:#fff;color:var(--ink)}
textarea{max-width:40rem}
.filters{display:grid;gap:.25rem 1rem;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));align-items:end}
.filters label{margin-top:.25rem}
.hint{color:var(--muted);font-size:.9rem;margin:.1rem 0 .25rem}
.err{color:var(--bad);font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border-color:var(--bad)!important;border-width:2px!important}
.btn.danger{border-color:var(--bad);color:var(--bad)}
.btn.danger.primary{background:var(--bad);color:#fff}
.btn[disabled]{opacity:.6;cursor:not-allowed}
.panel{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.panel h3{margin:.25rem 0 .5rem;font-size:1.05rem}
.grid2{display:grid;gap:1rem;grid-template-columns:1fr}
@media (min-width:48rem){.grid2{grid-template-columns:1fr 1fr}}
.qr svg{width:10rem;height:10rem}
.badge{display:inline-block;padding:0 .45rem;border-radius:.3rem;border:1px solid currentColor;font-size:.85rem;font-weight:600}
.badge.active{color:var(--ok)}.badge.suspended{color:var(--warn)}.badge.revoked{color:var(--bad)}
.token-once{font-family:ui-monospace,monospace;background:var(--panel);padding:.5rem;border-radius:.4rem;overflow-wrap:anywhere}
.scopes{border:0;padding:0;margin:.5rem 0}
.scopes legend{font-weight:600;padding:0}
.scopes label{display:inline-flex;gap:.35rem;align-items:center;font-weight:400;margin:.25rem 1rem .25rem 0;min-height:44px}
code{overflow-wrap:anywhere}
img.preview{max-width:100%;height:auto;border:1px solid var(--line)}
.check{display:flex;gap:.4rem;align-items:center;font-weight:400;min-height:44px}
`;
