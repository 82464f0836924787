#!/usr/bin/env node
// tsc leaves "@app/<lib>" imports as written; Node cannot resolve them. After a build, point each one at
// the compiled lib with a relative path, so dist/ runs with plain `node` and no resolver hooks.
const fs = require('node:fs');
const path = require('node:path');

const dist = path.resolve(__dirname, '..', 'dist');
const pattern = /require\("@app\/([a-z-]+)"\)/g;

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.js')) rewrite(full);
  }
}

function rewrite(file) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes('require("@app/')) return;
  const out = text.replace(pattern, (_, lib) => {
    let rel = path.relative(path.dirname(file), path.join(dist, 'libs', lib, 'src', 'index.js')).split(path.sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `require("${rel}")`;
  });
  fs.writeFileSync(file, out);
}

walk(dist);
