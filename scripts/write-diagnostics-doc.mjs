// Regenerates spec/diagnostics.md from the catalogue in lib/src/diagnostics/codes.ts (run after npm run build).
import { CODES } from '../lib/dist/diagnostics/codes.js';
import { writeFileSync } from 'node:fs';
const groups = { ORK10: 'Reading the file', ORK11: 'Shape of the document', ORK12: 'Templates', ORK13: 'Cross-field rules', ORK20: 'RBAC and bundle', ORK50: 'Runtime', ORK15: 'Katalogs from an OCI registry (issue 19)', ORK51: 'Runtime: Katalogs from an OCI registry (issue 19)', ORK14: 'Admission rules (issue 15), versions and conversion (issue 18) in the Katalog', ORK31: 'Admission: `ork admit` input (issue 15)', ORK32: 'Conversion: `ork convert`, `/convert`, `ork migrate-storage` (issue 18)' };
let out = `# Diagnostics catalogue

Every problem Orkestra reports about its input is a diagnostic: a stable code, a severity, a
position (\`file:line:column\`), the dotted path inside the document, a message and a hint.
The CLI prints them the way compilers do, so editors and CI annotators can jump to them:

\`\`\`
katalog.yaml:12:9: error ORK1100: spec.crds.website.operatorBox.onCreate.deployments[0].replica: unknown field "replica"
    hint: did you mean "replicas"?
\`\`\`

\`ork validate -o json\` gives the same as data:
\`{"code", "severity", "file", "line", "column", "path", "message", "hint"}\`.

Codes are never renumbered. Ranges: \`ORK1xxx\` Katalog, \`ORK2xxx\` RBAC and bundle,
\`ORK3xxx\` admission, \`ORK4xxx\` certificates, \`ORK5xxx\` runtime. Exit codes: 0 valid
(warnings allowed), 1 at least one error, 2 usage or configuration error (no diagnostic: one line
and a hint on stderr).

The catalogue lives in \`lib/src/diagnostics/codes.ts\`; a test checks that this page lists
exactly its codes with the same severity.
`;
let last = '';
for (const [code, info] of Object.entries(CODES)) {
  const g = code.slice(0, 5);
  if (g !== last) { out += `\n## ${groups[g] ?? g}\n`; last = g; }
  out += `\n### ${code}: ${info.title}\n\nSeverity: ${info.severity}. Hint: ${info.hint}\n`;
}
writeFileSync(new URL('../spec/diagnostics.md', import.meta.url), out);
