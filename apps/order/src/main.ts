import 'reflect-metadata';
import { runServices } from '@app/http';
import { OrderModule } from './order.module';

void runServices('order', [OrderModule]);
