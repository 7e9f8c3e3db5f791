import { isValidDate, type RuleId } from '../../protocol/rules/field';
import { taiwanDate, validateIssue, type IssueRuleContext } from '../../protocol/rules/issue';
import { LINE_FIELDS } from '../../protocol/rules/issueFields';
import { ISSUE_TYPES } from '../../protocol/rules/issueTypes';

const TICKET_PRICE_MAX = LINE_FIELDS.find((f) => f.wire === 'TicketPrice')?.range?.max as number;

/**
 * One test per rule of the official Ticket Issuance API page (shared/ecticket/ticket-issue-api.txt).
 * Each base order follows the page's Data examples, made valid; each rule mutates one field and
 * expects exactly one {field, rule}.
 */

const TODAY = '20261125';
const context: IssueRuleContext = { today: TODAY };

type Data = Record<string, unknown>;
type Line = Record<string, unknown>;

const URL = 'http://www.happybuy123.com.tw/notifyurl';

/** IssueType 1, convenience-store tickets: CustomerEmail required, at most 8 tickets. */
const type1 = (): Data => ({
	MerchantID: '2000132',
	MerchantTradeNo: 'CBX20220302153064851',
	IssueType: '1',
	UseStatusNotifyURL: URL,
	Operator: 'AngelaChan',
	CustomerEmail: 'abc@gmail.com',
	TicketInfo: [
		{ ItemNo: 'VQT04959', TicketAmount: 4 },
		{ ItemNo: 'VNS21400', TicketAmount: 4 },
	],
});

/** IssueType 2, paper tickets: PrintType required. */
const type2 = (): Data => ({
	MerchantID: '2000132',
	MerchantTradeNo: 'CBX20220302153064851',
	IssueType: '2',
	PrintType: '2',
	UseStatusNotifyURL: URL,
	Operator: 'AngelaChan',
	CustomerName: '王珊珊',
	TicketInfo: [
		{ ItemNo: 'VQT04959', TicketAmount: 10 },
		{ ItemNo: 'VNS21400', TicketAmount: 10 },
	],
});

/** IssueType 3, electronic tickets starting later: IsImmediate, name, phone, email, StartDate after today. */
const type3 = (): Data => ({
	MerchantID: '2000132',
	MerchantTradeNo: 'CBX20220302153064851',
	IssueType: '3',
	IsImmediate: '2',
	Operator: 'AngelaChan',
	CustomerName: '王珊珊',
	CustomerPhone: '0912345678',
	CustomerEmail: 'abc@gmail.com',
	TicketInfo: [
		{ ItemNo: 'VQT04959', TicketAmount: 8, StartDate: '20261201' },
		{ ItemNo: 'VNS21400', TicketAmount: 6, StartDate: '20261201' },
	],
});

/** IssueType 4, serial-number-only tickets: ItemName and TicketPrice instead of ItemNo. */
const type4 = (): Data => ({
	MerchantID: '2000132',
	MerchantTradeNo: 'CBX20220302153064851',
	IssueType: '4',
	UseStatusNotifyURL: URL,
	Operator: 'AngelaChan',
	TicketInfo: [
		{ ItemName: '五星渡假飯店假日住宿券', TicketPrice: 6600, TicketAmount: 2 },
		{ ItemName: 'SPA課程體驗券', TicketPrice: 3200, TicketAmount: 4 },
	],
});

/** A gift-voucher-only order (FreeTradeNo): every line needs an ExpireDate. */
const gift = (): Data => {
	const data = type3();
	delete data.MerchantTradeNo;
	data.FreeTradeNo = 'FREE2026112500001';
	data.TicketInfo = [
		{ ItemNo: 'GFT00001', TicketAmount: 2, StartDate: '20261201', ExpireDate: '20271231' },
	];
	return data;
};

const bases: Record<string, () => Data> = { type1, type2, type3, type4, gift };

/** The violations without their messages: [{ field, rule }]. */
function check(data: Data, ctx: IssueRuleContext = context): Array<{ field: string; rule: RuleId }> {
	return validateIssue(data, ctx).map(({ field, rule }) => ({ field, rule }));
}

