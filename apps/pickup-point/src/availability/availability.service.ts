import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@app/auth';
import { PickupDayAvailability, todayInChina } from '@app/contracts';
import { AppError } from '@app/errors';
import { AvailabilityDto } from '../points/dto/point.dto';
import { PointsService } from '../points/points.service';
import { availability, DayCounter, rangeProblems } from './calendar';

/** Each day's room at a point over a date range: its weekly hours, closed days and what is already held. */
@Injectable()
export class AvailabilityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly points: PointsService,
  ) {}

  async forRange(caller: AuthUser | undefined, id: string, dto: AvailabilityDto): Promise<PickupDayAvailability[]> {
    const today = todayInChina();
    const problems = rangeProblems(dto.from, dto.to, today);
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), undefined, problems);
    const point = await this.points.visiblePoint(caller, id);
    const closed: Array<{ day: string; reason: string | null }> = await this.db.query(
      `SELECT day::text AS day, reason FROM pickup.closed_days WHERE point_id = $1 AND day BETWEEN $2::date AND $3::date`,
      [id, dto.from, dto.to],
    );
    const counters: Array<{ day: string } & DayCounter> = await this.db.query(
      `SELECT day::text AS day, capacity, held FROM pickup.day_counters WHERE point_id = $1 AND day BETWEEN $2::date AND $3::date`,
      [id, dto.from, dto.to],
    );
    return availability({
      hours: point.openingHours,
      capacityPerDay: point.capacityPerDay,
      closedDays: new Map(closed.map((c) => [c.day, c.reason])),
      counters: new Map(counters.map((c) => [c.day, { capacity: c.capacity, held: c.held }])),
      from: dto.from,
      to: dto.to,
      today,
    });
  }
}
