// The real decision for the direct benchmark: lib's deletion protection on the standalone
// gateway Katalog (examples/gateway), through answerParsedReview as apps/gateway calls it.
import { readFileSync } from 'node:fs';
import { parseKatalog } from '@orkestra/lib';
import { answerParsedReview, decideDeletionProtection, planGatewayPolicy } from '@orkestra/lib/gateway';

const file = new URL('../../examples/gateway/katalog.yaml', import.meta.url).pathname;
const { katalog } = parseKatalog({ file, text: readFileSync(file, 'utf8') });
const policy = planGatewayPolicy(katalog, 'orkestra-system').deletion;
if (!policy) throw new Error(`${file}: deletion protection is not enabled`);

export function decide(review) {
  return answerParsedReview(review, (request) => decideDeletionProtection(request, policy)).body;
}
