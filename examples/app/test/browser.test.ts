/**
 * The app in a real browser (Debian's Chromium, headless, driven by playwright-core), started as
 * its users start it, on a fresh SQLite file:
 *
 * 1. two officers of Xã Gia Hòa edit the same draft; the second one's save is refused with the
 *    conflict explained, and nothing of the first one's is lost;
 * 2. the commune's officer submits, the district (Huyện Gia Viễn) approves, and the province sees
 *    the count of its communes' reports change;
 * 3. a leader of another district (Huyện Hoa Lư) cannot open the report nor approve it;
 * 4. the province downloads the six-month report as Word and Excel files.
 *
 * Every main screen is photographed at a desktop and a phone width into
 * `test-results/screenshots/` (ignored by git).
 */
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import type { Browser, BrowserContext, Page } from "playwright-core"
import {
  hasChromium,
  launchBrowser,
  password,
  type RunningApp,
  scratch,
  screenshots,
  startApp,
  viewports
} from "./support.ts"

const folder = scratch("danvan-app-browser")
let app: RunningApp
let browser: Browser
const contexts: Array<BrowserContext> = []

beforeAll(async () => {
  if (!hasChromium) return
  app = await startApp({ DANVAN_STORE: `sqlite:${join(folder.dir, "app.db")}` })
  browser = await launchBrowser()
}, 300_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await app?.stop()
  folder.remove()
})

/** A signed-in page of `username`, at a desktop width unless told. */
const signIn = async (username: string, viewport: { width: number; height: number } = viewports.desktop) => {
  const context = await browser.newContext({ viewport, locale: "vi-VN", acceptDownloads: true })
  contexts.push(context)
  const page = await context.newPage()
  await page.goto(`${app.url}/`)
  await page.waitForURL(/\/dang-nhap$/u)
  await page.getByLabel("Tên đăng nhập").fill(username)
  await page.getByLabel("Mật khẩu").fill(password)
  await page.getByRole("button", { name: "Đăng nhập" }).click()
  await page.waitForURL(`${app.url}/`)
  return page
}

/** Photographs the page at both widths. */
const shoot = async (page: Page, name: string) => {
  for (const [size, viewport] of Object.entries(viewports)) {
    await page.setViewportSize(viewport)
    await page.screenshot({ path: join(screenshots, `${name}-${size}.png`), fullPage: true })
  }
  await page.setViewportSize(viewports.desktop)
}

/** Fills the figures of the report form: `models` models, all in the first field, all in progress. */
const fillFigures = async (page: Page, models: number, effective: number) => {
  await page.getByLabel("Tổng số mô hình").fill(String(models))
  await page.getByLabel("Phát triển kinh tế").fill(String(models))
  for (const field of ["Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng hệ thống chính trị"]) {
    await page.getByLabel(field).fill("0")
  }
  await page.getByLabel("Đang triển khai").fill(String(models))
  await page.getByLabel("Mô hình được đánh giá hiệu quả").fill(String(effective))
}

const communeCounts = (page: Page) =>
  page.locator('.counts[data-level="commune"]').evaluate((el) => ({
    submitted: Number(el.querySelector('[data-count="submitted"]')?.textContent),
    approved: Number(el.querySelector('[data-count="approved"]')?.textContent)
  }))

let reportUrl = ""

