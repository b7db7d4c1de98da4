// The real decision for the direct benchmark: lib's deletion protection on the standalone
// gateway Katalog (examples/gateway), through answerAdmissionReview as apps/gateway calls it.
// The webhook server hands over parsed JSON, so the body is serialised once more here: the
// figure is a little pessimistic against the app, which reads the text itself.
import { readFileSync } from 'node:fs';
import { parseKatalog } from '@orkestra/lib';
import { answerAdmissionReview, decideDeletionProtection, planGatewayPolicy } from '@orkestra/lib/gateway';

const file = new URL('../../examples/gateway/katalog.yaml', import.meta.url).pathname;
const { katalog } = parseKatalog({ file, text: readFileSync(file, 'utf8') });
const policy = planGatewayPolicy(katalog, 'orkestra-system').deletion;
if (!policy) throw new Error(`${file}: deletion protection is not enabled`);

export function decide(review) {
  return answerAdmissionReview(JSON.stringify(review), (request) => decideDeletionProtection(request, policy)).body;
}