/** `base` with `field` set to `value` (undefined deletes it). */
function withField(base: () => Data, field: string, value: unknown): Data {
	const data = base();
	if (value === undefined) delete data[field];
	else data[field] = value;
	return data;
}

/** `base` with one property of line `index` set to `value` (undefined deletes it). */
function withLine(base: () => Data, index: number, field: string, value: unknown): Data {
	const data = base();
	const lines = (data.TicketInfo as Line[]).map((line) => ({ ...line }));
	if (value === undefined) delete lines[index][field];
	else lines[index][field] = value;
	data.TicketInfo = lines;
	return data;
}

/** withLine for a base factory, returned as a factory so mutations can be chained. */
function withLineBase(base: () => Data, index: number, field: string, value: unknown): () => Data {
	return () => withLine(base, index, field, value);
}

const only = (field: string, rule: RuleId) => [{ field, rule }];

describe('valid base orders (following the examples of the official page)', () => {
	it.each(Object.keys(bases))('%s passes every rule', (name) => {
		expect(check(bases[name]())).toEqual([]);
	});

	it('messages are present on every violation', () => {
		const violations = validateIssue(withField(type1, 'IssueType', '9'), context);
		expect(violations).toHaveLength(1);
		expect(violations[0].message.length).toBeGreaterThan(0);
	});
});

describe('MerchantID', () => {
	it('is required and at most 10 characters', () => {
		expect(check(withField(type1, 'MerchantID', undefined))).toEqual(only('MerchantID', 'required'));
		expect(check(withField(type1, 'MerchantID', '1'.repeat(10)))).toEqual([]);
		expect(check(withField(type1, 'MerchantID', '1'.repeat(11)))).toEqual(only('MerchantID', 'length'));
	});
});

describe('MerchantTradeNo / FreeTradeNo', () => {
	it('one of the two is required (oneOf)', () => {
		expect(check(withField(type1, 'MerchantTradeNo', undefined))).toEqual(only('MerchantTradeNo', 'oneOf'));
		expect(check(withField(type1, 'MerchantTradeNo', ''))).toEqual(only('MerchantTradeNo', 'oneOf'));
	});

	it('not both (oneOf on FreeTradeNo)', () => {
		expect(check(withField(type1, 'FreeTradeNo', 'FREE0001'))).toEqual(only('FreeTradeNo', 'oneOf'));
	});

	it('MerchantTradeNo is at most 25 characters', () => {
		expect(check(withField(type1, 'MerchantTradeNo', 'A'.repeat(25)))).toEqual([]);
		expect(check(withField(type1, 'MerchantTradeNo', 'A'.repeat(26)))).toEqual(only('MerchantTradeNo', 'length'));
	});

	it('FreeTradeNo is at most 20 characters', () => {
		expect(check(withField(gift, 'FreeTradeNo', 'F'.repeat(20)))).toEqual([]);
		expect(check(withField(gift, 'FreeTradeNo', 'F'.repeat(21)))).toEqual(only('FreeTradeNo', 'length'));
	});

	it('MerchantTradeNo is English letters and digits only', () => {
		expect(check(withField(type1, 'MerchantTradeNo', 'CBX-2022'))).toEqual(only('MerchantTradeNo', 'charset'));
		expect(check(withField(type1, 'MerchantTradeNo', 'CBX_2022'))).toEqual(only('MerchantTradeNo', 'charset'));
		expect(check(withField(type1, 'MerchantTradeNo', 'ＣＢＸ2022'))).toEqual(only('MerchantTradeNo', 'charset'));
	});

	it('FreeTradeNo is English letters and digits only', () => {
		expect(check(withField(gift, 'FreeTradeNo', 'FREE 0001'))).toEqual(only('FreeTradeNo', 'charset'));
	});

	it('a number instead of text is a type error', () => {
		expect(check(withField(type1, 'MerchantTradeNo', 20220302))).toEqual(only('MerchantTradeNo', 'type'));
	});
});

