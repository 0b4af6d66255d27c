/** A subject that needs a lead's approval before a reply about it goes out. */
export interface ApprovalTopic {
  name: string;
  terms: string[];
}

/** The workspace's social media policy as the desk enforces it on replies. */
export interface ReplyPolicy {
  /** A public reply (comment or mention) containing one of these is refused; in a private conversation they only warn. */
  blockTerms: string[];
  /** The reply goes out, carrying the terms found as `policyWarnings`. */
  warnTerms: string[];
  /** A reply containing one of a topic's terms, or in a conversation tagged with the topic's name, waits for a lead. */
  approvalTopics: ApprovalTopic[];
}

export interface ReplyPolicyView extends ReplyPolicy {
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}

export type ReplyVerdict = 'send' | 'warn' | 'hold' | 'block';

export interface ReplyEvaluation {
  /** block: refused; hold: stored, waiting for a lead; warn: sent with warnings; send: sent. */
  verdict: ReplyVerdict;
  /** Block terms found (in a private conversation they only warn). */
  blockTerms: string[];
  /** Warning terms found. */
  warnTerms: string[];
  /** What the message carries as `policyWarnings` when it is stored: warning terms, and block terms in private. */
  warnings: string[];
  /** Approval topics that apply, by name (also listed for a lead or admin, whose replies are not held). */
  topics: string[];
  /** The topics' terms found in the text. */
  topicTerms: string[];
  /** Why the reply is held or blocked, in words for the agent; null when it goes out. */
  reason: string | null;
}
