export function readTsv(file: string): Record<string, string>[];
