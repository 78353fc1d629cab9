import { type ShellCommand, type ShellWord, tokenizeShell } from './shellTokens.js';
import type { UnsafeMatch } from './types.js';

/**
 * What a shell would run from text headed for one (`sink: 'shell'`): destructive commands,
 * downloads piped into interpreters, reverse shells, eval, world-writable or setuid modes,
 * writes to system paths, command substitution and chaining into any of these. Flags only.
 */

const INTERPRETERS: ReadonlySet<string> = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'mksh',
  'fish',
  'csh',
  'tcsh',
  'ash',
  'busybox',
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'node',
  'nodejs',
  'deno',
  'bun',
  'php',
  'lua',
  'pwsh',
  'powershell',
  'osascript',
  'tclsh',
]);
const SHELLS: ReadonlySet<string> = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'mksh',
  'fish',
  'csh',
  'tcsh',
  'ash',
]);
const FETCHERS: ReadonlySet<string> = new Set([
  'curl',
  'wget',
  'fetch',
  'aria2c',
  'http',
  'https',
  'lwp-download',
  'lynx',
  'nc',
  'ncat',
  'netcat',
  'telnet',
  'socat',
  'iwr',
  'invoke-webrequest',
]);
const DECODERS: ReadonlySet<string> = new Set([
  'base64',
  'base32',
  'xxd',
  'openssl',
  'gunzip',
  'zcat',
  'uudecode',
  'gzip',
  'bzip2',
  'xz',
  'rev',
  'tr',
]);
const NETCATS: ReadonlySet<string> = new Set(['nc', 'ncat', 'netcat', 'nc.traditional', 'nc.openbsd']);
const NETWORK: ReadonlySet<string> = new Set(['telnet', 'ssh', 'scp', 'sftp', 'ftp', 'rsync', 'tftp']);
/** Commands that only wrap the next one. Values: options that take an argument. */
const WRAPPERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['sudo', new Set(['-u', '-g', '-C', '-p', '-h', '-U', '-r', '-t', '-D'])],
  ['doas', new Set(['-u', '-C'])],
  ['env', new Set(['-u', '-C', '-S'])],
  ['nohup', new Set<string>()],
  ['time', new Set(['-o', '-f'])],
  ['nice', new Set(['-n'])],
  ['ionice', new Set(['-c', '-n', '-p'])],
  ['stdbuf', new Set(['-i', '-o', '-e'])],
  ['command', new Set<string>()],
  ['builtin', new Set<string>()],
  ['exec', new Set(['-a'])],
  ['timeout', new Set(['-s', '-k'])],
  ['xargs', new Set(['-I', '-n', '-P', '-d', '-E', '-L', '-s', '-a'])],
  ['watch', new Set(['-n', '-d'])],
  ['strace', new Set(['-o', '-e', '-p'])],
  ['then', new Set<string>()],
  ['do', new Set<string>()],
  ['else', new Set<string>()],
  ['if', new Set<string>()],
  ['while', new Set<string>()],
  ['until', new Set<string>()],
  ['!', new Set<string>()],
  ['{', new Set<string>()],
]);
const PRIVILEGE: ReadonlySet<string> = new Set(['sudo', 'doas', 'su', 'pkexec', 'runas']);
const DESTRUCTIVE: ReadonlySet<string> = new Set([
  'mkfs',
  'mke2fs',
  'mkswap',
  'wipefs',
  'shred',
  'fdisk',
  'sfdisk',
  'gdisk',
  'parted',
  'shutdown',
  'reboot',
  'halt',
  'poweroff',
  'killall5',
  'blkdiscard',
]);
/** Writing here changes the system, its users' logins or persistence. */
const SYSTEM_PREFIXES = [
  '/etc/',
  '/bin/',
  '/sbin/',
  '/usr/',
  '/lib',
  '/boot/',
  '/sys/',
  '/proc/sys',
  '/root/',
  '/var/spool/cron',
  '/var/lib/',
  '/dev/sd',
  '/dev/nvme',
  '/dev/hd',
  '/dev/vd',
  '/dev/mem',
  '/dev/kmem',
  '/dev/disk',
  '/dev/mmcblk',
  '~/.ssh',
  '$HOME/.ssh',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
  '${HOME}/.ssh',
  '~/.bashrc',
  '~/.bash_profile',
  '~/.profile',
  '~/.zshrc',
  '~/.config/autostart',
  '$HOME/.bashrc',
  '$HOME/.profile',
  '$HOME/.zshrc',
  '/Library/',
  '/System/',
];
const SYSTEM_FILES = [
  'authorized_keys',
  '.bashrc',
  '.zshrc',
  '.bash_profile',
  '.profile',
  'sudoers',
  'crontab',
  'passwd',
  'shadow',
];
const ROOTISH: ReadonlySet<string> = new Set([
  '/',
  '/*',
  '~',
  '~/',
  '~/*',
  '*',
  '.',
  './',
  '..',
  '$HOME',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
  '${HOME}',
  '$HOME/',
  '/home',
  '/etc',
  '/usr',
  '/var',
  '/boot',
  '/bin',
  '/lib',
  '/opt',
  '/root',
  '/srv',
]);

