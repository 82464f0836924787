import 'reflect-metadata';
import { runServices } from '@app/http';
import { PickupPointModule } from './pickup-point.module';

void runServices('pickup-point', [PickupPointModule]);
