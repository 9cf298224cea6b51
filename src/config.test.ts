import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from './config.js';

describe('loadConfig', () => {
  it('defaults to embedded PGlite in ./data on 127.0.0.1:3000', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.database).toEqual({ engine: 'pglite', dataDir: path.resolve('/srv/app', 'data') });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.logLevel).toBe('info');
  });

  it('names PORT when it is not a number', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrowError(/PORT="abc"/);
    expect(() => loadConfig({ PORT: '70000' })).toThrowError(ConfigError);
  });

  it('names LOG_LEVEL and DATABASE_URL when they are wrong, both at once', () => {
    try {
      loadConfig({ LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/LOG_LEVEL/);
      expect(problems).toMatch(/DATABASE_URL/);
    }
  });

  it('never echoes a DATABASE_URL (it may hold a password)', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:secret@h/db' })).toThrowError(
      expect.objectContaining({ message: expect.not.stringContaining('secret') }) as Error,
    );
  });
});

describe('parseDatabaseUrl', () => {
  it.each([
    ['memory://', { engine: 'pglite', dataDir: null }],
    ['file:./x', { engine: 'pglite', dataDir: path.resolve('/w', 'x') }],
    ['file:/var/lib/ladder', { engine: 'pglite', dataDir: '/var/lib/ladder' }],
    ['postgres://u:p@h:5432/db', { engine: 'postgres', url: 'postgres://u:p@h:5432/db' }],
    ['postgresql://h/db', { engine: 'postgres', url: 'postgresql://h/db' }],
  ])('%s', (value, expected) => {
    expect(parseDatabaseUrl(value, '/w')).toEqual(expected);
  });

  it('rejects file: without a path', () => {
    expect(() => parseDatabaseUrl('file:')).toThrowError(/needs a path/);
  });
});

describe('TRUST_PROXY', () => {
  it('defaults to trusting no proxy', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it.each([
    ['true', true],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['127.0.0.1, 10.0.0.0/8 ,::1, fd00::/8', ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']],
  ])('reads %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['yes', '10.0.0.0/33', '10.0.0', 'loopback,proxy.internal', '::1/129', '-1'])(
    'stops start-up on %j, naming the variable',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrowError(/TRUST_PROXY=.*is not an address/);
    },
  );
});
