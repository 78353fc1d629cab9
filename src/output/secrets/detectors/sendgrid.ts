import { BASE64URL } from '../chars.js';
import { looksFake } from '../fake.js';
import type { AnchoredDetector } from '../types.js';
import { leftBoundary, readBody } from './token.js';

/** SendGrid API keys: `SG.` + 22 base64url (key id) + `.` + 43 base64url (secret). */
export const sendgridDetector: AnchoredDetector = {
  name: 'sendgrid',
  anchors: [{ pattern: 'SG.' }],
  onAnchor(text, start, _anchor, emit) {
    if (!leftBoundary(text, start, BASE64URL)) return;
    const id = readBody(text, start + 3, BASE64URL, 22, 22);
    if (id < 0 || text.charCodeAt(id) !== 46) return;
    const end = readBody(text, id + 1, BASE64URL, 43, 43);
    if (end < 0 || looksFake(text, id + 1, end)) return;
    emit({ detector: 'sendgrid-api-key', start, end, confidence: 0.95 });
  },
};
