/**
 * Server-rendered HTML: a tagged template that escapes every value it is given (text from the
 * store, from a form, from an error), and the page layout.
 */
import type { Account } from "./accounts.ts"

/** Markup that is already safe. */
export interface Html {
  readonly markup: string
}

/** Trusted markup, as is. */
export const raw = (markup: string): Html => ({ markup })

const escape = (text: string) => text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`)

type Value = Html | string | number | boolean | null | undefined | ReadonlyArray<Value>

const render = (value: Value): string => {
  if (value === null || value === undefined || value === false) return ""
  if (Array.isArray(value)) return value.map(render).join("")
  if (typeof value === "object") return (value as Html).markup
  return escape(String(value))
}

/** HTML with its values escaped; arrays are joined; `null`, `undefined` and `false` render nothing. */
export const html = (strings: TemplateStringsArray, ...values: ReadonlyArray<Value>): Html =>
  raw(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i] as Value) : ""), ""))

/** A day as Vietnamese documents write it: `05/07/2017`. */
export const day = (isoDay: string | undefined): string => {
  if (isoDay === undefined) return ""
  const [y, m, d] = isoDay.slice(0, 10).split("-")
  return `${d}/${m}/${y}`
}

/** A count as Vietnamese documents write it: `1.952`. */
export const count = (n: number): string => new Intl.NumberFormat("vi-VN").format(n)

/** What the header shows of the signed-in person. */
export interface Signed {
  readonly account: Account
  readonly unitName: string
  readonly roleLabel: string
  readonly workingDay: string
  readonly csrf: string
}

/** A whole page. */
export const page = (title: string, body: Html, signed?: Signed): string =>
  html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Công tác dân vận</title>
${signed === undefined ? "" : html`<meta name="csrf-token" content="${signed.csrf}">`}
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="top">
  <div class="wrap top-row">
    <a class="brand" href="/">Công tác dân vận</a>
    ${
      signed === undefined
        ? ""
        : html`<div class="who">
      <span><strong>${signed.account.actor.name}</strong> · ${signed.roleLabel}</span>
      <span>${signed.unitName}</span>
      <span>Ngày làm việc: <time datetime="${signed.workingDay}">${day(signed.workingDay)}</time>${
        signed.account.worksOn === undefined ? "" : " (dữ liệu minh họa)"
      }</span>
      <form method="post" action="/dang-xuat" class="inline">
        <input type="hidden" name="_csrf" value="${signed.csrf}">
        <button type="submit" class="link">Đăng xuất</button>
      </form>
    </div>`
    }
  </div>
</header>
<main id="noi-dung" tabindex="-1" class="wrap">
<noscript><p class="notice">Trang cần JavaScript để lưu, gửi và duyệt báo cáo.</p></noscript>
${body}
</main>
<footer class="wrap foot"><p>Ứng dụng mẫu trên thư viện danvan · <a href="/api/docs">Tài liệu API</a></p></footer>
</body>
</html>
`.markup
