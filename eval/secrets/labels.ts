/**
 * Hand labels for the secret fixtures in `$MAESTRO_DATASETS/secrets/` (CredSweeper samples and
 * detect-secrets test files). CredSweeper's `data/output.json` is a tool's output, not a label
 * set: every line below was decided by reading the sample against the labelling rule in
 * `LABELLING_RULE`. Only file names and line numbers are stored here, never sample content.
 *
 * Line specs: `7` one line; `2-11` one credential spanning lines 2 to 11 (a PEM block); `1..50`
 * every line from 1 to 50, each its own credential; `@family` after an item overrides the file's
 * family. Lines not listed are negatives; `ignore` lines are left out of scoring.
 */

export const PROVIDER_FAMILIES = [
  'github',
  'aws',
  'slack',
  'stripe',
  'openai',
  'anthropic',
  'google',
  'npm',
  'pypi',
  'twilio',
  'sendgrid',
  'huggingface',
  'gitlab',
  'jwt',
  'private-key',
  'database-url',
] as const;

export const GENERIC_FAMILIES = ['url-credentials', 'password', 'generic-secret'] as const;

/** Providers maestro has no format rule for; only its generic detectors can find them. */
export const OTHER_FAMILY = 'other-provider';
/** Files with no credential theme (and this repository's own sources and docs). */
export const NONE_FAMILY = 'none';

export type ProviderFamily = (typeof PROVIDER_FAMILIES)[number];
export type Family =
  | ProviderFamily
  | (typeof GENERIC_FAMILIES)[number]
  | typeof OTHER_FAMILY
  | typeof NONE_FAMILY;

export interface FileLabel {
  /** Path relative to `<datasets>/secrets/`. */
  readonly file: string;
  /** The family the file is about: false positives in it are counted against this family. */
  readonly family: Family;
  readonly positive?: string;
  readonly ignore?: string;
  readonly note?: string;
}

export const LABELLING_RULE = `A line (or a block of lines such as a PEM key) is **positive** when it holds, as one contiguous
string in the text, a credential that is valid by its published format: the provider's prefix,
alphabet and length, and its checksum where one exists (GitHub, npm); a JWT whose header and
payload decode to JSON objects; a private key between BEGIN/END lines with a key-shaped body; a
URL with a non-placeholder password; or a value assigned to (or written right after) a key that
names a password, secret, token or API key. A line is **negative** when its candidate is a
documented example or stand-in (contains EXAMPLE/fake/dummy/xxxx, a 6-long ascending or
descending run such as 123456 or abcdef, or the credential's own name such as my-password), fails
the format (wrong length, alphabet or checksum), is an identifier that is public by design (Stripe
publishable keys, Google OAuth client ids, WeChat app ids, PostHog project keys, plain UUIDs),
is encrypted (encrypted PEM keys, SealedSecrets, Jasypt ENC(...)), is a hash of a secret, or is a
salt or nonce. CredSweeper's own verdict (its output file, the _n/_fp file names) was read as a
hint only; some _n files contain valid-format credentials and are labelled positive on those
lines. Values spread over byte or integer arrays, string concatenations across lines, or a whole
encoded blob (base64 of a PEM or YAML, gzip, zip attachments, MIME bodies) are **ignored**: a
text DLP cannot see them without decoding, and hits inside them are neither rewarded nor
punished. \`# pragma: allowlist secret\` comments do not make a secret negative (an output guard
must not honour an allowlist that the model can write).`;

const CS = 'credsweeper/samples/';
const DS = 'detect-secrets/';

export const EXCLUDED_FILES: readonly { readonly file: string; readonly why: string }[] = [
  {
    file: `${CS}test.html`,
    why: 'credentials in HTML table cells under header columns (CredSweeper --depth table mode)',
  },
  { file: `${CS}table.html`, why: 'same: a credentials table whose cells need their column header' },
  { file: 'credsweeper/data/output.json', why: "CredSweeper's output, not a sample" },
  { file: 'credsweeper/LICENSE', why: 'licence text' },
  { file: 'detect-secrets/LICENSE', why: 'licence text' },
];

