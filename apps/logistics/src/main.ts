import 'reflect-metadata';
import { runServices } from '@app/http';
import { LogisticsModule } from './logistics.module';

// Alone, the logistics service reaches the catalog at CATALOG_URL and the pickup points at PICKUP_URL.
void runServices('logistics', [LogisticsModule.register({})]);
