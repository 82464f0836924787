import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ToInt, Trim } from '@app/http';
import { USER_ROLES, UserRole } from '@app/auth';
import { MOBILE_PATTERN } from '@app/contracts';

const PHONE_MESSAGE = 'phone must be an 11-digit mainland mobile number starting with 13-19';

export class LoginDto {
  @ApiProperty({ example: '13800000003' })
  @IsString() @Matches(MOBILE_PATTERN, { message: PHONE_MESSAGE })
  phone: string;

  @ApiProperty({ example: 'buyer-demo-2026' })
  @IsString() @MinLength(1) @MaxLength(128)
  password: string;
}

export class RegisterDto {
  @ApiProperty({ example: '13912345678' })
  @IsString() @Matches(MOBILE_PATTERN, { message: PHONE_MESSAGE })
  phone: string;

  @ApiProperty({ minLength: 8, maxLength: 128, description: 'At least 8 characters with a letter and a digit' })
  @IsString() @MinLength(8) @MaxLength(128)
  @Matches(/[A-Za-z]/, { message: 'password must contain a letter' })
  @Matches(/\d/, { message: 'password must contain a digit' })
  password: string;

  @ApiProperty({ enum: ['buyer', 'farmer'] })
  @IsIn(['buyer', 'farmer'], { message: 'role must be buyer or farmer; staff and admin accounts are made by an admin' })
  role: 'buyer' | 'farmer';

  @ApiPropertyOptional({ example: '李大姐', maxLength: 40 })
  @IsOptional() @IsString() @MaxLength(40)
  displayName?: string;
}

export class CreateUserDto {
  @ApiProperty({ example: '13700000009' })
  @IsString() @Matches(MOBILE_PATTERN, { message: PHONE_MESSAGE })
  phone: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES as unknown as string[])
  role: UserRole;

  @ApiProperty({ minLength: 8 })
  @IsString() @MinLength(8) @MaxLength(128)
  password: string;

  @ApiPropertyOptional({ maxLength: 40 })
  @IsOptional() @IsString() @MaxLength(40)
  displayName?: string;
}

export class ListUsersDto {
  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional() @IsIn(USER_ROLES as unknown as string[])
  role?: UserRole;

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional() @IsIn(['active', 'disabled'], { message: 'status must be active or disabled' })
  status?: 'active' | 'disabled';

  @ApiPropertyOptional({ description: 'The start of a phone number, 3 to 11 digits', example: '1380000' })
  @IsOptional() @IsString() @Matches(/^\d{3,11}$/, { message: 'phone must be 3 to 11 digits, the start of a number' })
  phone?: string;

  @ApiPropertyOptional({ description: 'The start of a phone number (3 to 11 digits) or part of a name', example: '李' })
  @IsOptional() @Trim() @IsString() @MinLength(1, { message: 'q must not be empty' }) @MaxLength(40)
  @Matches(/^[^\u0000-\u001f]*$/, { message: 'q must not hold control characters' })
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @ToInt() @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

export class SetAccountStatusDto {
  @ApiProperty({ enum: ['active', 'disabled'], description: 'disabled: the account cannot log in, and its tokens stop working at once' })
  @IsIn(['active', 'disabled'])
  status: 'active' | 'disabled';
}
