import { expect } from 'chai';
import { stationId } from '#lib/config/stationId';
import { closestMatch } from '#lib/config/didYouMean';

describe('stationId', () => {
	it('GIVEN display names WHEN slugged THEN ids are lowercase ASCII with single dashes', () => {
		expect(stationId('BBC Radio 1')).to.equal('bbc-radio-1');
		expect(stationId('  FIP Électro  ')).to.equal('fip-electro');
		expect(stationId('Drum & Bass -- 24/7!')).to.equal('drum-and-bass-24-7');
	});

	it('GIVEN a name without ASCII letters or digits WHEN slugged THEN the id is a stable hash', () => {
		expect(stationId('ラジオ')).to.match(/^station-[0-9a-f]{8}$/);
		expect(stationId('ラジオ')).to.equal(stationId('ラジオ'));
		expect(stationId('ラジオ')).to.not.equal(stationId('ラジオ日本'));
	});
});

describe('closestMatch', () => {
	it('GIVEN a near miss WHEN matched THEN the intended key is suggested; unrelated words get nothing', () => {
		expect(closestMatch('aliasses', ['url', 'aliases', 'bitrate'])).to.equal('aliases');
		expect(closestMatch('bitrat', ['url', 'aliases', 'bitrate'])).to.equal('bitrate');
		expect(closestMatch('Format', ['format'])).to.equal('format');
		expect(closestMatch('colour', ['url', 'aliases', 'bitrate'])).to.equal(undefined);
	});
});
