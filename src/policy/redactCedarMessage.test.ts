import { describe, expect, it } from 'vitest';
import { redactCedarMessage } from './redactCedarMessage.js';

describe('redactCedarMessage', () => {
  it('keeps names and action uids, hides values and entity ids', () => {
    expect(
      redactCedarMessage(
        'integer overflow while attempting to multiply the values `5` and `4611686018427387904`',
      ),
    ).toBe('integer overflow while attempting to multiply the values `…` and `…`');
    expect(redactCedarMessage('entity `Maestro::User::"bob@corp.example"` does not exist')).toBe(
      'entity `Maestro::User::"…"` does not exist',
    );
    expect(
      redactCedarMessage('context `{args: {n: "hunter2"}}` is not valid for `Maestro::Action::"tool:pay"`'),
    ).toBe('context `…` is not valid for `Maestro::Action::"tool:pay"`');
    expect(redactCedarMessage('attribute `claims.admin` on `Maestro::Agent` not found')).toBe(
      'attribute `claims.admin` on `Maestro::Agent` not found',
    );
    expect(redactCedarMessage('`"quoted \\` tick"` and `x`')).not.toContain('quoted');
  });
});

describe('redactCedarMessage with hostile ids', () => {
  it('hides ids that contain quotes or backticks', () => {
    const hostile = 'entity `Maestro::User::"a`secret`b\\"c"` does not exist';
    const redacted = redactCedarMessage(hostile);
    expect(redacted).toBe('entity `Maestro::User::"…"` does not exist');
  });
});
