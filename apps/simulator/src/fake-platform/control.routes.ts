import type { BehaviourState } from './behaviour';
import { behaviourProblems } from './behaviour';
import type { Recorder } from './recorder';
import { isObject, json } from './request-params';
import type { Behaviour, FakeResponse, MentionedComment, YoutubeDataInput } from './types';

export interface ControlTarget {
  behaviour: BehaviourState;
  recorder: Recorder;
  reset(): void;
  youtube(data: YoutubeDataInput): void;
  mentions(map: Record<string, MentionedComment>): void;
}

const bad = (...problems: string[]): FakeResponse => json(400, { error: 'bad_request', problems });

const isList = (value: unknown): boolean => isObject(value) && Array.isArray(value.items);

function isMention(value: unknown): value is MentionedComment {
  return isObject(value) && typeof value.text === 'string' && typeof value.username === 'string' && typeof value.timestamp === 'string';
}

/**
 * /_control: the same levers as the programmatic API, for a fake run as its own process
 * (GET requests, GET|POST behaviour, POST reset, POST youtube, POST mentions).
 */
export function control(target: ControlTarget, method: string, action: string, body: unknown): FakeResponse {
  const key = `${method} ${action}`;
  switch (key) {
    case 'GET requests':
      return json(200, { items: target.recorder.requests });
    case 'GET behaviour':
      return json(200, { behaviour: target.behaviour.get() });
    case 'POST behaviour': {
      const problems = behaviourProblems(body);
      if (problems.length > 0) return bad(...problems);
      target.behaviour.merge(body as Behaviour);
      return json(200, { behaviour: target.behaviour.get() });
    }
    case 'POST reset':
      target.reset();
      return json(200, { reset: true });
    case 'POST youtube': {
      const threads = isObject(body) ? body.commentThreads : undefined;
      const comments = isObject(body) ? body.comments : undefined;
      const ok =
        (threads !== undefined || comments !== undefined) &&
        (threads === undefined || [threads].flat().every(isList)) &&
        (comments === undefined || isList(comments));
      if (!ok) return bad('expected {commentThreads?: list response | list response[], comments?: list response}');
      target.youtube(body as YoutubeDataInput);
      return json(200, { ok: true });
    }
    case 'POST mentions': {
      if (!isObject(body) || !Object.values(body).every(isMention)) return bad('expected {<commentId>: {text, username, timestamp}}');
      target.mentions(body as Record<string, MentionedComment>);
      return json(200, { ok: true });
    }
    default:
      return json(404, { error: 'not_found', message: `no control route ${key}` });
  }
}
