// What costs what in a wasm: sizes of its sections, and of its functions' code summed by
// crate and by module path (from the name section: run it on cargo's output, before
// wasm-bindgen and wasm-opt strip the names), plus the data segments. An estimate in the
// manner of `cargo bloat` (inlined code counts where it was inlined), in seconds and
// without installing anything (twiggy takes minutes to compile here).
// Run: node benches/wasm-size.mjs target/wasm32-unknown-unknown/wasm/askfirst.wasm [TOP]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node benches/wasm-size.mjs FILE.wasm [TOP]');
  process.exit(2);
}
const TOP = Number(topArg || 25);
const buf = readFileSync(file);
let pos = 8;
const u32 = () => {
  let r = 0, shift = 0, b;
  do { b = buf[pos++]; r |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
  return r >>> 0;
};
const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const sections = [];
let code = null, names = null, imports = 0;
while (pos < buf.length) {
  const id = buf[pos++];
  const size = u32();
  const start = pos;
  let name = SECTIONS[id] || `#${id}`;
  if (id === 0) {
    const n = u32();
    name = `custom:${buf.subarray(pos, pos + n).toString()}`;
    if (name === 'custom:name') names = { start: pos + n, end: start + size };
  }
  if (id === 2) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      pos += u32(); pos += u32(); // module, field
      const kind = buf[pos++];
      if (kind === 0) { u32(); imports++; } else if (kind === 1) { pos++; const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); } else { pos += 2; }
    }
  }
  if (id === 10) code = { start, end: start + size };
  sections.push([name, size]);
  pos = start + size;
}
const fnName = new Map();
if (names) {
  pos = names.start;
  while (pos < names.end) {
    const sub = buf[pos++];
    const size = u32();
    const end = pos + size;
    if (sub === 1) {
      const count = u32();
      for (let i = 0; i < count; i++) {
        const idx = u32();
        const n = u32();
        fnName.set(idx, buf.subarray(pos, pos + n).toString());
        pos += n;
      }
    }
    pos = end;
  }
}
const fns = [];
if (code) {
  pos = code.start;
  const count = u32();
  for (let i = 0; i < count; i++) {
    const size = u32();
    fns.push([fnName.get(imports + i) || `func[${imports + i}]`, size]);
    pos += size;
  }
}
// Rust's legacy mangling (_ZN…E) → path segments; v0 and plain names as they are.
const demangle = (s) => {
  if (!s.startsWith('_ZN')) return s;
  const segs = [];
  let i = 3;
  while (i < s.length && s[i] !== 'E') {
    let n = 0;
    while (s[i] >= '0' && s[i] <= '9') n = n * 10 + (s.charCodeAt(i++) - 48);
    if (!n) break;
    segs.push(s.slice(i, i + n));
    i += n;
  }
  if (segs.length && /^h[0-9a-f]{16}$/.test(segs[segs.length - 1])) segs.pop();
  return segs.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ')
    .replace(/\$RF\$/g, '&').replace(/\$C\$/g, ',').replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}')
    .replace(/\.\./g, '::').replace(/\$u5b\$/g, '[').replace(/\$u5d\$/g, ']').replace(/\$BP\$/g, '*');
};
// The crate a function belongs to: a trait impl `<a::B as c::D>::f` counts for `a`.
const crateOf = (path) => {
  const p = path.replace(/^_?</, '').replace(/^&(mut )?/, '').replace(/^\[/, '');
  return (p.match(/^[A-Za-z_][A-Za-z0-9_]*/) || ['?'])[0];
};
const modOf = (path, depth) => path.replace(/^_?</, '').replace(/^&(mut )?/, '').split(/::|\s|</).slice(0, depth).join('::');
const sum = (key) => {
  const m = new Map();
  for (const [n, s] of fns) { const k = key(demangle(n)); m.set(k, (m.get(k) || 0) + s); }
  return [...m].sort((a, b) => b[1] - a[1]);
};
const kb = (x) => `${(x / 1024).toFixed(1).padStart(8)} KB`;
console.log(`${file}: ${buf.length} bytes, ${fns.length} functions${fnName.size ? '' : ' (no name section: run it on cargo\'s output)'}`);
console.log('sections:');
for (const [n, s] of sections.sort((a, b) => b[1] - a[1])) console.log(`  ${kb(s)}  ${n}`);
if (fnName.size) {
  console.log('code by crate:');
  for (const [k, s] of sum(crateOf).slice(0, TOP)) console.log(`  ${kb(s)}  ${k}`);
  console.log('code by module (3 levels):');
  for (const [k, s] of sum((p) => modOf(p, 3)).slice(0, TOP)) console.log(`  ${kb(s)}  ${k}`);
  const sorts = fns.filter(([n]) => /sort|merge|heapsort|quicksort|smallsort/i.test(demangle(n)) && /slice::sort|core::slice/.test(demangle(n)));
  console.log(`slice sort code: ${kb(sorts.reduce((a, [, s]) => a + s, 0))} in ${sorts.length} functions`);
  console.log('largest functions:');
  for (const [n, s] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${kb(s)}  ${demangle(n).slice(0, 150)}`);
}
