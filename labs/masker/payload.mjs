// Realistic mixed traffic for the masker: JSON payment requests, form posts, log lines, headers and
// user-agent strings, with Chinese text, emoji, timestamps, ids and prices around the sensitive
// values. Deterministic (a seeded generator), so every run and every tool sees the same bytes.

/** A small seeded PRNG (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CARDS = ['4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005', '6200000000000005', '3566 0020 2036 0505', '4242424242424242'];
const NAMES = ['zhang.san', 'li.si+orders', 'wang_wu', 'alice', 'bob.smith', 'chen.jing'];
const DOMAINS = ['example.com', 'mail.example.cn', 'shop.example.org', '163.com'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'okhttp/4.12.0',
];

/** One request's worth of text, picked by `rnd`. */
export function sample(rnd) {
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const digits = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  const ts = 1767225600000 + Math.floor(rnd() * 86_400_000);
  const phone = `1${3 + Math.floor(rnd() * 7)}${digits(9)}`;
  const email = `${pick(NAMES)}@${pick(DOMAINS)}`;
  switch (Math.floor(rnd() * 5)) {
    case 0:
      return `{"orderId":"${digits(16)}","amount":${(rnd() * 1000).toFixed(2)},"currency":"CNY","card":{"number":"${pick(CARDS)}","expiry":"12/29"},"buyer":{"name":"张三","phone":"${phone}","email":"${email}"},"ts":${ts},"note":"请尽快发货 😀"}`;
    case 1:
      return `name=%E5%BC%A0%E4%B8%89&email=${encodeURIComponent(email)}&mobile=${phone}&card=${pick(CARDS).replace(/ /g, '+')}&cvv=123&amount=${Math.floor(rnd() * 5000)}&ts=${ts}`;
    case 2:
      return `2026-01-01T08:${digits(2).slice(0, 1)}0:00.${digits(3)}Z INFO payment-service order=${digits(12)} user=${email} tel=+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)} status=200 latency_ms=${Math.floor(rnd() * 900)} trace_id=${digits(16)}${digits(16)} 支付成功`;
    case 3:
      return `POST /api/v1/checkout HTTP/1.1\r\nHost: shop.example.com\r\nUser-Agent: ${pick(AGENTS)}\r\nX-Request-Id: ${digits(8)}-${digits(4)}-${digits(4)}\r\nX-Customer-Phone: +44 20 7946 ${digits(4)}\r\nContent-Length: ${Math.floor(rnd() * 4000)}\r\n`;
    default:
      return `客户 ${email} 于 ${new Date(ts).toISOString()} 用卡 ${pick(CARDS)} 支付 ¥${(rnd() * 900).toFixed(2)}，版本 v${digits(1)}.${digits(2)}.${digits(1)}，回电 ${phone}。`;
  }
}

/** Mixed payload of at least `bytes` UTF-8 bytes, one sample per line. */
export function mixedPayload(bytes, seed = 42) {
  const rnd = random(seed);
  const parts = [];
  let size = 0;
  const enc = new TextEncoder();
  while (size < bytes) {
    const s = sample(rnd) + '\n';
    parts.push(s);
    size += enc.encode(s).length;
  }
  return parts.join('');
}