describe('IssueType, PrintType, IsImmediate', () => {
	it('IssueType is required', () => {
		expect(check(withField(type1, 'IssueType', undefined))).toEqual(only('IssueType', 'required'));
		expect(check(withField(type1, 'IssueType', ''))).toEqual(only('IssueType', 'required'));
	});

	it('IssueType must be "1", "2", "3" or "4" (enum)', () => {
		expect(check(withField(type1, 'IssueType', '5'))).toEqual(only('IssueType', 'enum'));
		expect(check(withField(type1, 'IssueType', '0'))).toEqual(only('IssueType', 'enum'));
		expect(check(withField(type1, 'IssueType', 1))).toEqual(only('IssueType', 'type'));
	});

	it('PrintType is required for paper tickets (IssueType 2)', () => {
		expect(check(withField(type2, 'PrintType', undefined))).toEqual(only('PrintType', 'required'));
		expect(check(withField(type1, 'PrintType', undefined))).toEqual([]);
	});

	it('PrintType must be "1" or "2"', () => {
		expect(check(withField(type2, 'PrintType', '1'))).toEqual([]);
		expect(check(withField(type2, 'PrintType', '3'))).toEqual(only('PrintType', 'enum'));
	});

	it('IsImmediate is required for electronic tickets (IssueType 3)', () => {
		expect(check(withField(type3, 'IsImmediate', undefined))).toEqual(only('IsImmediate', 'required'));
		expect(check(withField(type4, 'IsImmediate', undefined))).toEqual([]);
	});

	it('IsImmediate must be "1" or "2"', () => {
		expect(check(withField(type3, 'IsImmediate', '1'))).toEqual([]);
		expect(check(withField(type3, 'IsImmediate', '0'))).toEqual(only('IsImmediate', 'enum'));
	});
});

describe('notify URLs', () => {
	it.each(['RefundNotifyURL', 'UseStatusNotifyURL'])('%s is at most 200 characters', (field) => {
		const prefix = 'https://example.com/';
		expect(check(withField(type1, field, prefix + 'a'.repeat(200 - prefix.length)))).toEqual([]);
		expect(check(withField(type1, field, prefix + 'a'.repeat(201 - prefix.length)))).toEqual(only(field, 'length'));
	});

	it.each(['RefundNotifyURL', 'UseStatusNotifyURL'])('%s must be an http(s) URL', (field) => {
		expect(check(withField(type1, field, 'https://shop.example.com.tw/ecticket?x=1'))).toEqual([]);
		for (const bad of ['ftp://example.com/notify', 'www.example.com/notify', 'http://', 'https://exa mple.com', 'javascript:alert(1)']) {
			expect(check(withField(type1, field, bad))).toEqual(only(field, 'url'));
		}
	});
});

describe('StoreID and Operator', () => {
	it('StoreID is optional and 2 to 20 characters', () => {
		expect(check(withField(type1, 'StoreID', 'S1'))).toEqual([]);
		expect(check(withField(type1, 'StoreID', 'S'.repeat(20)))).toEqual([]);
		expect(check(withField(type1, 'StoreID', 'S'))).toEqual(only('StoreID', 'length'));
		expect(check(withField(type1, 'StoreID', 'S'.repeat(21)))).toEqual(only('StoreID', 'length'));
	});

	it('StoreID is English letters and digits only, no full-width', () => {
		expect(check(withField(type1, 'StoreID', 'TP-01'))).toEqual(only('StoreID', 'charset'));
		expect(check(withField(type1, 'StoreID', 'ＴＰ01'))).toEqual(only('StoreID', 'charset'));
	});

	it('Operator is required and at most 10 characters', () => {
		expect(check(withField(type1, 'Operator', undefined))).toEqual(only('Operator', 'required'));
		expect(check(withField(type1, 'Operator', 'A'.repeat(10)))).toEqual([]);
		expect(check(withField(type1, 'Operator', 'A'.repeat(11)))).toEqual(only('Operator', 'length'));
	});

	it('Operator is English letters and digits only, no full-width', () => {
		expect(check(withField(type1, 'Operator', 'Angela C'))).toEqual(only('Operator', 'charset'));
		expect(check(withField(type1, 'Operator', '王珊珊'))).toEqual(only('Operator', 'charset'));
		expect(check(withField(type1, 'Operator', 'Ａngela'))).toEqual(only('Operator', 'charset'));
	});
});