/** Confidences at or above this are "dangerous" enough for chaining into them to be reported. */
const CHAIN_WORTHY = 0.75;

function baseName(word: string): string {
  const slash = word.lastIndexOf('/');
  return (slash >= 0 ? word.slice(slash + 1) : word).toLowerCase();
}

function isAssignment(word: string): boolean {
  const eq = word.indexOf('=');
  if (eq <= 0) return false;
  for (let k = 0; k < eq; k++) {
    const cu = word.charCodeAt(k);
    const ok =
      cu === 0x5f ||
      (cu >= 0x41 && cu <= 0x5a) ||
      (cu >= 0x61 && cu <= 0x7a) ||
      (k > 0 && cu >= 0x30 && cu <= 0x39);
    if (!ok) return false;
  }
  return true;
}

interface Effective {
  readonly name: string;
  readonly nameWord: ShellWord;
  readonly args: readonly ShellWord[];
  readonly wrappers: readonly ShellWord[];
}

/** The command a word list runs once assignments and wrappers (sudo, env, nohup, …) are peeled off. */
function effective(words: readonly ShellWord[]): Effective | undefined {
  const wrappers: ShellWord[] = [];
  let k = 0;
  while (k < words.length) {
    const word = words[k]!;
    if (isAssignment(word.text)) {
      k++;
      continue;
    }
    const name = baseName(word.text);
    const takesArgument = WRAPPERS.get(name);
    if (takesArgument === undefined) break;
    wrappers.push(word);
    k++;
    // Options of the wrapper; `timeout` also takes a duration.
    while (k < words.length && (words[k]!.text.startsWith('-') || isAssignment(words[k]!.text))) {
      if (takesArgument.has(words[k]!.text)) k++;
      k++;
    }
    if (name === 'timeout' && k < words.length) k++;
  }
  const nameWord = words[k];
  if (nameWord === undefined) return undefined;
  return { name: baseName(nameWord.text), nameWord, args: words.slice(k + 1), wrappers };
}

/** Short flags (`-rf`) and long flags (`--force`) of an argument list. */
function flags(args: readonly ShellWord[]): { short: Set<string>; long: Set<string> } {
  const short = new Set<string>();
  const long = new Set<string>();
  for (const arg of args) {
    const text = arg.text;
    if (text.startsWith('--')) long.add(text.split('=')[0]!.toLowerCase());
    else if (text.startsWith('-') && text.length > 1)
      for (let k = 1; k < text.length && k < 24; k++) short.add(text[k]!);
  }
  return { short, long };
}

function isSystemPath(path: string): boolean {
  if (
    path === '/dev/null' ||
    path.startsWith('/dev/std') ||
    path.startsWith('/dev/tty') ||
    path.startsWith('/dev/fd/')
  )
    return false;
  for (const prefix of SYSTEM_PREFIXES) if (path.startsWith(prefix)) return true;
  const slash = path.lastIndexOf('/');
  const file = path.slice(slash + 1);
  return SYSTEM_FILES.includes(file) && (slash >= 0 || file === 'authorized_keys');
}

