import type { Severity } from './diagnostic.ts';

/** A catalogued diagnostic: its default severity, a short title and the hint shown to users. */
export interface CodeInfo {
  readonly severity: Severity;
  readonly title: string;
  readonly hint: string;
}

/**
 * The diagnostic catalogue. Codes are stable: never renumber, only add.
 * `spec/diagnostics.md` documents every entry; a test keeps the two in step.
 * ORK1xxx Katalog, ORK2xxx RBAC and bundle, ORK3xxx admission, ORK4xxx certificates, ORK5xxx runtime.
 */
export const CODES = {
  // Reading the file
  ORK1001: { severity: 'error', title: 'YAML syntax error', hint: 'Fix the YAML syntax at the position shown; a linter such as yamllint points at the same place.' },
  ORK1002: { severity: 'error', title: 'tab character in indentation', hint: 'YAML forbids tabs for indentation: indent with spaces.' },
  ORK1003: { severity: 'error', title: 'duplicate key', hint: 'Each key may appear once per mapping: remove or rename the repeated key.' },
  ORK1004: { severity: 'error', title: 'empty file', hint: 'Start from `ork init` or write a Katalog with apiVersion, kind, metadata and spec.' },
  ORK1005: { severity: 'error', title: 'more than one YAML document', hint: 'A Katalog is one document: remove the `---` separators or split the file.' },
  ORK1006: { severity: 'error', title: 'file too large', hint: 'A Katalog is read whole into memory; keep it under the limit by moving schemas into crdFile entries.' },
  ORK1007: { severity: 'error', title: 'too many YAML aliases', hint: 'The document expands aliases (*ref) beyond the safe limit; write the values out or use fewer aliases.' },
  ORK1008: { severity: 'error', title: 'document is not a mapping', hint: 'The top level of a Katalog must be a mapping with apiVersion, kind, metadata and spec.' },
  ORK1009: { severity: 'error', title: 'unsupported YAML feature', hint: 'Custom tags and complex keys are not allowed in a Katalog; use plain scalars, mappings and sequences.' },
  ORK1010: { severity: 'error', title: 'wrong apiVersion', hint: 'Set `apiVersion: orkestra.orkspace.io/v1`.' },
  ORK1011: { severity: 'error', title: 'not a Katalog', hint: 'Set `kind: Katalog`; other Orkestra document kinds are not read by this command.' },
  // Issue 12: input budgets
  ORK1012: { severity: 'error', title: 'nested too deeply', hint: 'A Katalog nests mappings and sequences at most 100 levels deep; flatten the structure (real Katalogs stay under 30).' },
  // Shape of the document
  ORK1100: { severity: 'error', title: 'unknown field', hint: 'Check the spelling against `spec/katalog.md`, or run `ork generate schema` for editor completion.' },
  ORK1101: { severity: 'error', title: 'wrong type', hint: 'Give the field a value of the type shown.' },
  ORK1102: { severity: 'error', title: 'missing required field', hint: 'Add the field shown.' },
  ORK1103: { severity: 'error', title: 'invalid value', hint: 'Use one of the allowed values shown.' },
  ORK1104: { severity: 'error', title: 'invalid name', hint: 'Names are DNS-1123 labels: lowercase letters, digits and `-`, starting and ending with a letter or digit, at most 63 characters.' },
  ORK1105: { severity: 'error', title: 'invalid API group', hint: 'A group is a DNS subdomain with at least one dot, such as `demo.example.com`.' },
  ORK1106: { severity: 'error', title: 'invalid plural', hint: 'A plural is a lowercase DNS-1035 label, such as `websites`.' },
  ORK1107: { severity: 'error', title: 'invalid kind', hint: 'A kind is CamelCase ASCII starting with an uppercase letter, such as `Website`.' },
  ORK1108: { severity: 'error', title: 'invalid duration', hint: 'Write durations as a number and a unit: 500ms, 30s, 5m, 2h, 30d or 2y.' },
  ORK1109: { severity: 'error', title: 'number out of range', hint: 'Use a value inside the range shown.' },
  ORK1110: { severity: 'error', title: 'invalid version', hint: 'A version looks like `v1`, `v1alpha1` or `v2beta3`.' },
  ORK1111: { severity: 'error', title: 'conflicting fields', hint: 'Keep one of the fields shown; they say the same thing in two ways.' },
  ORK1112: { severity: 'error', title: 'invalid condition', hint: 'A `when` condition is `{field, operator, value}`; operators are equals, notEquals, exists, notExists, in, notIn, gt, gte, lt, lte, contains and regex.' },
  ORK1113: { severity: 'error', title: 'invalid regular expression', hint: 'Patterns use RE2 syntax (as Go and CEL do) and run in linear time: no backreferences, lookahead or lookbehind.' },
  // Issue 12: names Kubernetes would refuse at apply
  ORK1114: { severity: 'error', title: 'name or label not accepted by Kubernetes', hint: 'Kubernetes limits names and label values: DNS labels and label values at most 63 characters, DNS subdomains at most 253; shorten the literal value.' },
  ORK1115: { severity: 'error', title: 'CRD name too long', hint: 'A CRD is named <plural>.<group>, a DNS subdomain of at most 253 characters; shorten the group or the plural.' },
  // Issue 14: conditions and parser honesty
  ORK1120: { severity: 'error', title: 'unknown condition operator', hint: 'Operators: equals, notEquals, contains, notContains, prefix, notPrefix, suffix, notSuffix, exists, notExists, gt, gte, lt, lte, in, notIn, regex, between, notBetween, unique, typeOf, typeMap, typeList, typeString, typeNumber, typeBool, typeNull (spec/katalog.md, Conditions).' },
  ORK1121: { severity: 'error', title: 'more than one operator in a condition', hint: 'A condition has one operator: `operator:` or one shorthand key such as `equals:`; split it into two conditions.' },
  ORK1122: { severity: 'error', title: 'condition value missing', hint: 'This operator compares the field with a value: give it one.' },
  ORK1123: { severity: 'warning', title: 'condition value not used', hint: 'exists, notExists, unique and the type operators take no value: remove it.' },
  ORK1124: { severity: 'error', title: 'condition value has the wrong type', hint: 'gt, gte, lt, lte compare numbers, between takes "min,max", typeOf takes a type name, and valueType says how values are read.' },
  ORK1125: { severity: 'error', title: 'condition cannot match the field type', hint: 'The CRD schema gives the field a type this condition can never match: compare it with a value of that type, or change the operator.' },
  ORK1126: { severity: 'error', title: 'condition field not readable', hint: 'A condition field is a dotted path starting with spec., status., metadata. or children., or a template.' },
  ORK1130: { severity: 'error', title: 'not supported by this version', hint: 'The reference implementation defines this field, but this version of Orkestra does not run it: remove it (see spec/katalog.md, Not supported).' },
  ORK1132: { severity: 'error', title: 'gateway disabled but needed', hint: 'Deletion and namespace protection are enforced by the gateway: remove gateway.enabled: false, or disable the protection.' },
  ORK1131: { severity: 'error', title: 'custom reconciler not supported', hint: 'default: false asks for a reconciler written in Go (a constructor or hooks), which needs code Orkestra does not run: remove it to use the declarative reconciler.' },
  // Templates
  ORK1200: { severity: 'error', title: 'template syntax error', hint: 'Templates use Go template syntax: `{{ .spec.field }}`, pipelines with `|`, and `{{ if }}...{{ else }}...{{ end }}`.' },
  ORK1201: { severity: 'error', title: 'unknown template function', hint: 'See `spec/templates.md` for the functions templates may call.' },
  ORK1202: { severity: 'error', title: 'template path not in the CRD schema', hint: 'Add the field to the CRD schema (`schema:` or `crdFile`), or fix the path; unknown paths render as empty.' },
  ORK1203: { severity: 'error', title: 'template type does not fit the field', hint: 'The field needs a value of the type shown: template a field of that type, or convert with `int`.' },
  ORK1204: { severity: 'error', title: 'template root not allowed', hint: 'Templates read `.metadata`, `.spec` and `.status` of the custom resource, its `.children`, and inside a forEach item `.item`, `.value` and the `as` name.' },
  ORK1205: { severity: 'error', title: 'wrong number of template arguments', hint: 'Check the function signature in `spec/templates.md`.' },
  ORK1206: { severity: 'warning', title: 'template in a key', hint: 'Map keys are never templated; only values are.' },
  // issue 14 (runtime): .children, forEach, observe.watch
  ORK1250: { severity: 'error', title: 'field not in the child kind', hint: 'A `.children` path reads a field the Kubernetes kind does not have; fix the spelling (the hint names the closest field).' },
  ORK1251: { severity: 'error', title: 'not a child kind', hint: '`.children` takes a kind in lowercase, singular for one child (`.children.deployment`) or plural with a name (`.children.jobs.<name>`).' },
  ORK1252: { severity: 'error', title: 'child kind not declared', hint: '`.children` reads only kinds this CRD creates; add the item, or read another kind.' },
  ORK1253: { severity: 'error', title: 'forEach field is not a list or a map', hint: '`forEach.field` names a list or a map of the custom resource, such as `spec.regions`.' },
  ORK1254: { severity: 'error', title: 'forEach name taken', hint: '`forEach.as` cannot be metadata, spec, status, children, item or value: those roots mean something already.' },
  ORK1255: { severity: 'error', title: 'forEach children share one name', hint: 'Every element must render its own name: use the element in `name`, such as `{{ .metadata.name }}-{{ .item }}`.' },
  ORK1256: { severity: 'error', title: 'invalid observe.watch keyFrom', hint: '`keyFrom` takes `label` (a label of the watched object naming the custom resource) or `name` (and optionally `namespace`), not both.' },
  ORK1257: { severity: 'error', title: 'duplicate observe.watch entry', hint: 'Two entries watch the same kind, namespace and name; merge them.' },
  // Cross-field rules
  ORK1300: { severity: 'error', title: 'unknown dependency', hint: 'dependsOn names other entries of `spec.crds` by their key.' },
  ORK1301: { severity: 'error', title: 'dependency cycle', hint: 'Break the cycle: a CRD cannot wait, directly or indirectly, on itself.' },
  ORK1302: { severity: 'error', title: 'duplicate custom resource type', hint: 'Two entries declare the same group and plural (or kind); each CRD must be declared once.' },
  ORK1303: { severity: 'error', title: 'crdFile cannot be read', hint: 'Give a path, relative to the Katalog, to a CustomResourceDefinition YAML file.' },
  ORK1304: { severity: 'error', title: 'missing apiTypes', hint: 'Give `apiTypes: {group, version, kind, plural}` or a `crdFile`.' },
  ORK1305: { severity: 'warning', title: 'nothing to run', hint: 'Add CRDs under `spec.crds`, or set `gateway.standalone: true` with a `security` block for a gateway-only install.' },
  ORK1306: { severity: 'error', title: 'standalone gateway without protection', hint: 'A standalone gateway needs a `security` block with deletionProtection or namespaceProtection.' },
  ORK1307: { severity: 'error', title: 'invalid child item', hint: 'See the child kind reference in `spec/katalog.md`.' },
  ORK1308: { severity: 'error', title: 'duplicate child name', hint: 'Two items of the same kind would produce objects with the same name; give one a different `name`.' },
  ORK1309: { severity: 'warning', title: 'dependency on a disabled CRD', hint: 'The dependency is disabled, so this CRD would never start: enable it or remove it from dependsOn.' },
  ORK1310: { severity: 'error', title: 'namespaced child of a cluster-scoped resource without a namespace', hint: 'A cluster-scoped custom resource has no namespace to lend its children: set `namespace:` on the item (it may be a template).' },
  ORK1311: { severity: 'error', title: 'duplicate protected namespace list entry', hint: 'A namespace cannot be both restricted and allowed.' },
  ORK1312: { severity: 'error', title: 'CRD schema is not structural', hint: 'Kubernetes requires a structural schema: give every object and array a `type`, avoid `$ref`, and do not combine `properties` with `additionalProperties`.' },
  ORK1313: { severity: 'warning', title: 'status field shadows a built-in status field', hint: 'Orkestra writes `conditions` and `observedGeneration` itself; pick another path.' },
  // Admission rules in the Katalog (issue 15; spec/gateway.md §6)
  ORK1400: { severity: 'error', title: 'validation rule without a message', hint: 'Give every validation rule a message: it is what the person whose request is refused reads.' },
  ORK1401: { severity: 'error', title: 'mutation rule needs one value', hint: 'A mutation rule has exactly one of default (set when the field is empty) and override (always set).' },
  ORK1402: { severity: 'error', title: 'mutation field cannot be written', hint: 'A mutation writes spec.<path>, metadata.labels.<key> or metadata.annotations.<key>, named by a dotted path.' },
  ORK1403: { severity: 'error', title: 'mutation value does not fit its valueType', hint: 'valueType says how the value is written (string, int, float, bool): give a value of that type, or remove valueType.' },
  ORK1404: { severity: 'error', title: 'webhooks with no operations', hint: 'List the operations the webhooks see (CREATE, UPDATE, DELETE, CONNECT), or remove operations for CREATE and UPDATE.' },
  ORK1405: { severity: 'warning', title: 'webhook switched on without rules', hint: 'The webhook has nothing to check for this CRD; add rules or remove the switch.' },
  ORK1406: { severity: 'warning', title: 'admission rules not enforced at admission', hint: 'The rules run at reconcile and in `ork admit`; to refuse requests before they are stored, set security.webhooks.admission.enabled: true (or gateway.webhooks.admission in the chart).' },
  ORK1407: { severity: 'warning', title: 'admission webhooks enabled without rules', hint: 'security.webhooks.admission is on, but no enabled CRD has validation or mutation rules: nothing is registered.' },
  ORK1408: { severity: 'warning', title: 'validation rule stays on the webhook in policy mode', hint: 'CEL cannot express this rule with the meaning Orkestra gives it, so the gateway\'s /validate webhook still checks it: keep the gateway running with admission webhooks on, or rewrite the rule in a form policy mode compiles (spec/gateway.md §8).' },
  // Versions and conversion (issue 18; spec/crd.md §9)
  ORK1450: { severity: 'error', title: 'version listed twice', hint: 'Each name appears once under versions.' },
  ORK1451: { severity: 'error', title: 'runtime version not served', hint: 'apiTypes.version is the version the runtime reads and writes: list it under versions with served: true.' },
  ORK1452: { severity: 'error', title: 'storage version unclear', hint: 'Exactly one version is stored: mark one with storage: true or name it in conversion.storageVersion (both must agree), and list it under versions.' },
  ORK1453: { severity: 'error', title: 'invalid deprecation warning', hint: 'deprecationWarning goes with deprecated: true and is printable text of at most 256 bytes (the API server refuses more).' },
  ORK1454: { severity: 'error', title: 'conversion path names an unknown version', hint: 'from and to name versions of this CRD (its versions list, or apiTypes.version and conversion.storageVersion).' },
  ORK1455: { severity: 'error', title: 'conversion path repeated or circular', hint: 'Give each from → to pair once, with from and to different.' },
  ORK1456: { severity: 'error', title: 'version cannot be converted', hint: 'Every served version must convert to the storage version and back, directly or through other versions: add the path named in the message.' },
  ORK1457: { severity: 'warning', title: 'field lost on a round trip', hint: 'A field one version has and the other cannot hold is lost when an object is converted there and back (every write through another version does it): keep the value in an annotation on the way out and read it back on the way in.' },
  ORK1458: { severity: 'error', title: 'conversion path reads a field the source version does not have', hint: 'The source version\'s schema has no such field, so the value is always empty: fix the path or add the field to that version\'s schema.' },
  ORK1459: { severity: 'error', title: 'conversion path writes a field the target version does not have', hint: 'The API server prunes fields the target schema does not define, so the value would be lost: fix the key or add the field to that version\'s schema.' },
  ORK1460: { severity: 'error', title: 'invalid annotation key', hint: 'An annotation key is a qualified name, such as demo.example.com/theme (an optional DNS prefix, a slash, and a name of at most 63 characters).' },
  ORK1461: { severity: 'error', title: 'conversion paths but no conversion webhook', hint: 'Conversion runs in the gateway\'s /convert: without it the API server cannot serve these objects in another version. Remove security.conversion.enabled: false (or set it to true).' },
  ORK1462: { severity: 'warning', title: 'versions differ without conversion', hint: 'Without conversion paths the API server only rewrites apiVersion, and fields a version does not define are pruned: give the versions the same schema or add conversion paths.' },
  ORK1463: { severity: 'warning', title: 'unserved version cannot be converted', hint: 'Objects stored as this version (status.storedVersions) can only be read through a conversion path to the storage version; add one, or migrate with ork migrate-storage before removing it.' },
  // Katalogs from an OCI registry (issue 19; spec/registry.md)
  ORK1500: { severity: 'error', title: 'invalid OCI reference', hint: 'Write oci://HOST[:PORT]/REPOSITORY:TAG or oci://HOST/REPOSITORY@sha256:<64 hex digits>.' },
  ORK1501: { severity: 'error', title: 'not found in the registry', hint: 'Check the repository and tag (oras repo tags HOST/REPO lists the tags); a digest must be the manifest\'s own.' },
  ORK1502: { severity: 'error', title: 'not a Katalog artifact', hint: 'The reference names another kind of artifact (an image, a chart, an index): point at a Katalog pushed with `ork push`.' },
  ORK1503: { severity: 'error', title: 'invalid manifest', hint: 'The manifest is not a valid OCI image manifest; push the Katalog again with `ork push`.' },
  ORK1504: { severity: 'error', title: 'no single Katalog layer', hint: 'A Katalog artifact has exactly one layer of type application/vnd.orkestra.katalog.layer.v1+yaml.' },
  ORK1505: { severity: 'error', title: 'content over the size limit', hint: 'The layer or manifest is larger than a Katalog may be; it was refused before it was downloaded.' },
  ORK1506: { severity: 'error', title: 'digest mismatch', hint: 'The content does not match its digest: the stored blob is corrupt or was changed on the way; do not use it, push again.' },
  ORK1507: { severity: 'error', title: 'registry authentication failed', hint: 'Log in (docker login / oras login) or fix the Docker config file; in a cluster, check the pull Secret.' },
  ORK1508: { severity: 'error', title: 'registry access denied', hint: 'The credentials are valid but may not read (or write) this repository.' },
  ORK1509: { severity: 'error', title: 'registry unavailable', hint: 'The registry did not answer or answered with a server error; check the host, the network, and try again.' },
  ORK1510: { severity: 'error', title: 'registry TLS verification failed', hint: 'The registry\'s certificate is not trusted: pass --ca-file (or ORK_REGISTRY_CA_FILE), or fix the certificate.' },
  ORK1511: { severity: 'error', title: 'plain HTTP refused', hint: 'Only a loopback registry may be spoken to in plain HTTP without --plain-http; pass --plain-http if the registry really has no TLS.' },
  ORK1512: { severity: 'error', title: 'invalid registry credentials', hint: 'Fix the Docker config file (~/.docker/config.json, DOCKER_CONFIG) or the credential helper it names.' },
  ORK1513: { severity: 'error', title: 'registry refused the request', hint: 'The registry answered with a client error; its message says why.' },
  ORK1514: { severity: 'error', title: 'Katalog layer is not text', hint: 'The Katalog layer must be UTF-8 YAML.' },
  // RBAC and bundle
  ORK2001: { severity: 'warning', title: 'Katalog manages RBAC objects', hint: 'Creating Roles or bindings needs `escalate` and `bind`, which let the runtime grant permissions it holds; review the roles it creates.' },
  ORK2002: { severity: 'error', title: 'unknown component', hint: 'Use --for with runtime, gateway and cc (comma-separated).' },
  ORK2003: { severity: 'warning', title: 'custom child resource inferred', hint: 'The plural of a custom child is guessed from its kind; set `plural:` on the item if the guess is wrong.' },
  ORK2004: { severity: 'warning', title: 'gateway requested without a gateway block', hint: 'The Katalog has no `gateway:` or `security:` block, so the gateway gets nothing to do; add one or drop `gateway` from --for.' },
  ORK2005: { severity: 'info', title: 'namespaced watch', hint: 'The CRD watches one namespace, so its permissions are namespaced Roles there.' },
  ORK2006: { severity: 'warning', title: 'runtime can read every Secret', hint: 'Secrets children make the runtime watch Secrets; give the CRD a `namespace:` to keep that to one namespace.' },
  ORK2007: { severity: 'warning', title: 'templated child namespace makes rules cluster-wide', hint: 'A child namespace known only at run time cannot be narrowed to a Role; use a literal namespace to keep the rules namespaced.' },
  // Admission: `ork admit` input (issue 15)
  ORK3100: { severity: 'error', title: 'custom resource file is not valid YAML', hint: 'Fix the YAML at the position shown; the file holds one custom resource as kubectl would apply it.' },
  ORK3101: { severity: 'error', title: 'not a custom resource', hint: 'The document must be a mapping with apiVersion, kind and metadata.name.' },
  ORK3102: { severity: 'error', title: 'custom resource of no Katalog CRD', hint: 'apiVersion (group/version) and kind must name an enabled CRD of the Katalog.' },
  ORK3103: { severity: 'error', title: 'more than one document', hint: 'Give one custom resource per file (no `---` separators).' },
  ORK3104: { severity: 'error', title: 'old object of another resource', hint: '--old must be the same custom resource (same kind, name and namespace) as stored before the update.' },
  // Conversion (issue 18; spec/gateway.md §7): ork convert, the gateway's /convert, ork migrate-storage
  ORK3200: { severity: 'error', title: 'no conversion path', hint: 'Add a path from the object\'s version to the one asked for (or a chain through other versions) under conversion.paths.' },
  ORK3201: { severity: 'error', title: 'version not defined', hint: 'Ask for a version the CRD lists; ork validate --full shows them.' },
  ORK3202: { severity: 'error', title: 'object of another resource', hint: 'The object\'s apiVersion group and kind must be those of a CRD of the Katalog.' },
  ORK3203: { severity: 'error', title: 'conversion template failed', hint: 'A template of the path could not be rendered for this object; the message names the field and why.' },
  ORK3204: { severity: 'error', title: 'invalid ConversionReview', hint: 'The body must be an apiextensions.k8s.io/v1 ConversionReview with request.uid, request.desiredAPIVersion and request.objects.' },
  ORK3205: { severity: 'error', title: 'not a custom resource', hint: 'Give custom resources as YAML (one or more documents), each with apiVersion, kind and metadata.name.' },
  ORK3206: { severity: 'error', title: 'storage migration incomplete', hint: 'Some objects could not be rewritten (see the messages); status.storedVersions was left as it was. Fix the cause and run ork migrate-storage again: it is safe to repeat.' },
  // Runtime
  ORK5001: { severity: 'error', title: 'invalid runtime configuration', hint: 'Fix the environment variable or flag named; durations need a unit (30s), and leader election needs leaseDuration > renewDeadline > retryPeriod × 1.2.' },
  ORK5002: { severity: 'warning', title: 'CRD not installed yet', hint: 'Apply the CRD (`ork generate crd | kubectl apply -f -`); the runtime starts the CRD when it appears.' },
  ORK5003: { severity: 'error', title: 'child cannot be planned for a custom resource', hint: 'A template, builder or status field failed for this custom resource; the Ready condition and a Warning event carry the detail.' },
  ORK5004: { severity: 'error', title: 'CRD degraded', hint: 'failureThreshold consecutive reconciles failed; /health answers 503 until one succeeds.' },
  ORK5005: { severity: 'warning', title: 'work queue full', hint: 'The CRD queue reached maxDepth and dropped a key; raise queue.maxDepth or workers.' },
  ORK5006: { severity: 'warning', title: 'leadership lost', hint: 'The Lease could not be renewed within renewDeadline, or another runtime holds it; this runtime stops reconciling.' },
  ORK5007: { severity: 'error', title: 'two items render the same child', hint: 'Give the items different names; both would write the same object.' },
  // issue 14 (runtime)
  ORK5020: { severity: 'warning', title: 'onDelete did not finish in time', hint: 'The finalizer stays and Ready says why (reason OnDeleteTimeout); fix what the onDelete Job waits for, or remove the finalizer by hand.' },
  ORK5021: { severity: 'warning', title: 'onDelete Job failed', hint: 'The custom resource is let go anyway; read the Job (it is garbage collected with the custom resource).' },
  ORK5022: { severity: 'error', title: 'forEach cannot expand', hint: 'The forEach field of this custom resource is a scalar, or has more elements than one item may expand to (1000).' },
  // Katalogs from an OCI registry at run time (issue 19; spec/registry.md §4)
  ORK5100: { severity: 'info', title: 'Katalog loaded from the registry', hint: 'The digest is on /katalog (source.digest).' },
  ORK5101: { severity: 'info', title: 'Katalog updated from the registry', hint: 'New CRDs started, removed ones stopped, changed ones restarted; nothing else was touched.' },
  ORK5102: { severity: 'error', title: 'new Katalog refused: invalid', hint: 'The runtime keeps the Katalog it runs; fix the Katalog (ork validate -f oci://...) and push again.' },
  ORK5103: { severity: 'error', title: 'new Katalog refused: RBAC not held', hint: 'Apply the bundle of the new Katalog (ork generate bundle -f oci://...@sha256:... | kubectl apply -f -); the runtime checks again on its next poll.' },
  ORK5104: { severity: 'warning', title: 'registry poll failed', hint: 'The runtime keeps the Katalog it runs and polls again; /health shows the last error.' },
  ORK5105: { severity: 'error', title: 'registry credentials refused', hint: 'Fix the pull Secret (runtime.registry.pullSecret); the runtime reads it again on its next poll.' },
  ORK5106: { severity: 'warning', title: 'cannot check the runtime\'s RBAC', hint: 'A SelfSubjectRulesReview failed; the new Katalog waits until the check can run.' },
} as const satisfies Record<string, CodeInfo>;

/** A diagnostic code from the catalogue. */
export type Code = keyof typeof CODES;
