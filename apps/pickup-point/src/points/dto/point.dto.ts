import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min,
  registerDecorator, ValidateNested, ValidationArguments, ValidationOptions,
} from 'class-validator';
import {
  COUNTY_CODES, County, MOBILE_PATTERN, PICKUP_POINT_KIND_CODES, PICKUP_POINT_STATUSES, PickupPointKind, PickupPointStatus, PLACES_PER_REQUEST, WeeklyHours, ZHAOTONG_BOUNDS,
} from '@app/contracts';
import { IsDateOnly, ToBool, ToInt, Trim } from '@app/http';
import { weeklyHoursProblem } from '../../availability/calendar';

/** Weekly opening hours: { "1": { "open": "08:00", "close": "20:00" }, … }, checked by the calendar rules. */
export function IsWeeklyHours(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isWeeklyHours',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => weeklyHoursProblem(value, propertyName) === null,
        defaultMessage: (args?: ValidationArguments) => weeklyHoursProblem(args?.value, propertyName) ?? `${propertyName} is not valid`,
      },
    });
}

const HOURS_EXAMPLE = { '1': { open: '08:00', close: '20:00' }, '6': { open: '09:00', close: '17:00' } };

export class CreatePointDto {
  @ApiProperty({ example: '洒渔镇光明村村级服务站', minLength: 2, maxLength: 60 })
  @Trim() @IsString() @Length(2, 60)
  name: string;

  @ApiProperty({ enum: PICKUP_POINT_KIND_CODES })
  @IsIn(PICKUP_POINT_KIND_CODES, { message: `kind must be one of ${PICKUP_POINT_KIND_CODES.join(', ')}` })
  kind: PickupPointKind;

  @ApiProperty({ enum: COUNTY_CODES })
  @IsIn(COUNTY_CODES, { message: `county must be one of ${COUNTY_CODES.join(', ')}` })
  county: County;

  @ApiProperty({ example: '洒渔镇' })
  @Trim() @IsString() @Length(1, 30)
  township: string;

  @ApiPropertyOptional({ example: '光明村' })
  @IsOptional() @Trim() @IsString() @Length(1, 30)
  village?: string;

  @ApiProperty({ example: '昭阳区洒渔镇光明村委会旁', maxLength: 120 })
  @Trim() @IsString() @Length(2, 120)
  address: string;

  @ApiProperty({ example: 27.4312, description: `Latitude, ${ZHAOTONG_BOUNDS.minLat} to ${ZHAOTONG_BOUNDS.maxLat} (Zhaotong)` })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 })
  @Min(ZHAOTONG_BOUNDS.minLat, { message: `lat must be within Zhaotong (${ZHAOTONG_BOUNDS.minLat} to ${ZHAOTONG_BOUNDS.maxLat})` })
  @Max(ZHAOTONG_BOUNDS.maxLat, { message: `lat must be within Zhaotong (${ZHAOTONG_BOUNDS.minLat} to ${ZHAOTONG_BOUNDS.maxLat})` })
  lat: number;

  @ApiProperty({ example: 103.5893, description: `Longitude, ${ZHAOTONG_BOUNDS.minLng} to ${ZHAOTONG_BOUNDS.maxLng} (Zhaotong)` })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 })
  @Min(ZHAOTONG_BOUNDS.minLng, { message: `lng must be within Zhaotong (${ZHAOTONG_BOUNDS.minLng} to ${ZHAOTONG_BOUNDS.maxLng})` })
  @Max(ZHAOTONG_BOUNDS.maxLng, { message: `lng must be within Zhaotong (${ZHAOTONG_BOUNDS.minLng} to ${ZHAOTONG_BOUNDS.maxLng})` })
  lng: number;

  @ApiProperty({ example: HOURS_EXAMPLE, description: 'ISO weekday "1" (Monday) to "7" (Sunday) → opening hours in China time; a weekday left out is closed' })
  @IsWeeklyHours()
  openingHours: WeeklyHours;

  @ApiProperty({ minimum: 1, maximum: 10000, example: 80, description: 'Parcels the point can take per pickup day' })
  @IsInt() @Min(1) @Max(10000)
  capacityPerDay: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean()
  coldStorage?: boolean;

  @ApiProperty({ minimum: 0, maximum: 10000, example: 150, description: 'Commission in basis points of the order value (150 = 1.5%)' })
  @IsInt() @Min(0) @Max(10000)
  commissionBps: number;

  @ApiPropertyOptional({ example: '王芳' })
  @IsOptional() @Trim() @IsString() @Length(1, 20)
  contactName?: string;

  @ApiProperty({ example: '13912345678' })
  @IsString() @Matches(MOBILE_PATTERN, { message: 'contactPhone must be an 11-digit mainland mobile number' })
  contactPhone: string;
}

