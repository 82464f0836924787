import 'reflect-metadata';
import { runServices } from '@app/http';
import { LogisticsModule } from './logistics.module';

void runServices('logistics', [LogisticsModule]);
