// Sample payloads for the masker lab's editor: what a proxy in front of a payment service sees.
export const SAMPLES: { id: string; label: string; text: string }[] = [
  {
    id: 'json-payment',
    label: 'JSON payment request',
    text: `{
  "orderId": "8820451379201553",
  "amount": 129.00,
  "ts": 1767225600000,
  "card": { "number": "4111-1111-1111-1111", "expiry": "12/29" },
  "buyer": { "name": "张三", "phone": "13812345678", "email": "zhang.san+orders@mail.example.com" },
  "note": "请尽快发货 😀"
}`,
  },
  {
    id: 'form-post',
    label: 'Form post',
    text: 'name=%E5%BC%A0%E4%B8%89&email=li.si%40example.cn&mobile=13912345678&card=5555+5555+5555+4444&cvv=123&amount=4999',
  },
  {
    id: 'log-lines',
    label: 'Log lines',
    text: `2026-01-01T08:00:00.120Z INFO payment-service order=882045137920 user=alice@shop.example.org tel=+86 138 1234 5678 status=200 latency_ms=87
2026-01-01T08:00:00.450Z WARN payment-service retry card=378282246310005 attempt=2 trace_id=4bf92f3577b34da6a3ce929d0e0e4736
2026-01-01T08:00:01.002Z INFO payment-service refund ACCT-204817 amount=129.00 by ops+refunds@example.com`,
  },
  {
    id: 'headers',
    label: 'Request headers',
    text: `POST /api/v1/checkout HTTP/1.1
Host: shop.example.com
User-Agent: shop-app/5.2.1 (Android 14; Pixel 8; contact: support@example.com)
X-Customer-Phone: +44 20 7946 0958
X-Request-Id: 1767225600000-4821
Content-Length: 312`,
  },
  {
    id: 'not-sensitive',
    label: 'Numbers that are not cards or phones',
    text: `epoch ms 1767225600000, order id 1234567812345670 (Luhn-valid, no issuer prefix),
version 2.13.8, price ¥13812.00, 16 digits that fail Luhn 4111111111111112, id 013812345678`,
  },
];
