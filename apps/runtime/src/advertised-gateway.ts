import type { Katalog } from '@orkestra/lib';

/**
 * The gateway endpoint the runtime advertises on /katalog: the Katalog's gateway.endpoint wins
 * over ORK_GATEWAY_ENDPOINT (the reference's precedence: Katalog, then environment); none when
 * the Katalog disables its gateway.
 */
export function advertisedGateway(katalog: Katalog | undefined, fromEnv: string | undefined): string | undefined {
  if (katalog?.gateway?.enabled === false) return undefined;
  return katalog?.gateway?.endpoint ?? fromEnv;
}
