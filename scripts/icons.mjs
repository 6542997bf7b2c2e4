// Rasterises the icon set: every extension/icons/<state>.svg becomes
// <out>/icons/<state>-<size>.png at the sizes Chrome and Firefox use (toolbar 16/32,
// extensions page 48, store and install dialog 128). The SVGs are the source; no PNG is
// committed. Usage: node scripts/icons.mjs OUT_DIR   (build.sh passes dist/chrome)
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SIZES = [16, 32, 48, 128];
const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/icons.mjs OUT_DIR');
  process.exit(2);
}
const src = new URL('../extension/icons/', import.meta.url);
const dir = join(out, 'icons');
mkdirSync(dir, { recursive: true });
const svgs = readdirSync(src).filter((f) => f.endsWith('.svg')).sort();
if (!svgs.length) {
  console.error('tools/icons.mjs: no SVG in extension/icons');
  process.exit(1);
}
for (const file of svgs) {
  const svg = readFileSync(new URL(file, src));
  for (const size of SIZES) {
    // Rendered at the target size (not scaled down from 128): resvg anti-aliases for it.
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    const name = `${file.replace(/\.svg$/, '')}-${size}.png`;
    writeFileSync(join(dir, name), png);
  }
}
console.log(`icons: ${svgs.length} SVG × ${SIZES.length} sizes → ${dir}`);