export class ClosedDayDto {
  @ApiProperty({ example: '2027-02-06' })
  @IsDateOnly()
  day: string;

  @ApiPropertyOptional({ example: '春节休息', maxLength: 30 })
  @IsOptional() @Trim() @IsString() @MaxLength(30)
  reason?: string;
}

export class UpdatePointDto extends PartialType(CreatePointDto) {
  @ApiPropertyOptional({ type: [ClosedDayDto], description: 'Replaces the closed days from today on; past ones are kept' })
  @IsOptional() @IsArray() @ArrayMaxSize(366) @ValidateNested({ each: true }) @Type(() => ClosedDayDto)
  closedDays?: ClosedDayDto[];
}

/** What staff bound to a point may change; name, place, kind, commission and status are the admins'. */
export const STAFF_EDITABLE: ReadonlyArray<keyof UpdatePointDto> = ['openingHours', 'closedDays', 'capacityPerDay', 'coldStorage', 'contactName', 'contactPhone'];

export class CloseDayDto {
  @ApiPropertyOptional({ example: '春节休息', maxLength: 30 })
  @IsOptional() @Trim() @IsString() @MaxLength(30)
  reason?: string;
}

export class ChangePointStatusDto {
  @ApiProperty({ enum: PICKUP_POINT_STATUSES, description: 'proposed → active (approve), active ⇄ suspended' })
  @IsIn(PICKUP_POINT_STATUSES as unknown as string[], { message: `status must be one of ${PICKUP_POINT_STATUSES.join(', ')}` })
  status: PickupPointStatus;

  @ApiPropertyOptional({ maxLength: 200, example: '门店装修，暂停两周' })
  @IsOptional() @Trim() @IsString() @MaxLength(200)
  note?: string;
}

export class BindStaffDto {
  @ApiProperty({ format: 'uuid', description: 'A staff account (identity user id)' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

export const MAX_POINTS_PAGE = 100;

export class ListPointsDto {
  @ApiPropertyOptional({ enum: COUNTY_CODES })
  @IsOptional() @IsIn(COUNTY_CODES, { message: `county must be one of ${COUNTY_CODES.join(', ')}` })
  county?: County;

  @ApiPropertyOptional({ example: '洒渔镇' })
  @IsOptional() @Trim() @IsString() @Length(1, 30)
  township?: string;

  @ApiPropertyOptional({ enum: PICKUP_POINT_KIND_CODES })
  @IsOptional() @IsIn(PICKUP_POINT_KIND_CODES)
  kind?: PickupPointKind;

  @ApiPropertyOptional({ example: '27.3381,103.7174', description: 'lat,lng: sorts by distance from there and adds distanceKm' })
  @IsOptional() @IsString()
  @Matches(/^-?\d{1,2}(\.\d{1,8})?,-?\d{1,3}(\.\d{1,8})?$/, { message: 'near must be "lat,lng" in decimal degrees, like 27.3381,103.7174' })
  near?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, description: 'With near: only points within this many km' })
  @IsOptional() @ToInt() @IsInt() @Min(1) @Max(500)
  withinKm?: number;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Only points open that day (weekly hours and closed days)' })
  @IsOptional() @IsDateOnly()
  openOn?: string;

  @ApiPropertyOptional({ description: 'Only points with cold storage' })
  @IsOptional() @ToBool() @IsBoolean()
  coldStorage?: boolean;

  @ApiPropertyOptional({ enum: PICKUP_POINT_STATUSES, description: 'Admins only; everyone else sees active points' })
  @IsOptional() @IsIn(PICKUP_POINT_STATUSES as unknown as string[])
  status?: PickupPointStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_POINTS_PAGE, default: 20 })
  @IsOptional() @ToInt() @IsInt() @Min(1) @Max(MAX_POINTS_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page (not with near: the nearest come first)' })
  @IsOptional() @IsString() @MaxLength(400)
  cursor?: string;
}

export class AvailabilityDto {
  @ApiProperty({ example: '2026-12-01', description: 'First day, China time; not in the past' })
  @IsDateOnly()
  from: string;

  @ApiProperty({ example: '2026-12-14', description: 'Last day, included; at most 31 days from `from`' })
  @IsDateOnly()
  to: string;
}

/** Which points logistics wants the places of (one request for a run's worth of points). */
export class PlacesDto {
  @ApiProperty({ type: [String], maxItems: PLACES_PER_REQUEST, description: 'Point ids; ids that name no point are left out of the answer' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(PLACES_PER_REQUEST) @IsUUID('all', { each: true, message: 'each id must be a UUID' })
  ids: string[];
}
