import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@app/auth';
import { CurrentUser, Roles } from '@app/auth';
import { IdPipe } from '@app/http';
import { StatementDto } from './dto/statement.dto';
import { StatementsService } from './statements.service';

@ApiTags('pickup points: earnings')
@ApiBearerAuth()
@Roles('staff', 'admin')
@Controller('api/pickup-points/:id/statements')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  /** The point's statement for one China day. */
  @Get()
  daily(@CurrentUser() caller: AuthUser, @Param('id', IdPipe) id: string, @Query() dto: StatementDto) {
    return this.statements.daily(caller, id, dto);
  }
}
