/**
 * How the end-to-end suite and the benchmark read `n8n execute --rawOutput`: the run is found
 * whatever n8n's logger prints around it (the failure a fresh machine showed: a line after the
 * JSON made the whole output unparseable, and the bench reported 0 of 1,000 orders issued).
 */
import { runFromExecuteOutput } from '../../e2e/lib/executeOutput';

const run = {
	data: {
		resultData: {
			runData: { Issue: [{ data: { main: [[{ json: { RtnCode: 1, RtnMsg: 'say "{" and }' } }, { json: { RtnCode: 1 } }]] } }] },
		},
	},
	finished: true,
	status: 'success',
};
const printed = JSON.stringify(run, null, 2);
const issued = (value: unknown) =>
	(value as typeof run | undefined)?.data.resultData.runData.Issue[0].data.main[0].filter((i) => i.json.RtnCode === 1).length;

describe('runFromExecuteOutput', () => {
	it('reads the run when it is all n8n printed', () => {
		expect(issued(runFromExecuteOutput(`${printed}\n`))).toBe(2);
	});

	it('skips warnings before the run and log lines after it', () => {
		const stdout = [
			'Permissions 0644 for n8n settings file /tmp/x/.n8n/config are too wide.',
			'Loading community package ...',
			printed,
			'Task runner stopped',
			'Stopping n8n...',
			'',
		].join('\n');
		expect(issued(runFromExecuteOutput(stdout))).toBe(2);
	});

	it('skips JSON log lines that are not a run, before and after it', () => {
		const log = JSON.stringify({ level: 'warn', message: 'deprecated {option}', data: { resultData: 'not in data' } });
		const stdout = `${log}\n${JSON.stringify({ data: { other: true } })}\n${printed}\n${log}\n`;
		expect(runFromExecuteOutput(stdout)).toEqual(run);
	});

	it('finds a run printed on one line and indented', () => {
		expect(runFromExecuteOutput(`before\n  ${JSON.stringify(run)} trailing text\n`)).toEqual(run);
	});

	it('answers undefined when there is no run, or it was cut off', () => {
		expect(runFromExecuteOutput('Execution was NOT successful. See log message for details.\n')).toBeUndefined();
		expect(runFromExecuteOutput(printed.slice(0, -40))).toBeUndefined();
		expect(runFromExecuteOutput('')).toBeUndefined();
	});
});
