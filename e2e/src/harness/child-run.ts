// A minimal e2e run for cleanup.test.ts: start the control plane, use it, make scratch files,
// print the state dir, then wait; exits 0 after two seconds unless it is interrupted first.
import { controlPlane } from './control-plane.ts';
import { kubectlOk } from './kubectl.ts';
import { scratchDir } from './scratch.ts';

const cp = controlPlane();
kubectlOk(['get', 'namespaces']);
scratchDir('child');
process.stdout.write(`state ${cp.stateDir}\n`);
await new Promise((r) => setTimeout(r, 2000));
