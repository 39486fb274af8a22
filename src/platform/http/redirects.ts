/** Only paths of this site: never `//other.example` or an absolute URL (open redirect). */
export function safeReturn(value: string | undefined, fallback = '/pro'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
