import type { Suite } from 'mocha';

/**
 * A mocha root-hook plugin (`--require dist/tests/support/reverseTestOrder.js`) that runs every suite's tests and
 * sub-suites in reverse order: an `it` that silently relied on an earlier one fails. The root `before` runs before the
 * runner reads any suite's lists, so reversing them in place there is enough. Used by runEachTestAlone.
 */
function reverse(suite: Suite): void {
	suite.tests.reverse();
	suite.suites.reverse();
	for (const child of suite.suites) reverse(child);
}

export const mochaHooks = {
	beforeAll(this: Mocha.Context) {
		let root = this.test?.parent;
		while (root?.parent) root = root.parent;
		if (root) reverse(root);
	}
};
