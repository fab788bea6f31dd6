/**
 * Renders Mermaid views to SVG offline, in a real browser: Debian's Chromium driven by
 * playwright-core, with the pinned `mermaid` bundle loaded from node_modules (no network).
 * Used by `npm run org:map` (docs/*.svg) and by the browser test of the pictures.
 */
import * as fs from "fs";
import { chromium, type Browser } from "playwright-core";

/** Chromium's binary: CHROMIUM_PATH, else Debian's. Undefined when there is none. */
export function chromiumPath(): string | undefined {
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"])
    if (candidate && fs.existsSync(candidate)) return candidate;
  return undefined;
}

export class ViewRenderer {
  private constructor(private readonly browser: Browser) {}

  static async start(executablePath: string): Promise<ViewRenderer> {
    // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
    return new ViewRenderer(await chromium.launch({ executablePath, args: ["--no-sandbox"] }));
  }

  /** One SVG per diagram (`name` -> Mermaid text). */
  async svgs(diagrams: Readonly<Record<string, string>>): Promise<Record<string, string>> {
    const page = await this.browser.newPage();
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
    const out: Record<string, string> = {};
    for (const [name, text] of Object.entries(diagrams))
      out[name] = await page.evaluate(
        async ({ id, text }) => {
          const mermaid = (globalThis as unknown as { mermaid: MermaidApi }).mermaid;
          mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default" });
          return (await mermaid.render(id, text)).svg;
        },
        { id: name.replace(/[^A-Za-z0-9]/g, "-"), text },
      );
    await page.close();
    return out;
  }

  /** A PNG screenshot of an SVG as a browser shows it; also the text the browser laid out. */
  async screenshot(svg: string): Promise<{ png: Buffer; text: string; width: number; height: number }> {
    const page = await this.browser.newPage({ deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
    const element = page.locator("svg").first();
    const box = await element.boundingBox();
    const png = await element.screenshot({ type: "png" });
    const text = await element.evaluate((e) => e.textContent ?? "");
    await page.close();
    return { png, text, width: Math.round(box?.width ?? 0), height: Math.round(box?.height ?? 0) };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}
