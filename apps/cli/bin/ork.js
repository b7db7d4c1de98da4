#!/usr/bin/env node
// The bundled CLI (one file, fast start); `npm run build` writes it next to the compiled modules.
import '../dist/ork.mjs';