describe('customer fields', () => {
	it('CustomerName, CustomerPhone and CustomerEmail are required for electronic tickets (IssueType 3)', () => {
		for (const field of ['CustomerName', 'CustomerPhone', 'CustomerEmail']) {
			expect(check(withField(type3, field, undefined))).toEqual(only(field, 'required'));
			expect(check(withField(type3, field, ''))).toEqual(only(field, 'required'));
		}
	});

	it('CustomerEmail is required for convenience-store tickets (IssueType 1)', () => {
		expect(check(withField(type1, 'CustomerEmail', undefined))).toEqual(only('CustomerEmail', 'required'));
	});

	it('customer fields are optional for paper and serial-number-only tickets', () => {
		const paper = type2();
		delete paper.CustomerName;
		expect(check(paper)).toEqual([]);
		expect(check(type4())).toEqual([]);
	});

	it('CustomerName and CustomerAddress are required for paper tickets only when they are mailed', () => {
		const mailed: IssueRuleContext = { today: TODAY, mailPaperTickets: true };
		expect(check(type2(), mailed)).toEqual(only('CustomerAddress', 'required'));
		expect(check(withField(type2, 'CustomerAddress', '台北市南港區三重路19-2號'), mailed)).toEqual([]);
		const nameless = withField(type2, 'CustomerAddress', '台北市南港區三重路19-2號');
		delete nameless.CustomerName;
		expect(check(nameless, mailed)).toEqual(only('CustomerName', 'required'));
		// Mailing only concerns paper tickets.
		expect(check(type1(), mailed)).toEqual([]);
	});

	it('CustomerPhone must be a Taiwan mobile number: 10 digits starting with 09 (mobile09)', () => {
		for (const bad of ['0812345678', '091234567', '09123456789', '+886912345678', '0912-345678', '02 2655 0115']) {
			expect(check(withField(type3, 'CustomerPhone', bad))).toEqual(only('CustomerPhone', 'mobile09'));
		}
		expect(check(withField(type3, 'CustomerPhone', '0987654321'))).toEqual([]);
	});

	it('CustomerName is pure Chinese or pure English, never mixed (name)', () => {
		expect(check(withField(type3, 'CustomerName', '王珊珊'))).toEqual([]);
		expect(check(withField(type3, 'CustomerName', 'Angela Chan'))).toEqual([]);
		expect(check(withField(type3, 'CustomerName', '王Angela'))).toEqual(only('CustomerName', 'name'));
		expect(check(withField(type3, 'CustomerName', 'Angela 王'))).toEqual(only('CustomerName', 'name'));
		expect(check(withField(type3, 'CustomerName', 'Angela3'))).toEqual(only('CustomerName', 'name'));
	});

	it('CustomerName is 2 to 20 characters (a 1-character name is rejected)', () => {
		expect(check(withField(type3, 'CustomerName', '王'))).toEqual(only('CustomerName', 'length'));
		expect(check(withField(type3, 'CustomerName', '王珊'))).toEqual([]);
		expect(check(withField(type3, 'CustomerName', 'A'.repeat(20)))).toEqual([]);
		expect(check(withField(type3, 'CustomerName', 'A'.repeat(21)))).toEqual(only('CustomerName', 'length'));
	});

	it('CustomerEmail is at most 80 characters', () => {
		const at80 = 'a'.repeat(80 - '@example.com'.length) + '@example.com';
		expect(at80).toHaveLength(80);
		expect(check(withField(type3, 'CustomerEmail', at80))).toEqual([]);
		expect(check(withField(type3, 'CustomerEmail', 'a' + at80))).toEqual(only('CustomerEmail', 'length'));
	});

	it('CustomerEmail must look like an email address', () => {
		expect(check(withField(type3, 'CustomerEmail', 'abc.gmail.com'))).toEqual(only('CustomerEmail', 'email'));
		expect(check(withField(type3, 'CustomerEmail', 'abc@gmail'))).toEqual(only('CustomerEmail', 'email'));
	});

	it('CustomerAddress is at most 100 characters', () => {
		expect(check(withField(type2, 'CustomerAddress', '路'.repeat(100)))).toEqual([]);
		expect(check(withField(type2, 'CustomerAddress', '路'.repeat(101)))).toEqual(only('CustomerAddress', 'length'));
	});
});