export const FILE_LABELS: readonly FileLabel[] = [
  { file: `${CS}1password`, family: 'other-provider', positive: '1' },
  { file: `${CS}LS0t_n`, family: 'private-key', ignore: '1', note: 'base64 of an encrypted PEM key' },
  {
    file: `${CS}LS0t_p`,
    family: 'private-key',
    ignore: '1',
    note: 'base64 of a YAML file holding a PEM key',
  },
  { file: `${CS}age-secret-key`, family: 'other-provider', positive: '1' },
  { file: `${CS}akamai`, family: 'other-provider', positive: '1' },
  { file: `${CS}alibaba`, family: 'other-provider', positive: '1' },
  { file: `${CS}antrhropic`, family: 'anthropic', positive: '1', note: 'line 2 ends in 76543210' },
  { file: `${CS}api.toml`, family: 'generic-secret', positive: '1' },
  { file: `${CS}atlassian_pat`, family: 'other-provider', positive: '1,2,3,4' },
  { file: `${CS}auth.hs`, family: 'generic-secret', positive: '1,2,3,4' },
  {
    file: `${CS}auth_n.template`,
    family: 'generic-secret',
    positive: '8,9',
    note: 'Basic and Bearer headers',
  },
  {
    file: `${CS}aws_client_id`,
    family: 'aws',
    positive: '1,4,8@other-provider,9@other-provider,11@other-provider',
    note: 'line 3 is an EXAMPLE key; 8, 9 Bedrock keys; 11 an AppSync key',
  },
  { file: `${CS}aws_mws_key`, family: 'other-provider', positive: '1' },
  { file: `${CS}aws_multi.json`, family: 'aws', positive: '3,4,28,52,53' },
  { file: `${CS}aws_multi.md`, family: 'aws', positive: '7,8,9' },
  { file: `${CS}aws_multi_fp`, family: 'aws' },
  { file: `${CS}aws_s3_bucket`, family: 'other-provider' },
  {
    file: `${CS}azure_access_token`,
    family: 'jwt',
    positive: '1,2,5@other-provider',
    note: 'two Entra access tokens; line 5 a storage key',
  },
  { file: `${CS}azure_secret_value`, family: 'other-provider', positive: '1' },
  { file: `${CS}bad.xml`, family: 'none' },
  { file: `${CS}binary.yml`, family: 'generic-secret', positive: '16-17', ignore: '2-15' },
  { file: `${CS}bitbuckert_http_access_token`, family: 'other-provider', positive: '1' },
  { file: `${CS}bitbucket_app_password`, family: 'other-provider', positive: '1' },
  { file: `${CS}bitbucket_repository_access_token`, family: 'other-provider', positive: '1' },
  { file: `${CS}brevo`, family: 'other-provider', positive: '1' },
  { file: `${CS}clojars`, family: 'other-provider', positive: '2' },
  { file: `${CS}cloudflare`, family: 'other-provider', positive: '2,3,4' },
  { file: `${CS}cmd_credential`, family: 'password', positive: '1,2,3,4@generic-secret,7@generic-secret' },
  { file: `${CS}cmd_secure_string`, family: 'password', positive: '1,2' },
  { file: `${CS}credential.hs`, family: 'generic-secret', positive: '1' },
  { file: `${CS}curl_user_password`, family: 'password', positive: '1' },
  { file: `${CS}databricks`, family: 'other-provider', positive: '1' },
  { file: `${CS}deepseek`, family: 'other-provider', positive: '1' },
  { file: `${CS}defined_networking`, family: 'other-provider', positive: '1' },
  { file: `${CS}digital_ocean_oauth_access_token`, family: 'other-provider', positive: '1' },
  { file: `${CS}digital_ocean_pat`, family: 'other-provider', positive: '1' },
  { file: `${CS}discord_bot_token`, family: 'other-provider', positive: '1' },
  { file: `${CS}discord_webhook`, family: 'other-provider', positive: '1' },
  { file: `${CS}doc_credentials_n`, family: 'password' },
  { file: `${CS}doc_credentials_p`, family: 'password', positive: '1,2@other-provider,3,4@generic-secret' },
  { file: `${CS}doc_get_n`, family: 'password' },
  { file: `${CS}doc_get_p`, family: 'password', positive: '1..5' },
  { file: `${CS}doc_id_pair_passwd_pair`, family: 'password', positive: '1..50,52..99,102' },
  { file: `${CS}doc_id_passwd_pair`, family: 'password', positive: '1..13,15..30' },
  { file: `${CS}doc_ip_id_password_triple`, family: 'password', positive: '1..5' },
  { file: `${CS}doc_passwd_pair`, family: 'password', positive: '1..21,23..53' },
  { file: `${CS}doc_secret_pair`, family: 'generic-secret', positive: '1..16,18..36' },
  { file: `${CS}doc_various`, family: 'password', positive: '2..29,31..42,44..79,82..109' },
  { file: `${CS}docker`, family: 'other-provider', positive: '1,3,4,6' },
  { file: `${CS}doppler`, family: 'other-provider', positive: '1' },
  { file: `${CS}drawio`, family: 'password', positive: '13,16,34' },
  { file: `${CS}dropbox_api_secret_long_term`, family: 'other-provider', positive: '1' },
  { file: `${CS}dropbox_app_secret`, family: 'other-provider', positive: '1' },
  { file: `${CS}dropbox_oauth_token`, family: 'other-provider', positive: '1' },
  { file: `${CS}dynatrace_api.hs`, family: 'other-provider', positive: '1' },
  { file: `${CS}encoded_data`, family: 'generic-secret', ignore: '1-11' },
  { file: `${CS}encrypted_credential`, family: 'generic-secret' },
  { file: `${CS}facebook_key`, family: 'other-provider', positive: '1,2' },
  { file: `${CS}false_positive`, family: 'none' },
  { file: `${CS}figma`, family: 'other-provider', positive: '1,2' },
  { file: `${CS}firebase_domain`, family: 'other-provider' },
  { file: `${CS}github_app_install_token`, family: 'github', positive: '1' },
  { file: `${CS}github_classic_token`, family: 'github', positive: '1', note: 'line 2 fails the CRC-32' },
  { file: `${CS}github_fine_granted_token`, family: 'github', positive: '2' },
  { file: `${CS}gitlab_prefix_token`, family: 'gitlab', positive: '2..16,18' },
  { file: `${CS}google_creds`, family: 'google', positive: '1..4' },
  {
    file: `${CS}google_multi`,
    family: 'google',
    positive: '4,18',
    note: 'lines 2 and 18 also hold public client ids',
  },
  { file: `${CS}grafana_access_policy_token`, family: 'other-provider', positive: '1' },
  { file: `${CS}grafana_provisioned_api_key`, family: 'other-provider', positive: '1' },
  {
    file: `${CS}grafana_service_accounts`,
    family: 'other-provider',
    positive: '1',
    note: 'line 1 carries a valid CRC-32 (like the all-zero GitHub token); line 2 has an undocumented prefix',
  },
  { file: `${CS}groq_api_key`, family: 'other-provider', positive: '1,2,3' },
  { file: `${CS}hashicorp`, family: 'other-provider', positive: '1,2' },
  { file: `${CS}heroku`, family: 'other-provider', positive: '1,2' },
  { file: `${CS}huggingface`, family: 'huggingface', positive: '1,2' },
  { file: `${CS}instagram_access_token`, family: 'other-provider', positive: '1' },
  { file: `${CS}iso_ir_111.patch`, family: 'password', positive: '10' },
  { file: `${CS}jfrog_n`, family: 'other-provider' },
  { file: `${CS}jfrog_p`, family: 'other-provider', positive: '1,2' },
  { file: `${CS}jira_confluence_pat`, family: 'other-provider', positive: '1,2' },
  { file: `${CS}json_web_key`, family: 'other-provider', positive: '1' },
  {
    file: `${CS}json_web_token`,
    family: 'jwt',
    positive: '1',
    note: 'line 2 payload is not JSON; line 3 signature is an example',
  },
  { file: `${CS}jwk.json`, family: 'other-provider', positive: '4,10,16' },
  { file: `${CS}key.go`, family: 'private-key', positive: '1-7' },
  {
    file: `${CS}key.php`,
    family: 'generic-secret',
    positive: '1-2,3@password,4@other-provider,5@other-provider',
  },
  { file: `${CS}key.py`, family: 'private-key', positive: '7@generic-secret,9-15', ignore: '1-5' },
  { file: `${CS}key_value.json`, family: 'generic-secret', positive: '3' },
  { file: `${CS}linear_api_key`, family: 'other-provider', positive: '1' },
  { file: `${CS}llama`, family: 'other-provider', positive: '1,2' },
  { file: `${CS}mailchimp_key`, family: 'other-provider', positive: '1' },
  { file: `${CS}mailgun`, family: 'other-provider', positive: '1,2' },
  { file: `${CS}multifile.patch`, family: 'aws', positive: '45,46', ignore: '20-23,33' },
  { file: `${CS}multiline.patch`, family: 'aws', positive: '8,9' },
  { file: `${CS}netlify`, family: 'other-provider', positive: '1' },
  { file: `${CS}newrelic`, family: 'other-provider', positive: '1..6' },
  { file: `${CS}nkey_seed`, family: 'other-provider', positive: '1-3' },
  { file: `${CS}nonce.py`, family: 'password', positive: '3,7-8@generic-secret,11-12@generic-secret' },
  { file: `${CS}notion`, family: 'other-provider', positive: '1' },
  { file: `${CS}npm`, family: 'npm', positive: '2', note: 'line 1 fails the CRC-32' },
  { file: `${CS}ntlm`, family: 'other-provider', positive: '1' },
  { file: `${CS}nuget_api_key`, family: 'other-provider', positive: '1' },
  { file: `${CS}open_ai_token`, family: 'openai', positive: '2,3' },
  { file: `${CS}pass_filtered`, family: 'password', note: 'a hex literal and a my-client-password stand-in' },
  { file: `${CS}passwd.groovy`, family: 'password', positive: '1,2' },
  { file: `${CS}password.gradle`, family: 'password', positive: '1' },
  { file: `${CS}password.patch`, family: 'password', positive: '9' },
  { file: `${CS}password.tfvars`, family: 'password', positive: '1' },
  { file: `${CS}password_FALSE`, family: 'password', ignore: '8-9' },
  {
    file: `${CS}password_TRUE`,
    family: 'password',
    positive: '1..8,12,15,18,19,21,23,25,29,31..41',
    ignore: '16',
  },
  { file: `${CS}password_utf16.patch`, family: 'password', positive: '10' },
  { file: `${CS}password_western.patch`, family: 'password', positive: '9' },
  { file: `${CS}paypal_key`, family: 'other-provider', positive: '1' },
  { file: `${CS}pem_key`, family: 'private-key', positive: '2-11,14,35-67' },
  { file: `${CS}pem_key.n.encrypted.1`, family: 'private-key' },
  { file: `${CS}pem_key.n.encrypted.2`, family: 'private-key' },
  { file: `${CS}pem_key.p.code`, family: 'private-key', positive: '1-10' },
  { file: `${CS}pem_key.p.docker.log`, family: 'private-key', positive: '2-107' },
  { file: `${CS}pem_key.p.docker.log.json`, family: 'private-key', positive: '1' },
  { file: `${CS}pem_key.p.ec`, family: 'private-key', positive: '1-5' },
  { file: `${CS}pem_key.p.go`, family: 'private-key', positive: '1-5' },
  { file: `${CS}pem_key.p.java`, family: 'private-key', positive: '3-12,16-25' },
  { file: `${CS}pem_key.p.log`, family: 'private-key', positive: '2-72' },
  { file: `${CS}pem_key.p.log.json`, family: 'private-key', positive: '1' },
  { file: `${CS}pem_key.p.rsa`, family: 'private-key', positive: '1-10' },
  { file: `${CS}perplexity`, family: 'other-provider', positive: '1' },
  { file: `${CS}picatic_key`, family: 'other-provider', positive: '1' },
  { file: `${CS}planetscale`, family: 'other-provider', positive: '1,2,3' },
  { file: `${CS}posthog`, family: 'other-provider', positive: '2..5', note: 'phc_ is a public project key' },
  { file: `${CS}postman`, family: 'other-provider', positive: '1,2' },
  { file: `${CS}pretty.html`, family: 'generic-secret', positive: '79,80,147@password' },
  { file: `${CS}pwd.gradle`, family: 'password', positive: '1' },
  { file: `${CS}pypi_token`, family: 'pypi', positive: '1' },
  { file: `${CS}rubygems`, family: 'other-provider', positive: '1' },
  { file: `${CS}salesfoce`, family: 'other-provider', positive: '3,4' },
  { file: `${CS}salt.hs`, family: 'none' },
  { file: `${CS}salt.py`, family: 'none' },
  {
    file: `${CS}sample.c`,
    family: 'password',
    positive: '16@generic-secret,17..21',
  },
  { file: `${CS}sample.cc`, family: 'generic-secret', positive: '3-4', ignore: '5-11' },
  { file: `${CS}sample.csv`, family: 'password', positive: '3,4,5-8' },
  { file: `${CS}sample.h`, family: 'generic-secret', ignore: '2-3' },
  { file: `${CS}sample.html`, family: 'password', positive: '9@generic-secret,16,21,24' },
  {
    file: `${CS}sample.py`,
    family: 'generic-secret',
    positive: '8-9,11-12,14-15,29-31,33-36',
    ignore: '17-18,20-21,23-24,26-27,38-39',
    note: 'string literals on continuation lines',
  },
  { file: `${CS}sample.spec`, family: 'password', positive: '1,2@generic-secret' },
  { file: `${CS}sample.tm7`, family: 'password', positive: '5', note: 'line 3 is a base64 image value' },
  {
    file: `${CS}sealed_secrets.yaml`,
    family: 'generic-secret',
    note: 'SealedSecret ciphertexts are safe to publish',
  },
  {
    file: `${CS}secret.go`,
    family: 'generic-secret',
    positive: '1@password,7-13@private-key,17,18,19,20',
    ignore: '3',
  },
  { file: `${CS}secret.groovy`, family: 'generic-secret', positive: '1' },
  { file: `${CS}sendgrid_api_key`, family: 'sendgrid', note: 'wrong part lengths' },
  { file: `${CS}sentry`, family: 'other-provider', positive: '1,2' },
  { file: `${CS}shopify_token`, family: 'other-provider', positive: '1' },
  { file: `${CS}slack_token.hs`, family: 'slack', positive: '1..4' },
  { file: `${CS}slack_webhook.template`, family: 'slack', positive: '1' },
  { file: `${CS}sonarqube`, family: 'other-provider', positive: '1,2', note: 'line 3 holds abcdef' },
  { file: `${CS}sql_password`, family: 'password', positive: '1..6,8..30,32' },
  { file: `${CS}square_access_token`, family: 'other-provider', positive: '1' },
  { file: `${CS}square_client_id`, family: 'other-provider', positive: '1' },
  { file: `${CS}square_oauth_secret`, family: 'other-provider', positive: '1' },
  {
    file: `${CS}stripe_credentials`,
    family: 'stripe',
    positive: '4,5,7,8,9,10',
    note: 'lines 3 and 6 are publishable keys',
  },
  { file: `${CS}struct.json`, family: 'password', positive: '3-4' },
  { file: `${CS}supabase`, family: 'other-provider', positive: '2,3' },
  { file: `${CS}telegram_api_key`, family: 'other-provider', positive: '1' },
  { file: `${CS}test.eml`, family: 'password', ignore: '15-18' },
  { file: `${CS}test2.eml`, family: 'other-provider', positive: '18', ignore: '27-31' },
  { file: `${CS}together`, family: 'other-provider', positive: '1,2' },
  {
    file: `${CS}token.toml`,
    family: 'generic-secret',
    positive: '1,2,4',
    note: 'line 3: tokenized, not a token',
  },
  { file: `${CS}tvly`, family: 'other-provider', positive: '1' },
  { file: `${CS}twilio_credentials_n`, family: 'twilio' },
  { file: `${CS}twilio_credentials_p`, family: 'twilio', positive: '1,2' },
  { file: `${CS}twitter-x`, family: 'other-provider', positive: '1' },
  {
    file: `${CS}url_cred.js`,
    family: 'url-credentials',
    positive: '1,3@generic-secret,10@generic-secret,13,19@generic-secret,21@password,25@database-url',
  },
  { file: `${CS}uuid`, family: 'none' },
  { file: `${CS}uuid-update.patch`, family: 'none' },
  { file: `${CS}vercel`, family: 'other-provider', positive: '1' },
  { file: `${CS}wechat_f`, family: 'other-provider' },
  { file: `${CS}wechat_p`, family: 'other-provider', note: 'app ids are public identifiers' },
  { file: `${CS}wundergraph`, family: 'other-provider', positive: '1' },
  { file: `${CS}xai`, family: 'other-provider', positive: '1' },
  {
    file: `${CS}xml_data.xml`,
    family: 'private-key',
    positive: '3-11,12-15@generic-secret,16-19@generic-secret',
  },
  { file: `${CS}xml_password.xml`, family: 'password', positive: '5,9' },
  {
    file: `${CS}Sample.java`,
    family: 'private-key',
    positive: '35-42',
    note: 'lines 47-57: encrypted PKCS#8',
  },
  { file: `${DS}config2.yaml`, family: 'generic-secret', positive: '2' },
  { file: `${DS}config.env`, family: 'generic-secret', positive: '1' },
  {
    file: `${DS}config.ini`,
    family: 'generic-secret',
    positive: '2@password,26@password,32',
    note: 'line 10: 23456789 run',
  },
  { file: `${DS}config.md`, family: 'generic-secret', positive: '10' },
  { file: `${DS}config.yaml`, family: 'generic-secret', positive: '12,13' },
  { file: `${DS}each_secret.py`, family: 'generic-secret', positive: '4,5' },
  { file: `${DS}files/file_with_secrets.py`, family: 'generic-secret', positive: '3,4' },
  { file: `${DS}files/tmp/file_with_secrets.py`, family: 'generic-secret', positive: '3' },
  { file: `${DS}files/private_key`, family: 'private-key', note: 'body is a sentence, not a key' },
];
