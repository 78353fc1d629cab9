import { ALNUM, BASE64URL, HEX, runEnd } from '../chars.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, rightBoundary } from './token.js';

/** Token prefixes from GitLab's "Token prefixes" table. */
const PREFIXES = [
  'glpat-',
  'gloas-',
  'gldt-',
  'glrt-',
  'glrtr-',
  'glcbt-',
  'glptt-',
  'glft-',
  'glimt-',
  'glagent-',
  'glsoat-',
  'glffct-',
  'glwt-',
  'GR1348941',
];
const SESSION = '_gitlab_session=';

/** GitLab tokens: a documented prefix + 20 or more base64url characters (routable tokens add `.` parts). */
export const gitlabDetector: AnchoredDetector = {
  name: 'gitlab',
  anchors: [...PREFIXES, SESSION].map((pattern) => ({ pattern })),
  onAnchor(text, start, anchor, emit) {
    if (anchor === PREFIXES.length) {
      const from = start + SESSION.length;
      const end = runEnd(text, from, HEX, 33);
      if (end - from !== 32 || !rightBoundary(text, end, ALNUM) || looksFake(text, from, end)) return;
      emit({ detector: 'gitlab-token', start: from, end, confidence: 0.8 });
      return;
    }
    if (!leftBoundary(text, start, ALNUM)) return;
    const from = start + PREFIXES[anchor]!.length;
    let end = runEnd(text, from, BASE64URL, 301);
    if (end - from < 20 || end - from > 300) return;
    // Routable tokens: `<payload>.<version>.<checksum>`; take at most two more dot-separated parts.
    for (let k = 0; k < 2 && text.charCodeAt(end) === 46; k++) {
      const next = runEnd(text, end + 1, ALNUM, 64);
      if (next === end + 1) break;
      end = next;
    }
    if (!rightBoundary(text, end, BASE64URL) || looksFake(text, from, end)) return;
    emit({ detector: 'gitlab-token', start, end, confidence: 0.9 });
  },
};