function isOctal(mode: string): boolean {
  if (mode.length < 3 || mode.length > 4) return false;
  for (let k = 0; k < mode.length; k++)
    if (mode.charCodeAt(k) < 0x30 || mode.charCodeAt(k) > 0x37) return false;
  return true;
}

/** Why a chmod mode (`777`, `4755`, `o+w`, `u+s`, …) is dangerous, if it is. */
function isModeDangerous(mode: string): string | undefined {
  if (isOctal(mode)) {
    const digits = mode.length === 4 ? mode : `0${mode}`;
    if (((digits.charCodeAt(0) - 0x30) & 6) !== 0) return 'setuid/setgid mode';
    if (((digits.charCodeAt(3) - 0x30) & 2) !== 0) return 'world-writable mode';
    return undefined;
  }
  for (const clause of mode.slice(0, 64).split(',')) {
    let k = 0;
    let others = false;
    while (k < clause.length && 'ugoa'.includes(clause[k]!)) {
      if (clause[k] === 'o' || clause[k] === 'a') others = true;
      k++;
    }
    const op = clause[k];
    if (op !== '+' && op !== '=') continue;
    const permissions = clause.slice(k + 1);
    if (permissions.includes('s')) return 'setuid/setgid mode';
    if (others && permissions.includes('w')) return 'world-writable mode';
  }
  return undefined;
}

interface Context {
  readonly commands: readonly ShellCommand[];
  readonly effective: readonly (Effective | undefined)[];
  readonly matches: UnsafeMatch[];
  readonly dangerous: boolean[];
}

function spanOf(command: ShellCommand): { start: number; end: number } {
  const first = command.words[0];
  const last = command.words[command.words.length - 1];
  let start = first?.start ?? command.opEnd;
  let end = last?.end ?? start;
  for (const redirect of command.redirects) {
    start = Math.min(start, redirect.target.start);
    end = Math.max(end, redirect.target.end);
  }
  return { start, end };
}

function report(
  context: Context,
  index: number,
  what: string,
  confidence: number,
  detail: string,
  span?: { start: number; end: number },
): void {
  const at = span ?? spanOf(context.commands[index]!);
  context.matches.push({
    type: `sink:shell:${what}`,
    start: at.start,
    end: at.end,
    confidence,
    label: 'UNSAFE_SHELL',
    detail,
  });
  if (confidence >= CHAIN_WORTHY) context.dangerous[index] = true;
}

function isDecoding(run: Effective): boolean {
  if (!DECODERS.has(run.name)) return false;
  const { short, long } = flags(run.args);
  switch (run.name) {
    case 'base64':
    case 'base32':
      return short.has('d') || short.has('D') || long.has('--decode');
    case 'xxd':
      return short.has('r');
    case 'openssl':
      return run.args.some((a) => a.text === '-d' || a.text === 'base64' || a.text === 'enc');
    case 'gzip':
    case 'bzip2':
    case 'xz':
      return short.has('d') || long.has('--decompress');
    default:
      return true;
  }
}

