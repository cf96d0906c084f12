#!/usr/bin/env node
/**
 * Draws the neutral brand placeholders committed in `brand/placeholder/` (logo, emblem, signature;
 * each as SVG with text as paths, and as PNG). They say "PLACEHOLDER" on their face so a test
 * certificate can never pass for a real WeGO document. A deployment supplies WeGO's own files
 * instead (README "Configuration", `WEGO_BRAND_DIR`). Needs the dev dependency @napi-rs/canvas;
 * run only when the placeholders' design changes: `node scripts/draw-brand-placeholders.mjs`.
 */
import { createCanvas, GlobalFonts, SvgExportFlag } from "@napi-rs/canvas";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
GlobalFonts.registerFromPath(
  require.resolve("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf"),
  "Placeholder Sans",
);
const outDir = join(root, "brand/placeholder");
const GREY = "#5b6470";
const FONT = (px) => `${px}px "Placeholder Sans"`;

/** Each placeholder: its size in px and how to draw it on a 2D context. */
const ASSETS = {
  logo: {
    width: 1200,
    height: 360,
    draw(g) {
      dashedRect(g, 12, 12, 1176, 336, 40);
      g.fillStyle = GREY;
      g.textAlign = "center";
      g.textBaseline = "middle";
      g.font = FONT(150);
      g.fillText("WeGO", 600, 150);
      g.font = FONT(54);
      g.fillText("LOGO PLACEHOLDER", 600, 270);
    },
  },
  emblem: {
    width: 600,
    height: 600,
    draw(g) {
      g.strokeStyle = GREY;
      g.lineWidth = 12;
      g.setLineDash([36, 20]);
      g.beginPath();
      g.arc(300, 300, 280, 0, Math.PI * 2);
      g.stroke();
      g.setLineDash([]);
      g.lineWidth = 6;
      g.beginPath();
      g.arc(300, 300, 230, 0, Math.PI * 2);
      g.stroke();
      g.fillStyle = GREY;
      g.textAlign = "center";
      g.textBaseline = "middle";
      g.font = FONT(64);
      g.fillText("EMBLEM", 300, 260);
      g.font = FONT(50);
      g.fillText("PLACEHOLDER", 300, 340);
    },
  },
  signature: {
    width: 900,
    height: 300,
    draw(g) {
      g.strokeStyle = GREY;
      g.lineWidth = 8;
      g.lineCap = "round";
      g.beginPath();
      g.moveTo(90, 170);
      g.bezierCurveTo(170, 40, 220, 240, 300, 130);
      g.bezierCurveTo(360, 60, 380, 210, 470, 150);
      g.bezierCurveTo(540, 100, 600, 190, 690, 120);
      g.bezierCurveTo(740, 90, 780, 140, 820, 110);
      g.stroke();
      g.fillStyle = GREY;
      g.textAlign = "center";
      g.textBaseline = "middle";
      g.font = FONT(50);
      g.fillText("SIGNATURE PLACEHOLDER", 450, 250);
    },
  },
};

function dashedRect(g, x, y, w, h, r) {
  g.strokeStyle = GREY;
  g.lineWidth = 12;
  g.setLineDash([36, 20]);
  g.beginPath();
  g.roundRect(x, y, w, h, r);
  g.stroke();
  g.setLineDash([]);
}

await mkdir(outDir, { recursive: true });
for (const [name, a] of Object.entries(ASSETS)) {
  const png = createCanvas(a.width, a.height);
  a.draw(png.getContext("2d"));
  await writeFile(join(outDir, `${name}.png`), await png.encode("png"));
  const svg = createCanvas(a.width, a.height, SvgExportFlag.ConvertTextToPaths);
  a.draw(svg.getContext("2d"));
  // A viewBox so pages can scale it, and a title that says what it is.
  const text = svg
    .getContent()
    .toString("utf8")
    .replace(
      /<svg ([^>]*)>/,
      `<svg $1 viewBox="0 0 ${a.width} ${a.height}"><title>PLACEHOLDER: not WeGO's ${name}</title>`,
    );
  await writeFile(join(outDir, `${name}.svg`), text);
  console.log(`${name}: ${a.width}×${a.height}`);
}
