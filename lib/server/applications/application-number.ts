/** 申请编号 as printed: SQ + the serial padded to six digits. */
export function applicationNumber(serial: number): string {
  return `SQ${String(serial).padStart(6, "0")}`;
}

export function publicityNumber(serial: number): string {
  return `GS${String(serial).padStart(5, "0")}`;
}

export function batchNumber(serial: number): string {
  return `PZ${String(serial).padStart(5, "0")}`;
}
