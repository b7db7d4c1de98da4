/**
 * Attempts per poll to reach a runtime's leader: behind a Service each request (keep-alive off)
 * may land on another replica, so a follower's answer is retried twice before it is used.
 */
export const LEADER_ATTEMPTS = 3;

/** True when an answer from a follower (`isLeader: false`) after `attempt` tries (1-based) should be retried. */
export function retryForLeader(isLeader: boolean | undefined, attempt: number): boolean {
  return isLeader === false && attempt < LEADER_ATTEMPTS;
}
