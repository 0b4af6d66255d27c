import { checkReplyPolicy } from './check-reply-policy';
import { evaluateReply } from './evaluate-reply';
import type { ReplyPolicy } from './reply-policy';

const policy: ReplyPolicy = {
  blockTerms: ['idiot', 'class action'],
  warnTerms: ['guarantee', 'free'],
  approvalTopics: [
    { name: 'Legal', terms: ['lawyer', 'lawsuit', 'avvocato'] },
    { name: 'Refunds', terms: ['rimborso'] },
  ],
};

describe('evaluateReply', () => {
  it('sends a clean reply', () => {
    expect(evaluateReply(policy, { text: 'Thanks, see you soon!', kind: 'comment', tags: [] })).toEqual({
      verdict: 'send',
      blockTerms: [],
      warnTerms: [],
      warnings: [],
      topics: [],
      topicTerms: [],
      reason: null,
    });
  });

  it('blocks a public reply with a block term, whole words only, ignoring case and accents', () => {
    const blocked = evaluateReply(policy, { text: 'Only an IDIOT would join a Class-Action', kind: 'mention', tags: [] });
    expect(blocked).toMatchObject({ verdict: 'block', blockTerms: ['idiot', 'class action'] });
    expect(blocked.reason).toContain('"idiot"');
    expect(evaluateReply(policy, { text: 'idiotic', kind: 'comment', tags: [] }).verdict).toBe('send');
  });

  it('only warns about block terms in a private conversation', () => {
    expect(evaluateReply(policy, { text: 'Sorry, that idiot of a courier', kind: 'message', tags: [] })).toMatchObject({
      verdict: 'warn',
      blockTerms: ['idiot'],
      warnings: ['idiot'],
    });
  });

  it('warns with warning terms and still sends', () => {
    expect(evaluateReply(policy, { text: 'Free dessert, guaranteed... I guarantee it', kind: 'comment', tags: [] })).toMatchObject({
      verdict: 'warn',
      warnTerms: ['guarantee', 'free'],
      warnings: ['guarantee', 'free'],
    });
  });

  it('holds a reply touching an approval topic by a term or by the conversation tag', () => {
    const byTerm = evaluateReply(policy, { text: 'Our avvocato will call you', kind: 'message', tags: [] });
    expect(byTerm).toMatchObject({ verdict: 'hold', topics: ['Legal'], topicTerms: ['avvocato'] });
    expect(byTerm.reason).toBe('Needs a lead\'s approval: Legal (mentions "avvocato")');
    const byTag = evaluateReply(policy, { text: 'We are on it', kind: 'comment', tags: ['refunds', 'vip'] });
    expect(byTag).toMatchObject({ verdict: 'hold', topics: ['Refunds'], topicTerms: [] });
    expect(byTag.reason).toBe("Needs a lead's approval: Refunds (conversation tagged)");
  });

  it('lets a lead or admin reply on an approval topic (their reply is the approval), but not past a block', () => {
    expect(evaluateReply(policy, { text: 'The lawyer will call, free of charge', kind: 'comment', tags: [] }, { approver: true })).toMatchObject({
      verdict: 'warn',
      topics: ['Legal'],
      warnings: ['free'],
    });
    expect(evaluateReply(policy, { text: 'the lawyer called you an idiot', kind: 'comment', tags: [] }, { approver: true }).verdict).toBe('block');
  });

  it('blocks before holding', () => {
    expect(evaluateReply(policy, { text: 'lawsuit, idiot', kind: 'comment', tags: [] }).verdict).toBe('block');
  });
});

describe('checkReplyPolicy', () => {
  it('trims, drops repeats of the same words and keeps the rest as written', () => {
    expect(
      checkReplyPolicy({ blockTerms: [' Idiot ', 'idiot', 'ÎDIOT', 'scam'], approvalTopics: [{ name: ' Legal ', terms: ['Lawsuit', 'lawsuit'] }, { name: 'Press', terms: [] }] }),
    ).toEqual({
      ok: true,
      value: { blockTerms: ['Idiot', 'scam'], warnTerms: [], approvalTopics: [{ name: 'Legal', terms: ['Lawsuit'] }, { name: 'Press', terms: [] }] },
    });
  });

  it('names every problem', () => {
    expect(
      checkReplyPolicy({
        blockTerms: ['ok', '', 7, '!!!'],
        warnTerms: 'free',
        approvalTopics: [{ name: 'Legal', terms: ['x'] }, { name: 'légal', terms: 'x', extra: 1 }, 'Press'],
      }),
    ).toEqual({
      ok: false,
      problems: [
        'blockTerms[1] must be a text of 1 to 100 characters',
        'blockTerms[2] must be a text of 1 to 100 characters',
        'blockTerms[3] must contain a letter or digit (got "!!!")',
        'warnTerms must be a list of words or phrases',
        'approvalTopics[1].extra is not allowed',
        'approvalTopics[1].name repeats approvalTopics[0].name "légal"',
        'approvalTopics[1].terms must be a list of words or phrases',
        'approvalTopics[2] must be a topic {name, terms}',
      ],
    });
  });
});
