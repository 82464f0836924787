import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { AppError } from '@app/errors';
import { OnlinePayments } from './online-payments';
import { PaymentEventsService } from './payment-events.service';

@ApiTags('ordering: payments')
@Controller('api/payments/stripe')
export class StripeWebhookController {
  constructor(
    private readonly payments: OnlinePayments,
    private readonly events: PaymentEventsService,
  ) {}

  /** Stripe's signed webhook: verified against the raw body, then applied once per event id. */
  @ApiExcludeEndpoint()
  @Public()
  @Post('webhook')
  @HttpCode(200)
  async webhook(@Req() req: { rawBody?: Buffer }, @Headers('stripe-signature') signature: string | undefined) {
    if (!this.payments.enabled) throw new AppError('NOT_FOUND', 'Online payment is not configured');
    if (!req.rawBody) throw new AppError('MALFORMED_BODY', 'The webhook needs a JSON body');
    const event = this.payments.readWebhook(req.rawBody, signature);
    const outcome = await this.events.apply(event);
    return { received: true, outcome };
  }
}