function checkCommand(context: Context, index: number): void {
  const command = context.commands[index]!;
  const run = context.effective[index];
  for (const wrapper of run?.wrappers ?? []) {
    if (PRIVILEGE.has(baseName(wrapper.text)))
      report(context, index, 'privilege', 0.5, baseName(wrapper.text), wrapper);
  }
  for (const redirect of command.redirects) {
    if (redirect.op.startsWith('>') || redirect.op.startsWith('&>')) {
      if (redirect.target.text.startsWith('/dev/tcp/') || redirect.target.text.startsWith('/dev/udp/')) {
        report(context, index, 'reverse-shell', 0.95, '/dev/tcp redirection', redirect.target);
      } else if (isSystemPath(redirect.target.text)) {
        report(
          context,
          index,
          'system-redirect',
          0.9,
          `write to ${redirect.target.text.slice(0, 60)}`,
          redirect.target,
        );
      }
    } else if (redirect.target.text.startsWith('/dev/tcp/') || redirect.target.text.startsWith('/dev/udp/')) {
      report(context, index, 'reverse-shell', 0.95, '/dev/tcp redirection', redirect.target);
    }
  }
  if (run === undefined) return;
  const { name, args } = run;
  if (PRIVILEGE.has(name)) report(context, index, 'privilege', 0.5, name, run.nameWord);
  for (const arg of args) {
    if (arg.text.includes('/dev/tcp/') || arg.text.includes('/dev/udp/'))
      report(context, index, 'reverse-shell', 0.9, '/dev/tcp', arg);
  }
  const { short, long } = flags(args);
  const operands = args.filter((a) => !a.text.startsWith('-'));
  switch (name) {
    case 'rm': {
      const recursive = short.has('r') || short.has('R') || long.has('--recursive');
      const force = short.has('f') || long.has('--force');
      const rootish = operands.some((a) => ROOTISH.has(a.text)) || long.has('--no-preserve-root');
      if (recursive) report(context, index, 'rm-rf', force || rootish ? 0.95 : 0.7, 'recursive delete');
      else if (rootish || operands.some((a) => isSystemPath(a.text)))
        report(context, index, 'destructive', 0.7, 'delete in a system path');
      return;
    }
    case 'dd':
      if (args.some((a) => a.text.startsWith('of=/dev/')))
        report(context, index, 'destructive', 0.95, 'dd to a device');
      return;
    case 'chmod': {
      const mode = operands[0]?.text ?? '';
      const why = isModeDangerous(mode);
      if (why !== undefined) {
        const broad =
          short.has('R') || operands.slice(1).some((a) => ROOTISH.has(a.text) || isSystemPath(a.text));
        report(context, index, 'permissions', broad ? 0.95 : 0.85, why);
      }
      return;
    }
    case 'chown':
      if (operands.slice(1).some((a) => ROOTISH.has(a.text) || isSystemPath(a.text)))
        report(context, index, 'permissions', 0.6, 'chown of a system path');
      return;
    case 'eval':
      report(context, index, 'eval', 0.85, 'eval');
      return;
    case 'source':
    case '.':
      if (
        operands.some(
          (a) =>
            a.text === '/dev/stdin' || a.text === '-' || a.text.startsWith('<(') || a.text.startsWith('$('),
        )
      ) {
        report(context, index, 'eval', 0.8, 'source of generated code');
      }
      return;
    case 'kill':
      if (
        operands.some((a) => a.text === '-1' || a.text === '1') &&
        (short.has('9') || args.some((a) => a.text === '-KILL'))
      ) {
        report(context, index, 'destructive', 0.8, 'kill every process');
      }
      return;
    case 'crontab':
      if (short.has('r')) report(context, index, 'destructive', 0.7, 'crontab -r');
      return;
    case 'init':
    case 'telinit':
      if (operands.some((a) => a.text === '0' || a.text === '6'))
        report(context, index, 'destructive', 0.8, `${name} ${operands[0]?.text}`);
      return;
    case 'tee':
      for (const operand of operands) {
        if (isSystemPath(operand.text))
          report(context, index, 'system-redirect', 0.9, `tee to ${operand.text.slice(0, 60)}`, operand);
      }
      return;
    case 'wget':
      report(context, index, 'download', 0.7, 'wget');
      return;
    case 'curl':
    case 'fetch':
    case 'aria2c': {
      const upload =
        short.has('d') ||
        short.has('F') ||
        short.has('T') ||
        [...long].some(
          (f) => f.startsWith('--data') || f === '--form' || f === '--upload-file' || f === '--json',
        );
      const output = short.has('o') || short.has('O') || long.has('--output') || long.has('--remote-name');
      if (upload) report(context, index, 'exfil', 0.75, `${name} sends data`);
      else if (output || name !== 'curl') report(context, index, 'download', 0.7, `${name} download`);
      else report(context, index, 'network', 0.4, name);
      return;
    }
    case 'socat':
      if (
        args.some(
          (a) => a.text.toLowerCase().startsWith('exec:') || a.text.toLowerCase().startsWith('system:'),
        )
      )
        report(context, index, 'reverse-shell', 0.9, 'socat exec');
      else report(context, index, 'network', 0.5, name);
      return;
  }
  if (NETCATS.has(name)) {
    if (
      short.has('e') ||
      short.has('c') ||
      long.has('--exec') ||
      long.has('--sh-exec') ||
      long.has('--lua-exec')
    ) {
      report(context, index, 'reverse-shell', 0.97, `${name} -e`);
    } else report(context, index, 'network', 0.5, name);
    return;
  }
  if (NETWORK.has(name)) {
    const remoteTarget =
      name !== 'ssh' && operands.length > 1 && operands[operands.length - 1]!.text.includes(':');
    report(context, index, remoteTarget ? 'exfil' : 'network', remoteTarget ? 0.6 : 0.4, name);
    return;
  }
  if (DESTRUCTIVE.has(name) || name.startsWith('mkfs.')) {
    report(context, index, 'destructive', 0.9, name);
    return;
  }
  if (INTERPRETERS.has(name)) {
    const inline = SHELLS.has(name)
      ? short.has('c')
      : short.has('c') || short.has('e') || long.has('--eval') || short.has('E');
    if (inline) report(context, index, 'eval', 0.6, `${name} with inline code`);
  }
}

