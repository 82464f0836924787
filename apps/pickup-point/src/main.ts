import 'reflect-metadata';
import { runServices } from '@app/http';
import { PickupPointModule } from './pickup-point.module';

// Alone, the pickup-point service asks identity about accounts at IDENTITY_URL.
void runServices('pickup-point', [PickupPointModule.register({})]);
