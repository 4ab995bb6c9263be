import { expect } from 'chai';
import { HttpError } from '#lib/net/HttpError';

/** The HttpError `promise` rejects with; fails the test if it resolves or rejects with anything else. */
export async function httpError(promise: Promise<unknown>): Promise<HttpError> {
	const error = await promise.then(
		() => new Error('expected an HttpError'),
		(caught: unknown) => caught
	);
	expect(error).to.be.instanceOf(HttpError);
	return error as HttpError;
}