describe.skipIf(!hasChromium)("the six-month report in a browser", { timeout: 120_000 }, () => {
  it("shows the sign-in page with its form labelled", async () => {
    const context = await browser.newContext({ viewport: viewports.desktop, locale: "vi-VN" })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${app.url}/dang-nhap`)
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("vi")
    await page.getByLabel("Tên đăng nhập").fill("xa.giahoa")
    await page.getByLabel("Mật khẩu").fill("sai-mat-khau")
    await page.getByRole("button", { name: "Đăng nhập" }).click()
    await expect(page.getByRole("alert").textContent()).resolves.toContain("không đúng")
    await shoot(page, "01-dang-nhap")
  })

  it("tells the second officer who saves the same draft that someone else changed it", async () => {
    const first = await signIn("xa.giahoa")
    await first.getByRole("button", { name: "Tạo báo cáo" }).click()
    await first.locator("#flash").filter({ hasText: "Đã tạo báo cáo" }).waitFor()
    await first.getByLabel("Tổng số mô hình").waitFor()
    const second = await signIn("xa.giahoa.2")
    await second.getByLabel("Tổng số mô hình").waitFor()

    await fillFigures(first, 6, 3)
    await first.getByLabel("Kết quả đạt được").fill("Bản của chị Lan.")
    await first.getByRole("button", { name: "Lưu", exact: true }).click()
    await first.locator("#flash").filter({ hasText: "Đã lưu" }).waitFor()

    await fillFigures(second, 9, 4)
    await second.getByLabel("Kết quả đạt được").fill("Bản của anh Minh.")
    await second.getByRole("button", { name: "Lưu", exact: true }).click()
    const alert = second.locator("#form-errors")
    await alert.waitFor({ state: "visible" })
    expect(await alert.textContent()).toContain("người khác thay đổi")
    expect(await alert.getAttribute("data-tag")).toBe("VersionConflict")
    // the alert has the focus, so a screen reader reads it; the second officer's text is still there
    expect(await second.evaluate(() => document.activeElement?.id)).toBe("form-errors")
    expect(await second.getByLabel("Kết quả đạt được").inputValue()).toBe("Bản của anh Minh.")
    await shoot(second, "02-xung-dot-phien-ban")

    await second.reload()
    expect(await second.getByLabel("Kết quả đạt được").inputValue()).toBe("Bản của chị Lan.")
  })

  it("lets the commune submit, the district approve, and the province see the count change", async () => {
    const province = await signIn("tinh.ninhbinh")
    const before = await communeCounts(province)
    const consolidatedBefore = Number(await province.locator("#so-bao-cao-tong-hop").textContent())

    const commune = await signIn("xa.giahoa")
    const form = commune.locator("#report-form")
    await form.waitFor()
    await fillFigures(commune, 10, 4)
    await commune.getByLabel("Mô hình mới").fill("2")
    await commune.getByLabel("Tồn tại, hạn chế").fill("Một số mô hình chưa được sơ kết.")
    await shoot(commune, "03-xa-nhap-bao-cao")
    await commune.getByRole("button", { name: "Gửi báo cáo" }).click()
    await commune.locator("#flash").filter({ hasText: "Đã gửi báo cáo lần 1, đúng hạn" }).waitFor()
    expect(await commune.locator('section[aria-labelledby="bao-cao-don-vi"] .badge').textContent()).toBe(
      "Đã gửi"
    )
    await shoot(commune, "04-xa-da-gui")

    const district = await signIn("huyen.giavien")
    const row = district.locator("tr", { hasText: "Xã Gia Hòa" })
    expect(await row.locator(".badge").textContent()).toBe("Đã gửi")
    await shoot(district, "05-huyen-tinh-hinh")
    await row.getByRole("link", { name: "Xã Gia Hòa" }).click()
    await district.getByRole("heading", { name: /Báo cáo của Xã Gia Hòa/u }).waitFor()
    reportUrl = district.url()
    await shoot(district, "06-huyen-xet-duyet")
    await district.getByRole("button", { name: "Duyệt báo cáo" }).click()
    await district.locator("#flash").filter({ hasText: "Đã duyệt báo cáo" }).waitFor()
    expect(await district.locator(".meta .badge").first().textContent()).toBe("Đã duyệt")

    await province.reload()
    const after = await communeCounts(province)
    expect(after.submitted).toBe(before.submitted + 1)
    expect(after.approved).toBe(before.approved + 1)
    expect(Number(await province.locator("#so-bao-cao-tong-hop").textContent())).toBe(consolidatedBefore + 1)
    await shoot(province, "07-tinh-tong-hop")
  })

  it("refuses a leader of another district the report and its approval", async () => {
    const other = await signIn("huyen.hoalu")
    expect(await other.locator("tr", { hasText: "Xã Gia Hòa" }).count()).toBe(0)
    const response = await other.goto(reportUrl)
    expect(response?.status()).toBe(404)
    expect(await other.getByRole("alert").textContent()).toContain("ngoài phạm vi")
    await shoot(other, "08-huyen-khac-bi-tu-choi")
    const reportId = reportUrl.split("/").at(-1) ?? ""
    const answer = await other.evaluate(async (id) => {
      const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? ""
      const r = await fetch(`/api/reports/${id}/approve`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: JSON.stringify({ version: 1 })
      })
      return { status: r.status, tag: ((await r.json()) as { _tag: string })._tag }
    }, reportId)
    expect(answer).toEqual({ status: 404, tag: "NotFound" })
  })

  it("downloads the province's six-month report as Word and Excel files", async () => {
    const province = await signIn("tinh.ninhbinh")
    for (const [name, entry] of [
      ["Tải báo cáo sơ kết (Word)", "word/document.xml"],
      ["Tải bảng tổng hợp (Excel)", "xl/workbook.xml"]
    ] as const) {
      const [download] = await Promise.all([
        province.waitForEvent("download"),
        province.getByRole("link", { name }).click()
      ])
      const path = join(folder.dir, download.suggestedFilename())
      await download.saveAs(path)
      const { readFileSync } = await import("node:fs")
      const bytes = readFileSync(path)
      expect(bytes.subarray(0, 2).toString()).toBe("PK")
      expect(bytes.includes(Buffer.from(entry))).toBe(true)
    }
  })

  it("opens the new province's page, whose communes report to it directly", async () => {
    const page = await signIn("tinh.ninhbinh.moi", viewports.phone)
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Tỉnh Ninh Bình")
    expect(await page.locator('.counts[data-level="district"]').count()).toBe(0)
    await shoot(page, "09-tinh-moi")
  })
})