describe('TicketInfo lines', () => {
	it('TicketInfo needs at least one line', () => {
		expect(check(withField(type1, 'TicketInfo', []))).toEqual(only('TicketInfo', 'required'));
		expect(check(withField(type1, 'TicketInfo', undefined))).toEqual(only('TicketInfo', 'required'));
	});

	it('a line that is not an object is a type error', () => {
		const data = type1();
		data.TicketInfo = [{ ItemNo: 'VQT04959', TicketAmount: 1 }, 'VNS21400'];
		expect(check(data)).toEqual(only('TicketInfo[1]', 'type'));
	});

	it('ItemNo is required unless IssueType is 4', () => {
		expect(check(withLine(type1, 1, 'ItemNo', undefined))).toEqual(only('TicketInfo[1].ItemNo', 'required'));
		expect(check(withLine(type4, 0, 'ItemNo', undefined))).toEqual([]);
	});

	it('ItemNo is at most 8 characters', () => {
		expect(check(withLine(type1, 0, 'ItemNo', 'VQT0495'))).toEqual([]);
		expect(check(withLine(type1, 0, 'ItemNo', 'VQT049591'))).toEqual(only('TicketInfo[0].ItemNo', 'length'));
	});

	it('ItemNo is English letters and digits only', () => {
		expect(check(withLine(type1, 0, 'ItemNo', 'VQT-4959'))).toEqual(only('TicketInfo[0].ItemNo', 'charset'));
	});

	it('an ItemNo may appear only once in an order (duplicateItemNo)', () => {
		expect(check(withLine(type1, 1, 'ItemNo', 'VQT04959'))).toEqual(only('TicketInfo[1].ItemNo', 'duplicateItemNo'));
	});

	it('ItemName is required for serial-number-only tickets (IssueType 4)', () => {
		expect(check(withLine(type4, 1, 'ItemName', undefined))).toEqual(only('TicketInfo[1].ItemName', 'required'));
	});

	it('ItemName is 4 to 20 characters', () => {
		expect(check(withLine(type4, 0, 'ItemName', '住宿券A'))).toEqual([]);
		expect(check(withLine(type4, 0, 'ItemName', '住宿券'))).toEqual(only('TicketInfo[0].ItemName', 'length'));
		expect(check(withLine(type4, 0, 'ItemName', '券'.repeat(20)))).toEqual([]);
		expect(check(withLine(type4, 0, 'ItemName', '券'.repeat(21)))).toEqual(only('TicketInfo[0].ItemName', 'length'));
	});

	it('ItemName allows Chinese, English, digits and ( ) _ / , . $ % - only: no space, no full-width', () => {
		expect(check(withLine(type4, 0, 'ItemName', '券A1()_/,.$%-'))).toEqual([]);
		for (const bad of ['SPA 課程體驗券', 'Ａ課程體驗券', '課程體驗券！', '課程體驗券#1', '課程（體驗）']) {
			expect(check(withLine(type4, 0, 'ItemName', bad))).toEqual(only('TicketInfo[0].ItemName', 'charset'));
		}
	});

	it('TicketPrice is required for serial-number-only tickets', () => {
		expect(check(withLine(type4, 0, 'TicketPrice', undefined))).toEqual(only('TicketInfo[0].TicketPrice', 'required'));
	});

	it('TicketPrice is NT$0 to NT$999,999,999 (priceRange)', () => {
		expect(check(withLine(type4, 0, 'TicketPrice', 0))).toEqual([]);
		expect(check(withLine(type4, 0, 'TicketPrice', TICKET_PRICE_MAX))).toEqual([]);
		expect(TICKET_PRICE_MAX).toBe(999_999_999);
		expect(check(withLine(type4, 0, 'TicketPrice', -1))).toEqual(only('TicketInfo[0].TicketPrice', 'priceRange'));
		expect(check(withLine(type4, 0, 'TicketPrice', 1_000_000_000))).toEqual(only('TicketInfo[0].TicketPrice', 'priceRange'));
	});

	it('TicketPrice is a whole number', () => {
		for (const bad of [6600.5, '6600', Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(check(withLine(type4, 0, 'TicketPrice', bad))).toEqual(only('TicketInfo[0].TicketPrice', 'type'));
		}
	});

	it('TicketAmount is required', () => {
		expect(check(withLine(type1, 0, 'TicketAmount', undefined))).toEqual(only('TicketInfo[0].TicketAmount', 'required'));
	});

	it('TicketAmount is a whole number of at least 1', () => {
		expect(check(withLine(type1, 0, 'TicketAmount', 1))).toEqual([]);
		for (const bad of [0, -1, 1.5, '4']) {
			expect(check(withLine(type1, 0, 'TicketAmount', bad))).toEqual(only('TicketInfo[0].TicketAmount', 'type'));
		}
	});
});

describe('tickets per order (ticketCount)', () => {
	it('at most 8 for convenience-store tickets, summed over lines (4 + 4 passes, 4 + 5 fails)', () => {
		expect(ISSUE_TYPES.convenienceStore.ticketLimit).toBe(8);
		expect(check(type1())).toEqual([]);
		expect(check(withLine(type1, 1, 'TicketAmount', 5))).toEqual(only('TicketInfo', 'ticketCount'));
	});

	it('a single line of 9 convenience-store tickets fails', () => {
		const data = type1();
		data.TicketInfo = [{ ItemNo: 'VQT04959', TicketAmount: 9 }];
		expect(check(data)).toEqual(only('TicketInfo', 'ticketCount'));
	});

	it.each([
		['type2', type2],
		['type3', type3],
		['type4', type4],
	])('at most 100 for %s, summed over lines (50 + 50 passes, 50 + 51 fails)', (_name, base) => {
		const data = withLine(withLineBase(base, 0, 'TicketAmount', 50), 1, 'TicketAmount', 50);
		expect(check(data)).toEqual([]);
		expect(check(withLine(() => data, 1, 'TicketAmount', 51))).toEqual(only('TicketInfo', 'ticketCount'));
	});
});

describe('StartDate (IssueType 3 with IsImmediate 2)', () => {
	it('is required when tickets start later', () => {
		expect(check(withLine(type3, 0, 'StartDate', undefined))).toEqual(only('TicketInfo[0].StartDate', 'required'));
	});

	it('is not required, and not checked, for immediate tickets', () => {
		const immediate = withField(type3, 'IsImmediate', '1');
		expect(check(withLine(() => immediate, 0, 'StartDate', undefined))).toEqual([]);
		expect(check(withLine(type1, 0, 'StartDate', '20200101'))).toEqual([]);
	});

	it('must be a real yyyyMMdd date', () => {
		for (const bad of ['20261131', '20270229', '2026-12-01', '202612011', 'tomorrow']) {
			expect(check(withLine(type3, 0, 'StartDate', bad))).toEqual(only('TicketInfo[0].StartDate', 'date'));
		}
	});

	it('must be after the issue date: today fails, tomorrow passes', () => {
		expect(check(withLine(type3, 0, 'StartDate', TODAY))).toEqual(only('TicketInfo[0].StartDate', 'dateOrder'));
		expect(check(withLine(type3, 0, 'StartDate', '20261124'))).toEqual(only('TicketInfo[0].StartDate', 'dateOrder'));
		expect(check(withLine(type3, 0, 'StartDate', '20261126'))).toEqual([]);
	});
});

describe('ExpireDate (gift vouchers)', () => {
	it('is required on every line of a gift-voucher order (FreeTradeNo)', () => {
		expect(check(withLine(gift, 0, 'ExpireDate', undefined))).toEqual(only('TicketInfo[0].ExpireDate', 'required'));
	});

	it('is not required on a pickup-voucher order (MerchantTradeNo)', () => {
		expect(check(type3())).toEqual([]);
	});

	it('is required on the lines the context marks as gift vouchers', () => {
		const ctx: IssueRuleContext = { today: TODAY, isGiftVoucher: (_line, index) => index === 1 };
		expect(check(type1(), ctx)).toEqual(only('TicketInfo[1].ExpireDate', 'required'));
		expect(check(withLine(type1, 1, 'ExpireDate', '20261231'), ctx)).toEqual([]);
	});

	it('must be a real yyyyMMdd date', () => {
		expect(check(withLine(gift, 0, 'ExpireDate', '20270230'))).toEqual(only('TicketInfo[0].ExpireDate', 'date'));
		expect(check(withLine(gift, 0, 'ExpireDate', '2027/12/31'))).toEqual(only('TicketInfo[0].ExpireDate', 'date'));
	});

	it('must not be before the StartDate (equal passes)', () => {
		expect(check(withLine(gift, 0, 'ExpireDate', '20261130'))).toEqual(only('TicketInfo[0].ExpireDate', 'dateOrder'));
		expect(check(withLine(gift, 0, 'ExpireDate', '20261201'))).toEqual([]);
	});

	it('must not be before today when the tickets are immediate (equal passes)', () => {
		const immediateGift = (): Data => {
			const data = withField(gift, 'IsImmediate', '1');
			data.TicketInfo = [{ ItemNo: 'GFT00001', TicketAmount: 2, ExpireDate: '20261124' }];
			return data;
		};
		expect(check(immediateGift())).toEqual(only('TicketInfo[0].ExpireDate', 'dateOrder'));
		expect(check(withLine(immediateGift, 0, 'ExpireDate', TODAY))).toEqual([]);
	});
});

describe('several violations at once', () => {
	it('reports each, in field order', () => {
		const data = type3();
		data.Operator = 'Angela Chan!';
		data.CustomerPhone = '12345';
		data.TicketInfo = [{ ItemNo: 'VQT04959', TicketAmount: 0, StartDate: TODAY }];
		expect(check(data)).toEqual([
			{ field: 'Operator', rule: 'length' },
			{ field: 'CustomerPhone', rule: 'mobile09' },
			{ field: 'TicketInfo[0].TicketAmount', rule: 'type' },
			{ field: 'TicketInfo[0].StartDate', rule: 'dateOrder' },
		]);
	});
});

describe('dates', () => {
	it('taiwanDate is already the next day when UTC is after 16:00', () => {
		expect(taiwanDate(new Date('2026-11-25T15:59:59Z'))).toBe('20261125');
		expect(taiwanDate(new Date('2026-11-25T16:00:00Z'))).toBe('20261126');
		expect(taiwanDate(new Date('2026-12-31T17:30:00Z'))).toBe('20270101');
	});

	it('taiwanDate defaults to now, as yyyyMMdd', () => {
		expect(taiwanDate()).toMatch(/^\d{8}$/);
		expect(isValidDate(taiwanDate())).toBe(true);
	});

	it('isValidDate rejects impossible dates and other formats', () => {
		expect(isValidDate('20260230')).toBe(false);
		expect(isValidDate('20250229')).toBe(false);
		expect(isValidDate('20261301')).toBe(false);
		expect(isValidDate('20261100')).toBe(false);
		expect(isValidDate('2026-11-25')).toBe(false);
		expect(isValidDate('')).toBe(false);
	});

	it('isValidDate accepts real dates, leap days included', () => {
		expect(isValidDate('20240229')).toBe(true);
		expect(isValidDate('20261125')).toBe(true);
		expect(isValidDate('20261231')).toBe(true);
	});
});
