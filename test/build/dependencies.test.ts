/**
 * What `npm ci` installs must run on every Node version package.json's `engines` admits (no
 * EBADENGINE warning, no package that quietly needs a newer Node), and the packages that had
 * security advisories stay at or above the releases that closed them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
}

const manifest = JSON.parse(readFileSync(`${REPO}package.json`, 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(`${REPO}package-lock.json`, 'utf8')) as { packages: Record<string, LockedPackage> };

/**
 * Releases below which a dependency is known vulnerable. @fastify/static 10.1.3 closed the 2026
 * path-traversal / route-guard advisories (GHSA-83w8-p2f5-377r, GHSA-423g-23ch-w7c6,
 * GHSA-8pvw-jcv7-9cmj, GHSA-x428-ghpx-8j92, GHSA-pr96-94w5-mx2h); tar 7.5.11 the 2026 hardlink and
 * symlink traversal ones (GHSA-8qq5-rm4j-mr97 … GHSA-9ppj-qmqm-q256).
 */
const ADVISORY_FLOORS: Record<string, string> = {
  '@fastify/static': '10.1.3',
  tar: '7.5.11',
};

const nodeRange = (engines: LockedPackage['engines']): string | undefined => (Array.isArray(engines) ? undefined : engines?.node);

describe('dependencies and engines', () => {
  test('this Node satisfies package.json engines', () => {
    assert.ok(semver.satisfies(process.versions.node, manifest.engines.node), `Node ${process.versions.node} is outside engines ${manifest.engines.node}`);
  });

  test('every locked package supports every Node version package.json engines admits', () => {
    const wanting = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, pkg]) => {
        const range = nodeRange(pkg.engines);
        return range && !semver.subset(manifest.engines.node, range) ? [`${path.replace(/^.*node_modules\//, '')}@${pkg.version} wants node ${range}`] : [];
      });
    assert.deepEqual(wanting, [], `package.json engines is "${manifest.engines.node}"`);
  });

  test('packages with advisories are at or above the releases that fixed them', () => {
    const below = Object.entries(lock.packages).flatMap(([path, pkg]) => {
      const name = path.replace(/^.*node_modules\//, '');
      const floor = ADVISORY_FLOORS[name];
      return floor && pkg.version && semver.lt(pkg.version, floor) ? [`${path}@${pkg.version} < ${floor}`] : [];
    });
    assert.deepEqual(below, []);
    assert.ok(Object.keys(lock.packages).some((path) => path.endsWith('node_modules/@fastify/static')), '@fastify/static is installed');
  });
});
