import 'reflect-metadata';
import { runServices } from '@app/http';
import { OrderModule } from './order.module';

// Alone, the order service reaches the catalog at CATALOG_URL and the pickup points at PICKUP_URL.
void runServices('order', [OrderModule.register({})]);
