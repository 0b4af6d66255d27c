import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, DomainException } from '@app/common';
import { Public } from '@app/identity';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
  @ApiProperty({ example: 'up' }) database!: 'up';
  @ApiProperty({ description: 'all migrations applied' }) migrations!: 'current';
  @ApiProperty({ description: 'seconds since this process started' }) uptimeSeconds!: number;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto, description: '503 SERVICE_UNAVAILABLE while the database does not answer or migrations are pending' })
  async check(): Promise<HealthDto> {
    let pending: boolean;
    try {
      await this.dataSource.query('SELECT 1');
      pending = await this.dataSource.showMigrations();
    } catch {
      throw new DomainException('SERVICE_UNAVAILABLE', 'Database is not answering', { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
    }
    if (pending) throw new DomainException('SERVICE_UNAVAILABLE', 'Migrations are pending');
    return { status: 'ok', database: 'up', migrations: 'current', uptimeSeconds: Math.round(process.uptime()) };
  }
}
