/**
 * Express loads the panel's index.html and answers the SDK's URL itself. The harness does the
 * same by putting an import map in front of every other script of the served page, so the built
 * panel bundle runs unchanged (its `import … from "https://new.express.adobe.com/…/sdk.js"`
 * resolves to the harness's fake) — under Playwright and in the playground alike.
 */
export const UI_SDK_URL = "https://new.express.adobe.com/static/add-on-sdk/sdk.js";

export type ImportMap = { imports: Record<string, string> };

export function injectImportMap(html: string, map: ImportMap): string {
  if (/<script[^>]+type=["']?importmap/i.test(html)) throw new Error("the page already has an import map: the harness cannot add its own (only one is allowed)");
  const tag = `<script type="importmap">${JSON.stringify(map).replaceAll("</", "<\\/")}</script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  const doctype = /<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype.index + doctype[0].length : 0;
  return `${html.slice(0, at)}<head>${tag}</head>${html.slice(at)}`;
}
