import { describe, expect, it } from 'vitest';
import { found } from './fixtures/found.js';

describe('IP_ADDRESS', () => {
  it('finds IPv4 and IPv6 addresses', () => {
    expect(found('server 192.168.0.1 is down', 'IP_ADDRESS')).toEqual(['192.168.0.1']);
    expect(found('|10.0.0.255|', 'IP_ADDRESS')).toEqual(['10.0.0.255']);
    expect(found('connect to 10.1.2.3:8080', 'IP_ADDRESS')).toEqual(['10.1.2.3']);
    expect(found('fe80::1 and ::1 and 2001:db8::8a2e:370:7334.', 'IP_ADDRESS')).toEqual([
      'fe80::1',
      '::1',
      '2001:db8::8a2e:370:7334',
    ]);
    expect(found('6e40:4041:c617:e898:c11:40d2:c669:2eb4', 'IP_ADDRESS')).toEqual([
      '6e40:4041:c617:e898:c11:40d2:c669:2eb4',
    ]);
    expect(found('mapped ::ffff:10.0.0.1 here', 'IP_ADDRESS')).toEqual(['::ffff:10.0.0.1']);
  });

  it('rejects out-of-range octets, leading zeros and longer dotted numbers', () => {
    for (const text of ['999.1.1.1', '10.0.0.256', '01.2.3.4', '1.2.3.4.5', '1.2.3', 'a1.2.3.4']) {
      expect(found(text, 'IP_ADDRESS'), text).toEqual([]);
    }
  });

  it('reports a bare 1.2.3.4 but not a version number', () => {
    expect(found('resolver at 1.2.3.4', 'IP_ADDRESS')).toEqual(['1.2.3.4']);
    for (const text of [
      'version 1.2.3.4',
      'v1.2.3.4',
      'Release 10.0.19041.1',
      'build 1.2.3.4',
      'ver. 1.2.3.4',
    ]) {
      expect(found(text, 'IP_ADDRESS'), text).toEqual([]);
    }
  });

  it('rejects colon runs that are not addresses', () => {
    for (const text of ['std::vector', 'dead::beef', '12:30:45', '00:1a:2b:3c:4d:5e', 'a::b::c', '::']) {
      expect(found(text, 'IP_ADDRESS'), text).toEqual([]);
    }
  });
});