/** Downloads or decoded payloads fed to an interpreter through a pipe or a substitution. */
function checkPipes(context: Context): void {
  const { commands, effective: runs } = context;
  for (let index = 0; index < commands.length; index++) {
    const run = runs[index];
    if (run === undefined) continue;
    const command = commands[index]!;
    if (INTERPRETERS.has(run.name) && command.pipedFrom >= 0) {
      const source = runs[command.pipedFrom];
      const strong =
        source !== undefined &&
        (FETCHERS.has(source.name) ||
          isDecoding(source) ||
          source.name === 'echo' ||
          source.name === 'printf');
      const span = { start: spanOf(commands[command.pipedFrom]!).start, end: spanOf(command).end };
      report(
        context,
        index,
        'pipe-to-shell',
        strong ? 0.97 : 0.6,
        `${source?.name ?? 'output'} | ${run.name}`,
        span,
      );
    }
    if (command.parent >= 0 && (FETCHERS.has(run.name) || isDecoding(run))) {
      const host = runs[command.parent];
      if (
        host !== undefined &&
        (INTERPRETERS.has(host.name) || host.name === 'eval' || host.name === 'source' || host.name === '.')
      ) {
        report(context, command.parent, 'pipe-to-shell', 0.95, `${host.name} runs ${run.name} output`);
      }
    }
  }
}

/** `:(){ :|:& };:` */
function checkForkBomb(text: string, matches: UnsafeMatch[]): void {
  const call = text.indexOf(':|:');
  if (call < 0) return;
  const definition = text.indexOf('(){');
  const spaced = text.indexOf('() {');
  if (definition < 0 && spaced < 0) return;
  matches.push({
    type: 'sink:shell:destructive',
    start: call,
    end: call + 3,
    confidence: 0.9,
    label: 'UNSAFE_SHELL',
    detail: 'fork bomb',
  });
}

/** Flags what `text` would do if a shell ran it. */
export function detectShellRisks(text: string): UnsafeMatch[] {
  const { commands, substitutions } = tokenizeShell(text);
  const context: Context = {
    commands,
    effective: commands.map((c) => effective(c.words)),
    matches: [],
    dangerous: commands.map(() => false),
  };
  for (let index = 0; index < commands.length; index++) checkCommand(context, index);
  checkPipes(context);
  for (const substitution of substitutions) {
    const kind = substitution.kind === '`' ? 'backticks' : `${substitution.kind}…)`;
    context.matches.push({
      type: 'sink:shell:command-substitution',
      start: substitution.start,
      end: substitution.end,
      confidence: 0.5,
      label: 'UNSAFE_SHELL',
      detail: kind,
    });
  }
  for (let index = 0; index < commands.length; index++) {
    const command = commands[index]!;
    const chained =
      command.op === ';' ||
      command.op === '&&' ||
      command.op === '||' ||
      command.op === '|' ||
      command.op === '|&' ||
      command.op === '&';
    if (chained && context.dangerous[index]) {
      const end = spanOf(command).end;
      context.matches.push({
        type: 'sink:shell:chaining',
        start: command.opStart,
        end,
        confidence: 0.8,
        label: 'UNSAFE_SHELL',
        detail: `${command.op} into a dangerous command`,
      });
    }
  }
  checkForkBomb(text, context.matches);
  return context.matches.sort((a, b) => a.start - b.start || a.end - b.end);
}
