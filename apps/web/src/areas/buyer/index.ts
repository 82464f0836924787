import type { Screens } from '../../routes';
import { CartScreen } from './cart';
import { Checkout } from './checkout';
import { Home } from './home';
import { Notifications } from './notifications';
import { OrderScreen } from './order';
import { Orders } from './orders';
import { Pay } from './pay';
import { ProducerScreen } from './producer';
import { ProductScreen } from './product';

/** The buyer's screens: browsing needs no account, the cart and orders do. */
export const screens: Screens = {
  home: Home,
  product: ProductScreen,
  producer: ProducerScreen,
  cart: CartScreen,
  checkout: Checkout,
  orders: Orders,
  order: OrderScreen,
  pay: Pay,
  notifications: Notifications,
};
