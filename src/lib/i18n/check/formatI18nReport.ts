import type { I18nCheckReport } from '#lib/i18n/check/checkLanguages';
import type { I18nIssue } from '#lib/i18n/check/I18nIssue';

/** The report for people: issues grouped by language, then a one-line verdict. */
export function formatI18nReport(report: I18nCheckReport): string {
	const lines = [
		`Checked ${report.locales.length} language folder(s) in ${report.directory} against ${report.reference}: ${report.locales.join(', ') || 'none'}`
	];
	const byLocale = new Map<string, I18nIssue[]>();
	for (const found of report.issues) byLocale.set(found.locale, [...(byLocale.get(found.locale) ?? []), found]);
	for (const [locale, issues] of [...byLocale].sort(([a], [b]) => a.localeCompare(b))) {
		const errors = issues.filter((found) => found.severity === 'error').length;
		lines.push('', `${locale}: ${plural(errors, 'error')}, ${plural(issues.length - errors, 'warning')}`);
		for (const found of issues) lines.push(`  ${formatIssue(found)}`);
	}
	lines.push(
		'',
		report.ok ? `OK: ${plural(report.warnings, 'warning')}.` : `FAILED: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}.`
	);
	return `${lines.join('\n')}\n`;
}

export function formatIssue(found: I18nIssue): string {
	const where = found.namespace ? `${found.namespace}${found.key ? `:${found.key}` : '.json'}` : '';
	return [found.severity === 'error' ? 'error  ' : 'warning', `[${found.rule}]`, where, found.message].filter(Boolean).join(' ');
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
