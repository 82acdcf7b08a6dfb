import { describe, expect, test } from "bun:test";
import { extractEntities, foldWidth, hasEntities, isValidChineseId, maskPii } from "./entities.ts";

const kinds = (t: string) => extractEntities(t).map((e) => [e.type, e.value, e.carrier ?? ""]);

describe("extractEntities", () => {
  test("phones: plain, separated, +86; not inside longer digit runs", () => {
    expect(kinds("电话13812345678")).toEqual([["phone", "13812345678", ""]]);
    expect(kinds("call 138-1234-5678 or +86 139 1234 5678")).toEqual([
      ["phone", "13812345678", ""],
      ["phone", "13912345678", ""],
    ]);
    expect(kinds("12812345678")).toEqual([]); // second digit 2 is not a mobile prefix
    expect(extractEntities("1381234567890").filter((e) => e.type === "phone")).toEqual([]);
  });

  test("resident ID numbers need a valid checksum and date", () => {
    expect(isValidChineseId("11010519491231002X")).toBe(true);
    expect(isValidChineseId("11010519491231002x")).toBe(true);
    expect(isValidChineseId("110105194912310021")).toBe(false); // checksum
    expect(isValidChineseId("110105194913310027")).toBe(false); // month 13
    expect(kinds("身份证号11010519491231002X")).toEqual([["id_number", "11010519491231002X", ""]]);
    // An 18-digit number with a bad checksum is not an ID; as a bare long digit run it reads as an order id.
    expect(kinds("110105194912310021")).toEqual([["order_number", "110105194912310021", ""]]);
  });

  test("emails", () => {
    expect(kinds("mail me at li.lei+shop@example.com.cn please")).toEqual([
      ["email", "li.lei+shop@example.com.cn", ""],
    ]);
  });

  test("tracking numbers by carrier", () => {
    expect(kinds("顺丰单号 SF123456789012")).toEqual([["tracking_number", "SF123456789012", "SF"]]);
    expect(kinds("jdva12345678901 到哪了")).toEqual([["tracking_number", "JDVA12345678901", "JD"]]);
    expect(kinds("YT1234567890123")).toEqual([["tracking_number", "YT1234567890123", "YT"]]);
    expect(kinds("JT1234567890123")).toEqual([["tracking_number", "JT1234567890123", "JT"]]);
    expect(kinds("UPS 1Z999AA10123456784")).toEqual([["tracking_number", "1Z999AA10123456784", "UPS"]]);
    expect(kinds("EA123456789CN")).toEqual([["tracking_number", "EA123456789CN", "EMS"]]);
    expect(kinds("中通快递单号：73100012345678")).toEqual([["tracking_number", "73100012345678", "ZTO"]]);
    expect(kinds("韵达 4312345678901")).toEqual([["tracking_number", "4312345678901", "YD"]]);
    expect(kinds("tracking number 123456789012")).toEqual([["tracking_number", "123456789012", ""]]);
    expect(kinds("ＳＦ１２３４５６７８９０１２")).toEqual([["tracking_number", "SF123456789012", "SF"]]);
  });

  test("order numbers and SKUs need a cue, or a 16–20 digit run", () => {
    expect(kinds("订单号：20240512001")).toEqual([["order_number", "20240512001", ""]]);
    expect(kinds("my order #A1B2C3D4 is late")).toEqual([["order_number", "A1B2C3D4", ""]]);
    expect(kinds("订单 3698521470258963147")).toEqual([["order_number", "3698521470258963147", ""]]);
    expect(kinds("3698521470258963147")).toEqual([["order_number", "3698521470258963147", ""]]);
    expect(kinds("SKU: TSHIRT-RED-42")).toEqual([["sku", "TSHIRT-RED-42", ""]]);
    expect(kinds("货号 A8812")).toEqual([["sku", "A8812", ""]]);
    expect(kinds("the order was fine, thanks")).toEqual([]);
    expect(kinds("I ordered 3 items")).toEqual([]);
    expect(kinds("reorder ABC12345 and skunk123")).toEqual([]);
    expect(kinds("Order No. 88888888")).toEqual([["order_number", "88888888", ""]]);
  });

  test("offsets point into the original text", () => {
    const t = "您好，订单号 20240512001，电话 13812345678";
    for (const e of extractEntities(t)) expect(foldWidth(t).slice(e.start, e.end).replace(/[- ]/g, "")).toBe(e.value);
    expect(hasEntities(t)).toBe(true);
    expect(hasEntities("你好")).toBe(false);
  });
});

describe("maskPii", () => {
  test("masks phones and IDs keeping the last 4", () => {
    expect(maskPii("身份证 11010519491231002X 电话 13812345678")).toBe("身份证 **************002X 电话 *******5678");
    expect(maskPii("call +86 13812345678 now")).toBe("call +** *******5678 now");
  });

  test("separators survive; options select what is masked", () => {
    expect(maskPii("138-1234-5678")).toBe("***-****-5678");
    expect(maskPii("13812345678", { phone: false })).toBe("13812345678");
    expect(maskPii("11010519491231002X", { idNumber: false })).toBe("11010519491231002X");
    expect(maskPii("a@b.com 13812345678", { email: true, keepLast: 2, maskChar: "#" })).toBe("#@b.com #########78");
    expect(maskPii("订单号 20240512001 SF123456789012")).toBe("订单号 20240512001 SF123456789012");
  });
});
