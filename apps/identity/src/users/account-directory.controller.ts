import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { Roles } from '@app/auth';
import { AccountDirectoryService } from './account-directory.service';

export class AccountIdsDto {
  @ApiProperty({ type: [String], maxItems: 500 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID('all', { each: true, message: 'each id must be a UUID' })
  ids: string[];
}

/** The AccountDirectory over HTTP, for services in other processes (service tokens) and admins. */
@ApiTags('identity: directory for services')
@ApiBearerAuth()
@Roles('service', 'admin')
@Controller('api/auth/directory')
export class AccountDirectoryController {
  constructor(private readonly directory: AccountDirectoryService) {}

  @Post('accounts')
  @HttpCode(200)
  async accounts(@Body() dto: AccountIdsDto) {
    return { items: await this.directory.accounts(dto.ids) };
  }
}
