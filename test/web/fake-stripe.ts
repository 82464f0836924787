/**
 * What the browser gets instead of https://js.stripe.com/v3/ in the tests (there is no internet here):
 * the same calls the app makes (Stripe(pk).elements({ clientSecret }).create('payment').mount(el),
 * confirmPayment) with a plain form. confirmPayment fails with window.__stripeFail when that is set, as
 * a declined card would; otherwise it records what was confirmed and succeeds. The test then sends the
 * signed webhook itself, as Stripe would.
 */
export const FAKE_STRIPE_JS = `
window.Stripe = function (publishableKey) {
  window.__stripeKey = publishableKey;
  return {
    elements: function (opts) {
      var elements = { clientSecret: opts.clientSecret };
      elements.create = function (kind) {
        var handlers = {};
        return {
          on: function (ev, fn) { handlers[ev] = fn; },
          mount: function (el) {
            var box = typeof el === 'string' ? document.querySelector(el) : el;
            box.innerHTML = '<p>测试用支付表单（' + kind + '）</p>';
            setTimeout(function () { handlers.ready && handlers.ready(); }, 10);
          },
          destroy: function () {},
        };
      };
      return elements;
    },
    confirmPayment: function (opts) {
      if (window.__stripeFail) return Promise.resolve({ error: { message: window.__stripeFail } });
      window.__stripeConfirmed = opts.elements.clientSecret;
      return Promise.resolve({});
    },
  };
};
`;
